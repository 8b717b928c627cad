"""Find knowledge files, read them safely and hand each to the parser of its format."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ingest.formats import docs, faq_csv, faq_markdown, tickets
from ingest.model import KnowledgeError, ParsedFile

LAYOUT_HINT = (
    "put FAQ entries in faq/**/*.md or faq/**/*.csv, tickets in tickets/**/*.jsonl, "
    "pages in docs/**/*.{md,txt,html,pdf}"
)


_PARSERS: dict[tuple[str, str], Callable[[str, str], ParsedFile]] = {
    ("faq", ".md"): faq_markdown.parse,
    ("faq", ".csv"): faq_csv.parse,
    ("tickets", ".jsonl"): tickets.parse,
    **{("docs", suffix): docs.parse for suffix in docs.DOC_SUFFIXES},
}


@dataclass(frozen=True)
class SourceFile:
    """A knowledge file's path (relative, POSIX) and the digest of its bytes."""

    path: str
    digest: str
    data: bytes


def discover(root: Path) -> Iterator[Path]:
    """Every knowledge file under ``root`` in a stable order, skipping hidden files and READMEs."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if len(relative.parts) == 1 and path.name.lower().startswith("readme"):
            continue
        yield path


def read_source(root: Path, path: Path, max_bytes: int) -> SourceFile | KnowledgeError:
    """Read one file, or say why it cannot be used (too large, unreadable)."""
    relative = path.relative_to(root).as_posix()
    size = path.stat().st_size
    if size > max_bytes:
        return KnowledgeError(
            relative,
            1,
            f"file is {size:,} bytes, over the {max_bytes:,}-byte limit: split it into smaller files",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        return KnowledgeError(relative, 1, f"cannot read the file: {exc.strerror}")
    return SourceFile(relative, hashlib.blake2b(data, digest_size=16).hexdigest(), data)


def parse_source(source: SourceFile) -> ParsedFile:
    """Check encoding and content, then parse with the format the file's place and suffix select."""
    path = PurePosixPath(source.path)
    area, suffix = path.parts[0] if len(path.parts) > 1 else "", path.suffix.lower()
    parser = _parser_for(area, suffix)
    if parser is None:
        return _rejected(source.path, 1, f"not a knowledge file: {LAYOUT_HINT}")
    if not source.data.strip():
        return _rejected(source.path, 1, "file is empty: write an entry or delete the file")
    if suffix == ".pdf":
        if not source.data.startswith(b"%PDF"):
            return _rejected(source.path, 1, "not a PDF file (it has no %PDF header): export it again")
        return docs.parse_pdf(source.path, source.data)
    if b"\x00" in source.data:
        line = source.data[: source.data.index(b"\x00")].count(b"\n") + 1
        return _rejected(source.path, line, "binary content (NUL bytes): knowledge files must be plain UTF-8 text")
    try:
        text = source.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = source.data[: exc.start].count(b"\n") + 1
        return _rejected(
            source.path,
            line,
            f"not UTF-8 (byte 0x{source.data[exc.start]:02x}): save the file as UTF-8 in your editor",
        )
    return parser(source.path, text)


def _parser_for(area: str, suffix: str) -> Callable[[str, str], ParsedFile] | None:
    return _PARSERS.get((area, suffix))


def _rejected(path: str, line: int, message: str) -> ParsedFile:
    return ParsedFile(errors=[KnowledgeError(path, line, message)])
