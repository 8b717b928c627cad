"""Deterministic reading of a customer message: wants a human? angry? sensitive? an injection attempt?

Rules work on normalised text (:func:`app.components.text.normalise`), so slang and typos such as
``mau ngomong sm cs`` are read like ``mau ngomong sama cs``. The source articles ask for exactly this:
urgent or emotional matters go to a person, disputes move to a private channel, and the bot never
pretends to handle what it should not (account takeover, fraud, legal threats). The rules themselves are in
:mod:`app.answer.rules`; this module combines what they find.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.answer.rules.anger import (
    ACRONYMS,
    ANGER_PHRASES,
    ANGER_WORDS,
    FED_UP,
    INSULT_PHRASES,
    INSULTS,
    INTENSE,
    NEUTRAL,
    REPEATED_COMPLAINT,
    THREATS,
    WAITING_COMPLAINT,
    WEAK_THREATS,
)
from app.answer.rules.asking import GENERAL_QUESTION, HAPPENED, HOW_TO, HUMAN_REQUEST, INJECTION
from app.answer.rules.incidents import SENSITIVE_INCIDENTS
from app.components.text import normalise
from app.settings import DEFAULT_SENSITIVE


@dataclass(frozen=True)
class MessageSignals:
    """What the rules read in one message (with its conversation)."""

    human_request: bool
    sensitive: str | None  # the matched topic
    anger: float  # 0..1
    repeated: bool  # the same question again after the bot answered it
    injection: bool
    how_to: bool = False  # asks *how* something works ("how do I reach a human?"), not for it to happen

    @property
    def frustrated(self) -> bool:
        return self.repeated or self.anger >= 0.5


def read_signals(
    message: str, history: Sequence[dict[str, str]] = (), sensitive_topics: Sequence[str] = DEFAULT_SENSITIVE
) -> MessageSignals:
    """Read a customer message in the light of the earlier turns."""
    text = normalise(message)
    asks_person = any(p.search(text) for p in HUMAN_REQUEST)
    how_to = bool(HOW_TO.search(text)) or (
        bool(GENERAL_QUESTION.search(text)) and not asks_person and not HAPPENED.search(text)
    )
    return MessageSignals(
        human_request=not how_to and asks_person,
        sensitive=None if how_to else _sensitive(text, sensitive_topics),
        anger=anger_score(message),
        repeated=_asked_again(text, history),
        injection=any(p.search(text) for p in INJECTION),
        how_to=how_to,
    )


_PUNCTUATION_RUN = re.compile(r"[!?]{3,}|\?!|!\?")


def anger_score(message: str) -> float:
    """0..1 from insults, anger words, shouting, !!!/??? runs, threats and repeated complaints."""
    text = NEUTRAL.sub(" ", normalise(message))
    words = text.split()
    score = 0.6 * min(1, sum(w in INSULTS for w in words) + len(INSULT_PHRASES.findall(text)))
    score += 0.3 * min(2, sum(w in ANGER_WORDS for w in words) + len(ANGER_PHRASES.findall(text)))
    shouted = [w for w in re.findall(r"[A-Za-z]{2,}", message) if w.isupper() and w not in ACRONYMS]
    letters = [c for c in message if c.isalpha()]
    if len(shouted) >= 3 or (len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.8):
        score += 0.35
    runs = len(_PUNCTUATION_RUN.findall(message))  # "???" once is impatience; again ("halo??? ...!!!") exasperation
    score += 0.0 if not runs else 0.2 if runs == 1 else 0.3
    if REPEATED_COMPLAINT.search(text) or FED_UP.search(text):
        score += 0.5
    elif INTENSE.search(text):
        score += 0.1 if is_question(message) else 0.5
    elif WAITING_COMPLAINT.search(text):
        score += 0.25
    if THREATS.search(text) and not HOW_TO.search(text):
        score += 0.5
    elif THREATS.search(text) or WEAK_THREATS.search(text):
        score += 0.4
    return min(1.0, score)


_CLAUSE = re.compile(r"(?<=[.!?\n])\s+|[,;:]\s*|\s+(?:dan|and|lalu|terus|then|trus|kemudian)\s+", re.IGNORECASE)


_ASKS = re.compile(
    r"\?|\b(?:apa|apakah|bagaimana|gimana|berapa|kapan|kenapa|mengapa|dimana|mana|bisa|boleh|bisakah|cara|"
    r"kasih tahu|kasih tau|info|how|what|when|where|why|which|can|could|is|are|do|does|tell me)\b"
)


def is_question(text: str) -> bool:
    """Does the text ask something (rather than order the bot to do something)?"""
    return bool(_ASKS.search(text.lower()))


def strip_injection(message: str) -> str:
    """The message without the clauses that try to give the bot instructions (the real question stays)."""
    clauses = [c for c in _CLAUSE.split(message) if c and c.strip()]
    kept = [c for c in clauses if not any(p.search(normalise(c)) for p in INJECTION)]
    return " ".join(kept).strip()


def question_part(message: str, signals: MessageSignals) -> str:
    """What of the message is searched: all of it, or without an injection attempt's orders ("" when only
    orders are left: nothing to answer)."""
    if not signals.injection:
        return message
    cleaned = strip_injection(message)
    return cleaned if is_question(cleaned) else ""


def _sensitive(text: str, topics: Sequence[str]) -> str | None:
    padded = f" {text} "
    for topic in topics:
        if f" {normalise(topic)} " in padded:
            return topic
    return next((name for name, pattern in SENSITIVE_INCIDENTS if pattern.search(text)), None)


def _asked_again(text: str, history: Sequence[dict[str, str]]) -> bool:
    """True when an earlier customer turn, already answered by the bot, asked nearly the same thing."""
    tokens = set(text.split())
    if len(tokens) < 3:
        return False
    for i, turn in enumerate(history):
        answered = any(later["role"] == "assistant" for later in history[i + 1 :])
        if turn["role"] == "user" and answered:
            earlier = set(normalise(turn["content"]).split())
            if earlier and len(tokens & earlier) / len(tokens | earlier) >= 0.6:
                return True
    return False
