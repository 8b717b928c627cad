"""Which generator words this turn: the configured LLM while it is healthy, else extractive.

In ``auto`` mode the LLM is used only when it passed a health check recently; a failure mid-answer
marks it unhealthy for a while, so customers do not wait on a dead server turn after turn.
"""

from __future__ import annotations

import threading
import time

from app.answer.generators import Generator, LLMGenerator
from app.components.llm import ChatModel, create_chat_model
from app.settings import LLMSettings

RECHECK_AFTER_S = 30.0


class LLMChoice:
    """Holds the configured chat model and its health, shared by all conversations."""

    def __init__(self, settings: LLMSettings, model: ChatModel | None = None) -> None:
        self._settings = settings
        self._model = model if model is not None else create_chat_model(settings)
        self._lock = threading.Lock()
        self._healthy: bool | None = None
        self._checked_at = 0.0

    def model(self) -> ChatModel | None:
        """The chat model to use this turn, or None (extractive)."""
        if self._model is None or self._settings.mode != "auto":
            return self._model
        with self._lock:
            if self._healthy is None or time.monotonic() - self._checked_at > RECHECK_AFTER_S:
                self._healthy = self._model.healthy()
                self._checked_at = time.monotonic()
            return self._model if self._healthy else None

    def generator(self) -> Generator | None:
        """The LLM generator for this turn, or None for extractive."""
        model = self.model()
        return LLMGenerator(model) if model is not None else None

    def mark_unhealthy(self) -> None:
        with self._lock:
            self._healthy = False
            self._checked_at = time.monotonic()
