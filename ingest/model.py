"""What the knowledge files turn into: entries, chunks, and the problems found on the way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["faq", "ticket", "doc"]
LANGS = ("id", "en")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,159}$")


@dataclass(frozen=True)
class KnowledgeError:
    """One problem in one knowledge file, shown to agents as ``path:line: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "message": self.message}


@dataclass(frozen=True)
class Entry:
    """One unit of knowledge: an FAQ entry, a past ticket or a policy page.

    ``title`` is what a source link shows (the FAQ question, the ticket subject, the page title);
    ``body`` is the answer, the ticket's exchange or the page text.
    """

    doc_id: str
    kind: Kind
    source: str
    line: int
    title: str
    body: str
    category: str = ""
    lang: str = "id"
    tags: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    faq_id: str = ""
    resolution: str = ""
    translation_of: str = ""  # for an FAQ entry: the entry it translates (same answer, another language)
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Chunk:
    """A piece of an entry that is embedded and keyword-indexed on its own."""

    chunk_id: str
    doc_id: str
    part: str
    text: str


@dataclass
class ParsedFile:
    """The entries of one file, and what was wrong with the rest of it."""

    entries: list[Entry] = field(default_factory=list)
    errors: list[KnowledgeError] = field(default_factory=list)
