"""Deterministic reading of a customer message: wants a human? angry? sensitive? an injection attempt?

Rules work on normalised text (:func:`app.components.text.normalise`), so slang and typos such as
``mau ngomong sm cs`` are read like ``mau ngomong sama cs``. The source articles ask for exactly this:
urgent or emotional matters go to a person, disputes move to a private channel, and the bot never
pretends to handle what it should not (account takeover, fraud, legal threats).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.components.text import normalise
from app.settings import DEFAULT_SENSITIVE

_WANT = r"(?:mau|ingin|pengen|pingin|minta|tolong|bisa|boleh|perlu|butuh|please|pls|can i|i want to|i need to|let me)"
_TALK = (
    r"(?:bicara|ngomong|ngobrol|berbicara|chat|hubungi|dihubungkan|hubungkan|sambungkan|disambungkan|"
    r"telepon|telpon|nelpon|talk|speak|connect|transfer)"
)
_PERSON = (
    r"(?:cs|agen|agent|admin|manusia|orang|operator|petugas|staf|staff|human|person|someone|representative|"
    r"customer service|layanan pelanggan|orang asli|cs asli|real person|live agent)"
)
HUMAN_REQUEST = [
    re.compile(rf"\b{_WANT}\b.{{0,30}}\b{_TALK}\b.{{0,25}}\b{_PERSON}\b"),
    re.compile(rf"\b{_TALK}\b.{{0,12}}\b(?:dengan|sama|ke|to|with)\b.{{0,12}}\b{_PERSON}\b"),
    re.compile(r"^(?:cs|agen|agent|operator|human|manusia|admin|minta cs|minta agen|hubungi agen)$"),
    re.compile(r"\b(?:bukan|not|no)\b.{0,10}\b(?:bot|robot|mesin|machine)\b"),
    re.compile(r"\b(?:ada|is there)\b.{0,15}\b(?:orang|manusia|human|person|cs)\b.{0,15}\b(?:nya|asli|real)\b"),
]

ANGER_WORDS = frozenset(
    """
    kecewa parah payah kesal kesel marah jengkel nyebelin sebel lelet lemot sampah bodoh goblok tolol anjing
    anjir bangsat brengsek sialan kampret gila keterlaluan mengecewakan menyebalkan ngeselin zonk penipu tipu
    worst terrible awful ridiculous unacceptable useless angry furious frustrated disappointed pathetic scam
    joke stupid hate
    """.split()  # noqa: SIM905 - a word list reads best as text
)
REPEAT_PHRASES = re.compile(
    r"\b(?:berkali kali|udah \d+ ?x|sudah \d+ ?x|\d+ kali|dari kemarin|dari minggu lalu|sampai sekarang|"
    r"tidak ada jawaban|tidak dijawab|tidak direspon|tidak ada respon|masih belum juga|lagi lagi|"
    r"again and again|still not|no one answers|nobody replied|for days|many times)\b"
)
THREATS = re.compile(r"\b(?:viral|viralin|sebar|laporin|review bintang 1|bintang satu|1 star|uninstall)\b")


INJECTION = [
    re.compile(
        r"\b(?:abaikan|lupakan|ignore|disregard|forget)\b.{0,40}\b(?:instruksi|perintah|aturan|prompt|"
        r"instructions?|rules?|previous|sebelumnya|above)\b"
    ),
    re.compile(r"\b(?:system prompt|prompt sistem|developer mode|jailbreak|dan mode)\b"),
    re.compile(r"\b(?:kamu sekarang adalah|anda sekarang adalah|you are now|act as|berpura pura|pretend to be)\b"),
    re.compile(
        r"\b(?:tunjukkan|tampilkan|bocorkan|reveal|show|print|tell me)\b.{0,30}\b(?:instruksi|prompt|instructions)"
    ),
]


@dataclass(frozen=True)
class MessageSignals:
    """What the rules read in one message (with its conversation)."""

    human_request: bool
    sensitive: str | None  # the matched topic
    anger: float  # 0..1
    repeated: bool  # the same question again after the bot answered it
    injection: bool

    @property
    def frustrated(self) -> bool:
        return self.repeated or self.anger >= 0.5


def read_signals(
    message: str, history: Sequence[dict[str, str]] = (), sensitive_topics: Sequence[str] = DEFAULT_SENSITIVE
) -> MessageSignals:
    """Read a customer message in the light of the earlier turns."""
    text = normalise(message)
    return MessageSignals(
        human_request=any(p.search(text) for p in HUMAN_REQUEST),
        sensitive=_sensitive(text, sensitive_topics),
        anger=anger_score(message),
        repeated=_asked_again(text, history),
        injection=any(p.search(text) for p in INJECTION),
    )


def anger_score(message: str) -> float:
    """0..1 from insults/anger words, shouting in capitals, !!!/??? runs, threats and repeat complaints."""
    text = normalise(message)
    words = text.split()
    score = 0.35 * min(2, sum(w in ANGER_WORDS for w in words))
    letters = [c for c in message if c.isalpha()]
    if len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        score += 0.35
    if re.search(r"[!?]{3,}", message):
        score += 0.2
    if REPEAT_PHRASES.search(text):
        score += 0.3
    if THREATS.search(text):
        score += 0.3
    return min(1.0, score)


def strip_injection(message: str) -> str:
    """The message without sentences that try to give the bot instructions."""
    sentences = re.split(r"(?<=[.!?\n])\s+", message)
    kept = [s for s in sentences if not any(p.search(normalise(s)) for p in INJECTION)]
    return " ".join(kept).strip()


def _sensitive(text: str, topics: Sequence[str]) -> str | None:
    padded = f" {text} "
    for topic in topics:
        if f" {normalise(topic)} " in padded:
            return topic
    return None


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
