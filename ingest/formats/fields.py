"""Field checks shared by every knowledge format; each returns a fix-it message or None."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ingest.model import ID_PATTERN, LANGS, Entry, KnowledgeError

ErrorSink = Callable[[str], None]


def text_field(record: Mapping[str, Any], name: str, report: ErrorSink, *, required: bool) -> str:
    """Return a stripped string field; report a missing or non-text value."""
    value = record.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            report(f"missing `{name}`: every entry needs a non-empty `{name}`")
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        report(f"`{name}` must be text, got {type(value).__name__} {value!r}")
        return ""
    return str(value).strip()


def list_field(record: Mapping[str, Any], name: str, report: ErrorSink, *, sep: str | None = None) -> tuple[str, ...]:
    """Return a list-of-strings field; a string is split on ``sep`` (CSV) or taken as one item."""
    value = record.get(name)
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        items = value.split(sep) if sep else [value]
    elif isinstance(value, list):
        items = value
    else:
        report(f"`{name}` must be a list of texts, got {type(value).__name__} {value!r}")
        return ()
    bad = [item for item in items if not isinstance(item, str | int | float) or isinstance(item, bool)]
    if bad:
        report(f"`{name}` must contain only texts; {bad[0]!r} is not one")
        return ()
    return tuple(s for s in (str(item).strip() for item in items) if s)


def check_id(doc_id: str, report: ErrorSink) -> None:
    if doc_id and not ID_PATTERN.match(doc_id):
        report(
            f"id {doc_id!r} is not valid: use letters, digits, '-', '_', '.', ':' or '/', "
            "starting with a letter or digit, at most 160 characters"
        )


def check_lang(lang: str, report: ErrorSink) -> str:
    normalised = lang.lower()
    if normalised == "ms":  # Malay is read as Indonesian throughout Sigap
        return "id"
    if normalised not in LANGS:
        report(f"unknown lang {lang!r}: use one of {', '.join(LANGS)}")
    return normalised


def faq_entry(
    record: Mapping[str, Any],
    *,
    default_id: str,
    answer: str,
    source: str,
    line: int,
    errors: list[KnowledgeError],
    list_sep: str | None = None,
) -> Entry | None:
    """Validate an FAQ record (Markdown front matter or CSV row); None when it is rejected."""
    found: list[str] = []
    doc_id = text_field(record, "id", found.append, required=False) or default_id
    check_id(doc_id, found.append)
    question = text_field(record, "question", found.append, required=True)
    if not answer.strip():
        found.append("missing answer: write the answer (the Markdown body / the `answer` column)")
    lang = check_lang(text_field(record, "lang", found.append, required=False) or "id", found.append)
    translation_of = text_field(record, "translation_of", found.append, required=False)
    check_id(translation_of, found.append)
    if translation_of and translation_of == doc_id:
        found.append(f"`translation_of` names the entry itself ({doc_id!r}): name the entry this one translates")
    entry = Entry(
        doc_id=doc_id,
        kind="faq",
        source=source,
        line=line,
        title=question,
        body=answer.strip(),
        category=text_field(record, "category", found.append, required=False),
        lang=lang,
        tags=list_field(record, "tags", found.append, sep=list_sep),
        variants=list_field(record, "variants", found.append, sep=list_sep),
        translation_of=translation_of,
    )
    errors.extend(KnowledgeError(source, line, message) for message in found)
    return None if found else entry
