"""`knowledge/docs/**/*.{md,txt,html,pdf}`: policy pages and guides.

Every format is turned into the same Markdown-like text (``#`` headings, blank-line paragraphs) so
that one chunker cuts them all by heading. A Markdown page may carry front matter with ``title``,
``lang``, ``category`` and ``tags``; otherwise the title is the first heading and the language is detected.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

from app.components.language import detect_lang
from ingest.formats import front_matter
from ingest.formats.fields import check_lang, list_field, text_field
from ingest.model import Entry, KnowledgeError, ParsedFile

DOC_SUFFIXES = (".md", ".txt", ".html", ".htm", ".pdf")
_CAPS_HEADING = re.compile(r"^[A-Z0-9][A-Z0-9 &/,.()'-]{2,80}$")


def parse(source: str, text: str) -> ParsedFile:
    """Parse a text page (md, txt, html); PDF goes through :func:`parse_pdf`."""
    suffix = PurePosixPath(source).suffix.lower()
    convert: dict[str, Callable[[str], str]] = {
        ".md": lambda t: t,
        ".txt": _txt_to_markdown,
        ".html": _html_to_markdown,
        ".htm": _html_to_markdown,
    }
    result = ParsedFile()
    meta: dict[str, Any] = {}
    if suffix == ".md":
        split = front_matter.split(source, text)
        if split.errors:
            result.errors += split.errors
            return result
        meta, text = split.meta or {}, split.body
    _add_page(result, source, convert[suffix](text), meta)
    return result


def parse_pdf(source: str, data: bytes) -> ParsedFile:
    """Parse a PDF's text layer, page by page."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    result = ParsedFile()
    try:
        pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    except (PyPdfError, ValueError, KeyError, OSError) as exc:
        result.errors.append(KnowledgeError(source, 1, f"unreadable PDF: {exc} (export it again, or as text)"))
        return result
    _add_page(result, source, "\n\n".join(pages), {})
    return result


def _add_page(result: ParsedFile, source: str, body: str, meta: dict[str, Any]) -> None:
    def report(message: str) -> None:
        result.errors.append(KnowledgeError(source, 1, message))

    if not body.strip():
        report("no text found: the page is empty (a scanned PDF needs a text layer)")
        return
    title = text_field(meta, "title", report, required=False) or _first_heading(body) or PurePosixPath(source).stem
    lang_given = text_field(meta, "lang", report, required=False)
    lang = check_lang(lang_given, report) if lang_given else detect_lang(body[:2000])
    entry = Entry(
        doc_id="docs/" + str(PurePosixPath(source).with_suffix("")).removeprefix("docs/"),
        kind="doc",
        source=source,
        line=1,
        title=title,
        body=body.strip(),
        category=text_field(meta, "category", report, required=False),
        lang=lang,
        tags=list_field(meta, "tags", report),
    )
    if not result.errors:
        result.entries.append(entry)


def _first_heading(markdown: str) -> str:
    for line in markdown.splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()
    return ""


def _txt_to_markdown(text: str) -> str:
    """A line in capitals followed by a blank line is a heading in plain-text pages."""
    lines = text.splitlines()
    out: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
        is_heading = _CAPS_HEADING.match(stripped) and next_blank and any(c.isalpha() for c in stripped)
        out.append(f"## {stripped.title()}" if is_heading else line)
    return "\n".join(out)


def _html_to_markdown(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "nav", "footer", "noscript"]):
        tag.decompose()
    blocks: list[str] = []
    for element in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "pre"]):
        text = " ".join(element.get_text(" ").split())
        if not text:
            continue
        name = element.name or ""
        if name.startswith("h"):
            blocks.append("#" * int(name[1]) + " " + text)
        elif name == "li":
            blocks.append("- " + text)
        else:
            blocks.append(text)
    return "\n\n".join(blocks)
