"""The answer engine: read the message, retrieve, decide (answer or hand off), word the reply.

One pipeline for the chat, `sigap ask` and `sigap eval`:
1. signals: explicit request for a human, a sensitive topic, frustration, injection attempts;
2. retrieval on the (condensed, injection-free) query; confidence from calibrated retrieval signals;
3. decision: a rule reason, or ``low_confidence`` below the threshold, else ``answer``;
4. wording: the LLM when one is healthy (falling back to extractive on any failure or invented number),
   else extractive. Tickets only *point* to the FAQ that solved them; their text is never shown.
"""

from __future__ import annotations

import collections.abc
import time
from collections.abc import Iterator, Sequence

from app.answer.condense import (
    condense_prompt,
    condensed_query,
    in_context,
    is_follow_up,
    previous_question,
    summary_prompt,
)
from app.answer.confidence import Calibration, retrieval_features
from app.answer.exemplars import ExemplarMatcher
from app.answer.generators import (
    NOT_IN_KNOWLEDGE,
    ExtractiveGenerator,
    Grounding,
    ungrounded_numbers,
)
from app.answer.llm_choice import LLMChoice
from app.answer.messages import APOLOGY, HANDOFF
from app.answer.models import Answer, HandoffReason, Retrieved, Source
from app.answer.signals import MessageSignals, question_part, read_signals
from app.answer.unanswerable import likeness
from app.components.embedding import Vectors, embedded_questions
from app.components.language import detect_lang
from app.components.reranker import Reranker, create_reranker
from app.errors import IndexNotReadyError, LLMError
from app.retrieval.live_index import LiveIndex
from app.retrieval.search import EntryHit, hybrid_search, rerank
from app.settings import Settings
from ingest.model import Entry

ReplyStream = collections.abc.Generator[str, None, Answer]
RULE_CONFIDENCE_CAP = 0.05  # a rule handoff means: an automatic answer is not appropriate
# Confidence from which an upset customer (recognised by meaning, not by the rules) is answered, not transferred.
SURE_ENOUGH_WHEN_UPSET = 0.8


