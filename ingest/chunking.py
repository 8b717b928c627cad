"""Cut entries into the pieces that are embedded and keyword-indexed.

* FAQ: the question alone, each variant alone (short texts match short customer questions best),
  and question + answer together (so answers are searchable too).
* Ticket: the customer's problem (subject + message), and the agent's resolution.
* Page: one piece per heading section; long sections are split on paragraph and sentence
  boundaries into windows of ``chunk_chars`` with ``overlap`` characters carried over.
"""

from __future__ import annotations

import re

from ingest.model import Entry

_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def chunk_entry(entry: Entry, chunk_chars: int, overlap: int) -> list[tuple[str, str]]:
    """Return ``(part, text)`` pairs for one entry, in a stable order."""
    if entry.kind == "faq":
        pieces = [("question", entry.title)]
        pieces += [("variant", variant) for variant in entry.variants]
        pieces += [("answer", text) for text in _windows(f"{entry.title}\n{entry.body}", chunk_chars, overlap)]
        return _dedupe(pieces)
    if entry.kind == "ticket":
        problem = f"{entry.title}\n{entry.body}" if entry.title not in entry.body else entry.body
        pieces = [("problem", text) for text in _windows(problem, chunk_chars, overlap)]
        pieces += [("resolution", text) for text in _windows(entry.resolution, chunk_chars, overlap)]
        return _dedupe(pieces)
    return _dedupe(
        [
            ("section", text)
            for heading_path, body in _sections(entry.title, entry.body)
            for text in _windows(body, chunk_chars - len(heading_path) - 1, overlap, prefix=heading_path)
        ]
    )


def _sections(title: str, markdown: str) -> list[tuple[str, str]]:
    """Split Markdown into (heading path, section text); the path keeps context such as the page title."""
    stack: list[tuple[int, str]] = []
    sections: list[tuple[str, str]] = []
    current: list[str] = []

    def flush() -> None:
        body = "\n".join(current).strip()
        if body:
            path = " > ".join([title] + [text for _, text in stack if text != title])
            sections.append((path, body))
        current.clear()

    for line in markdown.splitlines():
        match = _HEADING.match(line)
        if match:
            flush()
            level = len(match.group(1))
            stack = [(lvl, text) for lvl, text in stack if lvl < level] + [(level, match.group(2))]
        else:
            current.append(line)
    flush()
    return sections


def _windows(text: str, size: int, overlap: int, prefix: str = "") -> list[str]:
    """Split ``text`` into windows of at most ``size`` characters on paragraph/sentence boundaries."""
    size = max(size, 100)
    units = [u for paragraph in re.split(r"\n\s*\n", text.strip()) for u in _units(paragraph, size)]
    windows: list[str] = []
    current = ""
    for unit in units:
        if current and len(current) + len(unit) + 1 > size:
            windows.append(current)
            tail = current[-overlap:] if overlap else ""
            current = tail[tail.find(" ") + 1 :] if " " in tail else tail
        current = f"{current}\n{unit}".strip() if current else unit
    if current:
        windows.append(current)
    return [f"{prefix}\n{w}" if prefix else w for w in windows if w.strip()]


def _units(paragraph: str, size: int) -> list[str]:
    paragraph = paragraph.strip()
    if len(paragraph) <= size:
        return [paragraph] if paragraph else []
    units: list[str] = []
    for sentence in _SENTENCE_END.split(paragraph):
        while len(sentence) > size:  # a run-on sentence: cut at the last space that fits
            cut = sentence.rfind(" ", 0, size)
            cut = cut if cut > 0 else size
            units.append(sentence[:cut])
            sentence = sentence[cut:].strip()
        if sentence:
            units.append(sentence)
    return units


def _dedupe(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    unique: list[tuple[str, str]] = []
    for part, text in pieces:
        key = " ".join(text.lower().split())
        if key and key not in seen:
            seen.add(key)
            unique.append((part, text.strip()))
    return unique
