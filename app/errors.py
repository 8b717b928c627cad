"""Sigap's exceptions, all in one place.

    SigapError                 base of everything Sigap raises on purpose
    ├── ConfigError            a setting is invalid or a configured file is missing
    ├── MissingDependencyError an optional backend was chosen but its extra is not installed
    ├── EmbeddingError         the embedding model failed to load or to encode
    ├── VectorStoreError       Chroma could not be opened, read or written
    ├── LLMError               the language model is down, hangs, or returned something unusable
    ├── StoreError             the conversation store (SQLite/PostgreSQL) failed
    ├── IndexNotReadyError     no usable index yet: run `sigap ingest`
    └── HandoffError           a handoff step cannot go on (app/handoff)
        └── ContactError       contact details given by a customer are invalid (message in id and en)

Adapters translate library errors once, ``raise VectorStoreError(...) from exc``; messages quote the
bad value and say what to do. Problems in knowledge files are not exceptions but
:class:`ingest.model.KnowledgeError` records, so that one bad file never stops the others.
"""

from __future__ import annotations


class SigapError(Exception):
    """Base class of all errors Sigap raises on purpose."""


class ConfigError(SigapError):
    """A setting is invalid, or a file named by the settings is missing."""


class MissingDependencyError(SigapError):
    """An optional backend was selected but the package behind it is not installed."""

    def __init__(self, package: str, extra: str, feature: str) -> None:
        super().__init__(
            f"{feature} needs the package {package!r}, which is not installed. "
            f"Install it with: pip install 'sigap[{extra}]'"
        )
        self.package = package
        self.extra = extra


class EmbeddingError(SigapError):
    """The embedding model could not be loaded or failed to encode."""


class VectorStoreError(SigapError):
    """The vector store (Chroma) could not be opened, read or written."""


class LLMError(SigapError):
    """The language model is unreachable, timed out, or answered with something unusable."""


class StoreError(SigapError):
    """The conversation store could not be read or written."""


class IndexNotReadyError(SigapError):
    """There is no usable index yet."""


class NotFoundError(StoreError):
    """A conversation or handoff case does not exist, or a customer's token does not open it.

    A wrong customer token and an unknown conversation give the same error, so that a guessed id
    tells nothing about which conversations exist.
    """


class CaseStateError(StoreError):
    """A handoff case cannot make the asked change from its current status (e.g. resolving it twice)."""


class HandoffError(SigapError):
    """A step of the human handoff cannot go on (e.g. writing a promoted FAQ entry failed)."""


class ContactError(HandoffError):
    """The customer's contact details or channel choice cannot be used; say so politely in their language.

    ``message_id`` and ``message_en`` are addressed to the customer and never quote the value (it may be
    personal data that would otherwise end up in logs); ``field`` names what to fix (phone, email, ...).
    """

    def __init__(self, field: str, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.field = field
        self.message_id = message_id
        self.message_en = message_en

    def message(self, lang: str) -> str:
        """The message in the customer's language (Indonesian unless ``lang`` is ``en``)."""
        return self.message_en if lang == "en" else self.message_id