class AnswerEngine:
    """Answers one customer message at a time from the live index."""

    def __init__(
        self,
        settings: Settings,
        index: LiveIndex,
        calibration: Calibration | None = None,
        llm: LLMChoice | None = None,
        reranker: Reranker | None = None,
    ) -> None:
        self._settings = settings
        self._index = index
        self.calibration = calibration or Calibration.load(settings.answer.calibration)
        if settings.answer.threshold is not None:
            self.calibration.threshold = settings.answer.threshold
        self._llm = llm or LLMChoice(settings.llm)
        self._extractive = ExtractiveGenerator()
        self._reranker = reranker if reranker is not None else create_reranker(settings.retrieval.reranker_model)
        self._exemplars = ExemplarMatcher(index) if settings.answer.semantic_reasons else None

    @property
    def index(self) -> LiveIndex:
        return self._index

    def warm_up(self) -> None:
        """Load the index's current generation and fit what depends on it, so that no customer waits for it
        (the reasons-by-meaning model takes about a second; the entry classifier, when it weighs, seconds)."""
        try:
            _ = self._index.snapshot
        except IndexNotReadyError:
            return  # nothing ingested yet: the first question will say so
        if self._settings.retrieval.classifier_weight:
            _ = self._index.classifier
        if self._exemplars is not None:
            self._exemplars.fit()
        self._unanswerable()

    def _unanswerable(self) -> Vectors:
        """The calibration's known out-of-scope questions, embedded (once per process)."""
        return embedded_questions(self._index.embedder, self.calibration.unanswerable_examples)

    def answer(self, message: str, history: Sequence[dict[str, str]] = ()) -> Answer:
        """The whole reply at once (the same path as :meth:`stream`)."""
        for event in self.stream(message, history):
            if isinstance(event, Answer):
                return event
        raise AssertionError("stream() always ends with an Answer")  # pragma: no cover

    def stream(self, message: str, history: Sequence[dict[str, str]] = ()) -> Iterator[str | Answer]:
        """Yield pieces of the reply as they are produced, then the final :class:`Answer`.

        The final Answer's ``text`` is authoritative: it may replace streamed text that failed a check.
        """
        started = time.perf_counter()
        lang = self._language(message, history)
        signals = read_signals(message, history, self._settings.answer.sensitive_topics)
        cleaned = question_part(message, signals)
        query = self._condense(cleaned, history)
        previous = previous_question(history)
        # a message that reads as standalone is searched in the light of the question before it, too
        in_light = query == cleaned and bool(previous.strip())
        condensed = query != cleaned
        # one batch: the message (for the meaning check and for search), with the condensed follow-up that is
        # searched instead or the previous question it is read in the light of
        texts = [cleaned, query] if condensed and query.strip() else [cleaned, previous] if in_light else [cleaned]
        embedded = self._index.embedder.embed_questions(texts) if cleaned.strip() else None
        vector = None if embedded is None else embedded[0]
        searched = None if embedded is None else embedded[-1] if condensed else vector
        # a condensed follow-up is searched as written too: a new topic asked after "terus ..." keeps its own
        # best matches instead of being pulled back to the previous question's topic
        also = [vector] if condensed and vector is not None else []
        if in_light and embedded is not None:  # then the message is the query: embedded[0] is what is searched
            also.append(in_context(embedded[0], embedded[1]))
        hits = (
            hybrid_search(self._index, query, self._settings.retrieval, query_vector=searched, lang=lang, also=also)
            if query.strip()
            else []
        )
        if self._reranker is not None and len(hits) > 1:
            hits = rerank(self._reranker, query, hits)
        features = retrieval_features(
            hits,
            self._index.coverage(query, hits[0].doc_id) if hits else 0.0,
            self._index.known_share(query),
            likeness(vector, self._unanswerable()),
        )
        retrieval_confidence = confidence = self.calibration.confidence(features) if hits else 0.0
        chosen = self._answerable(hits)
        grounding = self._grounding(message, lang, chosen, history, signals) if chosen else None
        reason = self._rule_reason(signals) or self._meant_reason(vector, signals, retrieval_confidence)
        past_ticket = False
        if reason:
            confidence = min(confidence, RULE_CONFIDENCE_CAP)
        elif past_ticket_near_best(hits, self._settings.answer.past_ticket_margin):
            # The closest knowledge, or as close as makes no difference, is a past case no FAQ entry covers: a
            # human answered it then and should answer now (the agent sees that ticket); an answer from an FAQ
            # entry would be a guess.
            reason, confidence = "low_confidence", min(confidence, RULE_CONFIDENCE_CAP)
            past_ticket = True
        elif grounding is None or confidence < self.calibration.threshold:
            reason = "low_confidence"
        if reason:
            text = HANDOFF[reason][lang]
            yield text
            answer = Answer(text, "handoff", confidence, lang, "rules", _sources(hits, tickets=past_ticket), reason)
        else:
            assert grounding is not None and chosen is not None
            answer = yield from self._word(grounding, chosen, hits, confidence)
        answer.draft = grounding.passage if grounding else ""
        answer.features, answer.retrieval_confidence, answer.past_ticket = features, retrieval_confidence, past_ticket
        answer.retrieved = [
            Retrieved(
                h.doc_id,
                h.stored.entry.kind,
                round(h.score, 5),
                round(h.dense, 5),
                round(h.keyword, 4),
                h.stored.entry.faq_id,
            )
            for h in hits
        ]
        answer.latency_ms = (time.perf_counter() - started) * 1000
        yield answer

    def _word(self, grounding: Grounding, chosen: EntryHit, hits: list[EntryHit], confidence: float) -> ReplyStream:
        """Stream the reply with the LLM when healthy, else (or on any failure) extractively."""
        prefix = APOLOGY[grounding.lang] if grounding.complaint else ""
        if prefix:
            yield prefix
        sources = _sources(hits, lead=grounding.entry, score=chosen.score, excerpt=grounding.passage)
        generator = self._llm.generator()
        if generator is not None:
            pieces: list[str] = []
            try:
                for piece in generator.stream(grounding):
                    pieces.append(piece)
                    yield piece
                reply = "".join(pieces).strip()
                if reply and NOT_IN_KNOWLEDGE not in reply and not ungrounded_numbers(reply, grounding):
                    return Answer(prefix + reply, "answer", confidence, grounding.lang, generator.name, sources)
            except LLMError:
                self._llm.mark_unhealthy()
        extracted: list[str] = []
        for piece in self._extractive.stream(grounding):
            extracted.append(piece)
            yield piece
        text = "".join(extracted)
        return Answer(prefix + text, "answer", confidence, grounding.lang, self._extractive.name, sources)

    def summarize(self, customer_messages: Sequence[str], lang: str) -> str | None:
        """A short summary of a customer's problem for the agent, by the LLM when one is healthy (else None)."""
        model = self._llm.model()
        if model is None or not customer_messages:
            return None
        try:
            summary = "".join(model.stream(summary_prompt(customer_messages, lang))).strip()
        except LLMError:
            self._llm.mark_unhealthy()
            return None
        return summary[:600] or None

    def _condense(self, message: str, history: Sequence[dict[str, str]]) -> str:
        """A follow-up made standalone: by the LLM when one is healthy, else deterministically."""
        if not message or not is_follow_up(message, history):
            return message
        model = self._llm.model()
        if model is not None:
            try:
                rewritten = "".join(model.stream(condense_prompt(message, history))).strip()
                if rewritten and len(rewritten) < 4 * len(message) + 200:
                    return rewritten
            except LLMError:
                self._llm.mark_unhealthy()
        return condensed_query(message, history)

    def _rule_reason(self, signals: MessageSignals) -> HandoffReason | None:
        if signals.sensitive:
            return "sensitive"
        if signals.human_request:
            return "human_request"
        if signals.frustrated:
            return "frustration"
        return None

    def _meant_reason(
        self, message: Vectors | None, signals: MessageSignals, confidence: float
    ) -> HandoffReason | None:
        """A human request, sensitive matter or exasperation said in words no rule knows, recognised by meaning.

        An upset customer whose question Sigap answers with confidence gets the answer, with an apology
        (H.E.A.R.D.: hear, empathise, apologise, resolve); exasperation hands off when the answer is uncertain.
        """
        if self._exemplars is None or signals.how_to or signals.injection or message is None:
            return None  # an injection attempt's words are orders to the bot: they say nothing of the customer
        reason = self._exemplars.reason(message)
        if reason == "frustration" and confidence >= SURE_ENOUGH_WHEN_UPSET:
            return None
        return reason

    def _language(self, message: str, history: Sequence[dict[str, str]]) -> str:
        previous = [t["content"] for t in history if t["role"] == "user"]
        default = detect_lang(previous[-1]) if previous else self._settings.answer.default_lang
        return detect_lang(message, default=default)

    @staticmethod
    def _answerable(hits: list[EntryHit]) -> EntryHit | None:
        """The best FAQ or page hit. A ticket that links to an FAQ already scores as that FAQ (see
        hybrid_search); the tickets left are unlinked, and another customer's text is never an answer."""
        return next((hit for hit in hits if hit.stored.entry.kind != "ticket"), None)

    def _grounding(
        self,
        message: str,
        lang: str,
        hit: EntryHit,
        history: Sequence[dict[str, str]],
        signals: MessageSignals,
    ) -> Grounding:
        entry: Entry = hit.stored.entry
        passage = hit.chunk_text.split("\n", 1)[-1] if entry.kind == "doc" else entry.body
        complaint = signals.anger > 0
        return Grounding(message, lang, entry, passage, tuple(history), complaint)


