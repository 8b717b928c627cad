"""YAML front matter (``---`` … ``---``) at the top of Markdown files, with line-exact errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ingest.model import KnowledgeError

# libyaml is ~10x faster on large knowledge bases; pure Python works too
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FENCE = "---"


@dataclass
class FrontMatter:
    """``meta`` is None when the text has no front matter; ``body_line`` is where the body starts."""

    meta: dict[str, Any] | None
    body: str
    body_line: int
    errors: list[KnowledgeError] = field(default_factory=list)


def split(source: str, text: str) -> FrontMatter:
    """Separate front matter from body; problems become errors that name the offending line."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        return FrontMatter(None, text, 1)
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == FENCE), None)
    if closing is None:
        return _failed(source, 1, "front matter is not closed: add a '---' line after the last field", text)
    body = "\n".join(lines[closing + 1 :])
    try:
        meta = yaml.load("\n".join(lines[1:closing]), Loader=_Loader)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        mark = getattr(exc, "problem_mark", None)
        if "end of stream" in problem and getattr(exc, "context_mark", None) is not None:
            mark = exc.context_mark  # type: ignore[attr-defined]  # where the unclosed value began
        line = mark.line + 2 if mark is not None else 2
        return _failed(source, line, f"malformed front matter: {problem} (check quotes, colons, indents)", body)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return _failed(source, 2, "front matter must be `key: value` lines (id, question, variants, ...)", body)
    return FrontMatter(meta, body, closing + 2)


def _failed(source: str, line: int, message: str, body: str) -> FrontMatter:
    return FrontMatter(None, body, line, [KnowledgeError(source, line, message)])
