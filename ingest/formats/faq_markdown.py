"""`knowledge/faq/**/*.md`: one FAQ entry per file, YAML front matter + Markdown answer."""

from __future__ import annotations

from pathlib import PurePosixPath

from ingest.formats import front_matter
from ingest.formats.fields import faq_entry
from ingest.model import KnowledgeError, ParsedFile


def parse(source: str, text: str) -> ParsedFile:
    """Parse one FAQ Markdown file; ``source`` is its path relative to the knowledge folder."""
    result = ParsedFile()
    split = front_matter.split(source, text)
    result.errors += split.errors
    if split.meta is None:
        if not split.errors:
            result.errors.append(
                KnowledgeError(source, 1, "missing front matter: the file must start with a '---' line")
            )
        return result
    entry = faq_entry(
        split.meta,
        default_id=PurePosixPath(source).stem,
        answer=split.body,
        source=source,
        line=split.body_line if not split.body.strip() else 1,
        errors=result.errors,
    )
    if entry is not None:
        result.entries.append(entry)
    return result