def past_ticket_near_best(hits: Sequence[EntryHit], margin: float) -> bool:
    """Is a past ticket that no FAQ entry covers among the hits, at most ``margin`` below the best one's score?
    (Tickets that link to an FAQ entry score as that entry, so every ticket hit is an unlinked one.)"""
    return bool(hits) and any(hit.stored.entry.kind == "ticket" and hit.score >= hits[0].score - margin for hit in hits)


def _sources(
    hits: Sequence[EntryHit],
    lead: Entry | None = None,
    score: float = 0.0,
    excerpt: str = "",
    tickets: bool = False,
) -> list[Source]:
    """The entries behind a reply, the answering one first. Tickets (other customers) are listed only with
    ``tickets``, for a handoff that a past ticket decided: there the sources go to the agent, who can reuse
    how that case was resolved; the customer is never shown the sources of a handoff."""
    sources = [Source(lead.doc_id, lead.title, lead.kind, round(score, 4), excerpt[:300])] if lead else []
    seen = {lead.doc_id} if lead else set()
    # with tickets, the past cases lead (best first among them): they are why the agent has the conversation
    for hit in sorted(hits, key=lambda h: h.stored.entry.kind != "ticket") if tickets else hits:
        entry = hit.stored.entry
        if (tickets or entry.kind != "ticket") and entry.doc_id not in seen:
            seen.add(entry.doc_id)
            sources.append(Source(entry.doc_id, entry.title, entry.kind, round(hit.score, 4), entry.body[:300]))
    return sources[:3]
