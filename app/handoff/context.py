"""The context a handoff case carries, so the agent never has to ask the customer to repeat anything.

Built from the stored transcript and the engine's last :class:`Answer`: an extractive summary, the
customer's mood, the best knowledge category, the draft answer and the sources with their scores.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from app.answer.models import Answer
from app.answer.signals import anger_score
from app.notify.base import CASE_OPENED, CaseEvent
from app.store.records import CaseDetails, HandoffCase, Message, Transcript

if TYPE_CHECKING:
    from app.retrieval.live_index import LiveIndex

CategoryLookup = Callable[[str], str | None]

SUMMARY_PART_CHARS = 240
MOOD_WINDOW = 3  # the customer's latest messages that decide the sentiment
ENGINE_ROLES = {"customer": "user", "bot": "assistant", "agent": "assistant"}
EVENT_ROLES = {"customer": "user", "bot": "assistant", "agent": "agent", "system": "system"}
# Bot messages that are not answers (notices, acknowledgements) stay out of the engine's history.
NOT_ANSWERS = frozenset({"ack", "refusal", "error", "offer", "channel"})


def engine_history(messages: Sequence[Message]) -> list[dict[str, str]]:
    """The conversation as the answer engine reads it: user and assistant turns, oldest first."""
    return [
        {"role": ENGINE_ROLES[m.role], "content": m.content}
        for m in messages
        if m.role in ENGINE_ROLES and m.meta.get("kind") not in NOT_ANSWERS
    ]


def customer_texts(messages: Sequence[Message]) -> list[str]:
    return [m.content for m in messages if m.role == "customer" and not m.meta.get("refused")]


def summarise(messages: Sequence[Message]) -> str:
    """Extractive: the customer's first message and their latest one, each trimmed."""
    texts = customer_texts(messages)
    if not texts:
        return ""
    first, last = _trim(texts[0]), _trim(texts[-1])
    if len(texts) == 1 or first == last:
        return first
    return f"{first} … {last}"


def sentiment(messages: Sequence[Message], reason: str | None = None) -> str:
    """``negatif`` / ``agak negatif`` / ``netral`` from the anger in the customer's latest messages.

    The anger reading cannot see praise, so there is no ``positif``: a calm customer reads ``netral``.
    """
    recent = customer_texts(messages)[-MOOD_WINDOW:]
    anger = max((anger_score(text) for text in recent), default=0.0)
    if anger >= 0.5 or reason == "frustration":
        return "negatif"
    return "agak negatif" if anger > 0 else "netral"


def source_dicts(answer: Answer | None) -> list[dict[str, Any]]:
    """The answer's sources for the agent: id, title, kind and retrieval score (no excerpts)."""
    if answer is None:
        return []
    return [{"doc_id": s.doc_id, "title": s.title, "kind": s.kind, "score": s.score} for s in answer.sources]


def case_details(
    transcript: Transcript, answer: Answer | None, reason: str, category_of: CategoryLookup | None
) -> CaseDetails:
    """Everything the agent needs, from the transcript and (when the bot tried) its last answer."""
    return CaseDetails(
        lang=answer.lang if answer else transcript.conversation.lang,
        confidence=round(answer.confidence, 4) if answer else None,
        category=_category(answer, category_of),
        sentiment=sentiment(transcript.messages, reason),
        summary=summarise(transcript.messages) or None,
        draft_answer=(answer.draft or None) if answer else None,
        sources=source_dicts(answer),
    )


def _category(answer: Answer | None, category_of: CategoryLookup | None) -> str | None:
    """The category of the best source that has one (a past ticket that decided a handoff comes first and has none)."""
    if answer is None or category_of is None:
        return None
    return next((category for s in answer.sources if (category := category_of(s.doc_id))), None)


def answer_meta(answer: Answer) -> dict[str, Any]:
    """What a bot message records about its answer (the dashboard reads decision, sources and latency_ms)."""
    return {
        "decision": answer.decision,
        "reason": answer.reason,
        "confidence": round(answer.confidence, 4),
        "retrieval_confidence": round(answer.retrieval_confidence, 4),
        "lang": answer.lang,
        "generator": answer.generator,
        "latency_ms": round(answer.latency_ms, 1),
        "sources": source_dicts(answer),
    }


def priority_label(priority: int) -> str:
    return "high" if priority >= 20 else "normal" if priority >= 10 else "low"


def case_event(case: HandoffCase, transcript: Transcript, agent_url: str) -> CaseEvent:
    """The ``case.opened`` notification: the case, a link to it in the console, the whole transcript."""
    return CaseEvent(
        event=CASE_OPENED,
        case_id=case.id,
        conversation_id=case.conversation_id,
        reason=case.reason,
        priority=priority_label(case.priority),
        lang=case.lang,
        summary=case.summary or "",
        channel=transcript.conversation.channel,
        agent_url=f"{agent_url}?case={case.id}",
        contact={k: v for k, v in asdict(case.contact).items() if v},
        transcript=[
            {"role": EVENT_ROLES[m.role], "content": m.content, "created_at": m.created_at.isoformat()}
            for m in transcript.messages
        ],
    )


def lookup_category(index: LiveIndex) -> CategoryLookup:
    """A category lookup over a :class:`~app.retrieval.live_index.LiveIndex` (its current snapshot)."""

    def category_of(doc_id: str) -> str | None:
        stored = index.snapshot.entries.get(doc_id)
        return (stored.entry.category or None) if stored else None

    return category_of


def _trim(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= SUMMARY_PART_CHARS:
        return flat
    return flat[: SUMMARY_PART_CHARS - 1].rsplit(" ", 1)[0] + "…"
