"""Everything the web server needs, built once from settings: used by `sigap serve` and by the tests.

The pages and the JSON API only ever call the services held here (chat, agents, insights); they never
touch Chroma, the LLM or the database themselves.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from app.answer.engine import AnswerEngine
from app.components.embedding import Embedder, create_embedder
from app.handoff import AgentService, ChatService, lookup_category
from app.notify import create_notifiers
from app.retrieval.live_index import LiveIndex
from app.server.insights import Insights
from app.settings import Settings
from app.store import SqlConversationStore, create_store
from ingest.report import IngestReport

log = logging.getLogger(__name__)


@dataclass
class Services:
    """The assembled application: one of each service, shared by every page and request."""

    settings: Settings
    index: LiveIndex
    engine: AnswerEngine
    store: SqlConversationStore
    chat: ChatService
    agents: AgentService
    insights: Insights

    def close(self) -> None:
        """Release the database connections."""
        self.store.close()


class Reindexer:
    """Bring the live index up to date with the knowledge folder: ingest, then load the new generation.

    One run at a time: two agents promoting answers at once wait for each other instead of racing.
    """

    def __init__(self, settings: Settings, index: LiveIndex, warm_up: Callable[[], None] | None = None) -> None:
        self._settings = settings
        self._index = index
        self._warm_up = warm_up  # e.g. the engine's: fit what depends on the new generation before customers ask
        self._lock = threading.Lock()

    def __call__(self) -> IngestReport:
        from ingest.pipeline import run_ingest

        with self._lock:
            report = run_ingest(self._settings, embedder=self._index.embedder)
            self._index.refresh()
            if self._warm_up is not None:
                self._warm_up()
        if not report.ok:
            log.warning("Reindex finished with %d rejected entries: run `sigap ingest --check`.", report.rejected)
        return report


def build_services(settings: Settings, embedder: Embedder | None = None) -> Services:
    """Open the store, load the live index and wire the chat and agent services.

    Raises:
        ConfigError: invalid settings (store URL, business hours, an agent's password hash, notifiers).
        StoreError: the conversation database cannot be opened or migrated.
    """
    index = LiveIndex(settings, embedder or create_embedder(settings.embedding))
    engine = AnswerEngine(settings, index)  # as app.factory.build_engine, keeping the index for the pages
    store = create_store(settings)
    try:
        reindex = Reindexer(settings, index, warm_up=engine.warm_up)
        chat = ChatService(
            engine,
            store,
            create_notifiers(settings.notify),
            settings,
            category_of=lookup_category(index),
            summarize=engine.summarize,  # the LLM words case summaries when one is healthy
        )
        agents = AgentService(store, settings, settings.ingest.knowledge_dir, reindex=reindex)
        insights = Insights(settings, index, store, reindex)
    except BaseException:
        store.close()
        raise
    if not settings.agents:
        log.warning(
            "No agent accounts are configured: nobody can log in to /agent or /dashboard. "
            "Add [[agents]] tables to sigap.toml (make each password_hash with `sigap agent-hash`)."
        )
    return Services(settings, index, engine, store, chat, agents, insights)
