"""`knowledge/faq/**/*.csv`: bulk FAQ, one entry a row.

Columns: ``id,question,answer,variants,category,lang,tags`` and optionally ``translation_of``;
``variants`` and ``tags`` use ``|``.
"""

from __future__ import annotations

import csv
import io

from ingest.formats.fields import faq_entry
from ingest.model import KnowledgeError, ParsedFile

COLUMNS = ("id", "question", "answer", "variants", "category", "lang", "tags", "translation_of")
REQUIRED = ("question", "answer")


def parse(source: str, text: str) -> ParsedFile:
    """Parse one FAQ CSV file; a bad row is rejected alone, the others still count."""
    result = ParsedFile()
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        result.errors.append(
            KnowledgeError(
                source,
                1,
                f"header lacks {', '.join(missing)}: the first row must name the columns {','.join(COLUMNS)}",
            )
        )
        return result
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        result.errors.append(
            KnowledgeError(source, 1, f"unknown column {unknown[0]!r}: allowed are {','.join(COLUMNS)}")
        )
        return result
    reader.fieldnames = header
    row_end = reader.line_num  # rows may span lines: report the line a row starts on
    try:
        for row in reader:
            _add_row(result, source, row_end + 1, row)
            row_end = reader.line_num
    except csv.Error as exc:
        result.errors.append(KnowledgeError(source, reader.line_num, f"broken CSV: {exc} (check quotes)"))
    return result


def _add_row(result: ParsedFile, source: str, line: int, row: dict[str | None, str | None]) -> None:
    if None in row:
        result.errors.append(KnowledgeError(source, line, "more values than columns: quote fields that contain commas"))
        return
    record = {key: value for key, value in row.items() if key is not None}
    if not any((value or "").strip() for value in record.values()):
        return  # blank line
    entry = faq_entry(
        record,
        default_id="",
        answer=record.get("answer") or "",
        source=source,
        line=line,
        errors=result.errors,
        list_sep="|",
    )
    if entry is None:
        return
    if not entry.doc_id:
        result.errors.append(KnowledgeError(source, line, "missing `id`: every CSV row needs a unique id"))
        return
    result.entries.append(entry)
