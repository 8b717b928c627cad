"""The answer engine: retrieve, decide (answer or hand off), and word the reply.

This first version answers extractively: the best FAQ entry's curated answer, lightly framed, with its
source. It never pastes another customer's ticket text: a ticket counts only through the FAQ entry it
links to. Below the similarity threshold it hands off instead of guessing ("don't promise the moon").
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from app.answer.models import Answer, Source
from app.components.language import detect_lang
from app.retrieval.live_index import LiveIndex
from app.retrieval.search import EntryHit, hybrid_search
from app.settings import Settings
from ingest.model import Entry

HANDOFF_TEXT = {
    "id": (
        "Maaf, saya belum menemukan jawaban yang pasti untuk pertanyaan Anda. Agar tidak keliru, "
        "percakapan ini saya teruskan ke agen kami; Anda tidak perlu mengulang cerita dari awal."
    ),
    "en": (
        "Sorry, I could not find a reliable answer to your question. So that you get it right, I am passing "
        "this conversation to one of our agents; you will not need to repeat yourself."
    ),
}
FRAME = {
    ("id", "id"): "{body}",
    ("en", "en"): "{body}",
    ("en", "id"): "Here is what our help centre says (in Indonesian):\n\n{body}",
    ("id", "en"): "Berikut informasi dari pusat bantuan kami (dalam bahasa Inggris):\n\n{body}",
}


class AnswerEngine:
    """Answers one customer message at a time from the live index."""

    def __init__(self, settings: Settings, index: LiveIndex) -> None:
        self._settings = settings
        self._index = index

    def answer(self, question: str, history: Sequence[dict[str, str]] = ()) -> Answer:
        """Answer ``question`` (``history``: earlier turns as ``{"role", "content"}``)."""
        started = time.perf_counter()
        lang = detect_lang(question)
        hits = hybrid_search(self._index, question, self._settings.retrieval)
        chosen = self._answerable(hits)
        confidence = chosen.dense if chosen else 0.0
        if chosen is None or confidence < self._settings.answer.min_similarity:
            result = Answer(
                HANDOFF_TEXT[lang], "handoff", confidence, lang, "extractive", _sources(hits), "low_confidence"
            )
        else:
            entry = self._faq_behind(chosen)
            body = entry.body if entry.kind != "doc" else chosen.chunk_text.split("\n", 1)[-1]
            text = FRAME[(lang, entry.lang)].format(body=body)
            lead = Source(entry.doc_id, entry.title, entry.kind, round(chosen.score, 4), body[:240])
            result = Answer(text, "answer", confidence, lang, "extractive", _sources(hits, lead))
        result.latency_ms = (time.perf_counter() - started) * 1000
        return result

    def _answerable(self, hits: list[EntryHit]) -> EntryHit | None:
        """The best hit that can be answered from: an FAQ, a page, or a ticket that links to an FAQ."""
        entries = self._index.snapshot.entries
        for hit in hits:
            entry = hit.stored.entry
            if entry.kind != "ticket" or entry.faq_id in entries:
                return hit
        return None

    def _faq_behind(self, hit: EntryHit) -> Entry:
        entry = hit.stored.entry
        return self._index.snapshot.entries[entry.faq_id].entry if entry.kind == "ticket" else entry


def _sources(hits: Sequence[EntryHit], lead: Source | None = None) -> list[Source]:
    seen: set[str] = {lead.doc_id} if lead else set()
    sources: list[Source] = [lead] if lead else []
    for hit in hits:
        entry = hit.stored.entry
        if entry.kind == "ticket" or entry.doc_id in seen:
            continue  # tickets are other customers' conversations: never shown
        seen.add(entry.doc_id)
        sources.append(Source(entry.doc_id, entry.title, entry.kind, round(hit.score, 4), entry.body[:240]))
    return sources[:3]
