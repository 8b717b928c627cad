"""`knowledge/tickets/**/*.jsonl`: past resolved tickets, one JSON object a line.

Keys: ``id, created_at, channel, lang, subject, customer_message, resolution, faq_id, tags``
(``faq_id`` optional: the FAQ entry that solved the ticket).
"""

from __future__ import annotations

import json

from ingest.formats.fields import check_id, check_lang, list_field, text_field
from ingest.model import Entry, KnowledgeError, ParsedFile

KEYS = ("id", "created_at", "channel", "lang", "subject", "customer_message", "resolution", "faq_id", "tags")


def parse(source: str, text: str) -> ParsedFile:
    """Parse one tickets file; a bad line is rejected alone, the others still count."""
    result = ParsedFile()
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.strip():
            _add_line(result, source, number, raw)
    return result


def _add_line(result: ParsedFile, source: str, line: int, raw: str) -> None:
    def report(message: str) -> None:
        result.errors.append(KnowledgeError(source, line, message))

    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        report(f"malformed JSON at column {exc.colno}: {exc.msg} (one complete JSON object per line)")
        return
    if not isinstance(record, dict):
        report(f"expected a JSON object {{...}}, got {type(record).__name__}")
        return
    unknown = sorted(set(record) - set(KEYS))
    if unknown:
        report(f"unknown key {unknown[0]!r}: allowed keys are {', '.join(KEYS)}")
        return
    before = len(result.errors)
    doc_id = text_field(record, "id", report, required=True)
    check_id(doc_id, report)
    message = text_field(record, "customer_message", report, required=True)
    resolution = text_field(record, "resolution", report, required=True)
    lang = check_lang(text_field(record, "lang", report, required=False) or "id", report)
    faq_id = text_field(record, "faq_id", report, required=False)
    entry = Entry(
        doc_id=doc_id,
        kind="ticket",
        source=source,
        line=line,
        title=text_field(record, "subject", report, required=False) or message[:80],
        body=message,
        resolution=resolution,
        lang=lang,
        tags=list_field(record, "tags", report),
        faq_id=faq_id,
        extra={
            "channel": text_field(record, "channel", report, required=False),
            "created_at": text_field(record, "created_at", report, required=False),
        },
    )
    if len(result.errors) == before:
        result.entries.append(entry)
