"""Read-side services of the pages: starter questions for the widget, the manager's dashboard view, and
new FAQ drafts started from a knowledge gap.

Like the chat and agent services, these are the only things the Gradio callbacks call: the callbacks
never read the index, the vectors or the database themselves.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.components.embedding import Vectors
from app.errors import IndexNotReadyError
from app.handoff.promote import index_new_draft, write_faq_draft
from app.retrieval.live_index import LiveIndex
from app.server.gaps import GapGroup, group_questions
from app.settings import Settings
from app.store.records import DashboardReport
from app.store.store import ConversationStore
from ingest.redact import Redactor

log = logging.getLogger(__name__)

STARTERS = 4


@dataclass(frozen=True)
class DashboardView:
    """The period's report, its knowledge gaps grouped by meaning, and titles of the entries it names."""

    report: DashboardReport
    gaps: list[GapGroup]
    titles: dict[str, str]


class Insights:
    """Starter questions, the dashboard view and FAQ drafts from knowledge gaps."""

    def __init__(
        self, settings: Settings, index: LiveIndex, store: ConversationStore, reindex: Callable[[], object]
    ) -> None:
        self._index = index
        self._store = store
        self._reindex = reindex
        self._knowledge_dir = settings.ingest.knowledge_dir
        self._gap_similarity = settings.server.gap_similarity
        redaction = settings.redaction
        self._redactor = Redactor(
            order_id_patterns=redaction.order_id_patterns,
            tracking_patterns=redaction.tracking_patterns,
            allow=redaction.allow,
        )

    def starter_questions(self, lang: str, limit: int = STARTERS) -> list[str]:
        """The FAQ questions customers ask most (past tickets per FAQ entry), in ``lang`` when there are any.

        Falls back to the first FAQ entries when no ticket links to one; [] before the first ingestion.
        """
        try:
            entries = self._index.snapshot.entries
        except IndexNotReadyError as exc:  # the widget simply shows no starters
            log.warning("No starter questions: %s", exc)
            return []
        asked = Counter(s.entry.faq_id for s in entries.values() if s.entry.kind == "ticket" and s.entry.faq_id)
        faqs = [s.entry for s in entries.values() if s.entry.kind == "faq"]
        in_lang = [entry for entry in faqs if entry.lang == lang] or faqs
        ranked = sorted(enumerate(in_lang), key=lambda pair: (-asked[pair[1].doc_id], pair[0]))
        return [entry.title for _, entry in ranked[:limit]]

    def dashboard(self, start: datetime, end: datetime) -> DashboardView:
        """The figures for [start, end) with flagged questions grouped into knowledge gaps.

        Raises:
            ValueError: the period ends before it starts.  StoreError: the database failed.
        """
        report = self._store.dashboard(start, end)
        gaps = group_questions(report.flagged_questions, self._embed, self._gap_similarity)
        return DashboardView(report, gaps, self._titles([use.doc_id for use in report.top_sources]))

    def draft_faq(
        self, *, question: str, answer: str, category: str, lang: str, variants: Sequence[str], origin: str
    ) -> Path:
        """Write a draft FAQ entry for a knowledge gap, then reindex so the bot answers it from now on.

        Raises:
            HandoffError: the entry is incomplete, cannot be written, or the index was not updated.
        """
        path = write_faq_draft(
            self._knowledge_dir,
            question=question,
            answer=answer,
            category=category,
            lang=lang,
            variants=variants,
            source_case=origin,
            redactor=self._redactor,
        )
        log.info("A FAQ draft %s was written from the dashboard (%s)", path.name, origin)
        return index_new_draft(path, self._reindex)

    def _embed(self, texts: Sequence[str]) -> Vectors:
        return self._index.embedder.embed_passages(texts)

    def _titles(self, doc_ids: Sequence[str]) -> dict[str, str]:
        try:
            entries = self._index.snapshot.entries
        except IndexNotReadyError:
            return {}
        return {doc_id: entries[doc_id].entry.title for doc_id in doc_ids if doc_id in entries}
