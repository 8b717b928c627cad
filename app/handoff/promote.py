"""Turn an agent's answer to a case into a draft FAQ entry in ``knowledge/faq/<category>/<id>.md``.

The file uses the documented FAQ format plus two keys ingestion ignores: ``draft: true`` (a reviewer
should still read it) and ``source_case`` (where it came from). The id is a slug of the question, made
unique against every FAQ and ticket id in the knowledge folder. The file is checked with the real FAQ
parser before it is written, so ``sigap ingest --check`` accepts it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import yaml

from app.errors import HandoffError
from ingest.formats import faq_markdown
from ingest.loader import SourceFile, discover, parse_source, read_source
from ingest.model import LANGS
from ingest.redact import Redactor

SLUG_CHARS = 60
MAX_SUFFIX = 1000
MAX_ID_FILE_BYTES = 5_000_000  # files scanned for ids; larger ones are skipped (ingestion rejects them anyway)


def slugify(text: str, *, limit: int = SLUG_CHARS) -> str:
    """``Bagaimana cara ganti nomor HP?`` → ``bagaimana-cara-ganti-nomor-hp``."""
    unaccented = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", unaccented.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug


def existing_ids(knowledge_dir: Path) -> set[str]:
    """Every FAQ and ticket id in the knowledge folder (page ids all start with ``docs/``)."""
    ids: set[str] = set()
    if not knowledge_dir.is_dir():
        return ids
    for path in discover(knowledge_dir):
        relative = path.relative_to(knowledge_dir)
        if relative.parts[0] not in ("faq", "tickets"):
            continue
        source = read_source(knowledge_dir, path, MAX_ID_FILE_BYTES)
        if isinstance(source, SourceFile):
            ids.update(entry.doc_id for entry in parse_source(source).entries)
    return ids


def faq_markdown_text(
    doc_id: str, question: str, answer: str, category: str, lang: str, variants: Sequence[str], source_case: str
) -> str:
    """The file's text: YAML front matter (safely quoted) and the Markdown answer."""
    meta: dict[str, object] = {"id": doc_id, "question": question}
    if variants:
        meta["variants"] = list(variants)
    meta |= {"category": category, "lang": lang, "draft": True, "source_case": source_case}
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    return f"---\n{front}---\n{answer.strip()}\n"


def write_faq_draft(
    knowledge_dir: Path,
    *,
    question: str,
    answer: str,
    category: str,
    lang: str,
    variants: Iterable[str],
    source_case: str,
    redactor: Redactor,
) -> Path:
    """Write the draft entry under a new unique id; returns its path.

    Raises:
        HandoffError: an empty question, answer or category, an unknown language, or a file that cannot
            be written.
    """
    question = " ".join(redactor.redact(question).text.split())
    folder = slugify(category)
    _require(question, answer, folder, lang)
    kept = _unique_variants((redactor.redact(v).text for v in variants), question)
    target_dir = knowledge_dir / "faq" / folder
    taken = existing_ids(knowledge_dir)
    base = slugify(question) or "faq"
    for attempt in range(1, MAX_SUFFIX + 1):
        doc_id = base if attempt == 1 else f"{base}-{attempt}"
        if doc_id in taken:
            continue
        text = faq_markdown_text(doc_id, question, answer, folder, lang, kept, source_case)
        _check(text, f"faq/{folder}/{doc_id}.md")
        path = target_dir / f"{doc_id}.md"
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8") as file:  # "x": never overwrite, even in a race
                file.write(text)
        except FileExistsError:
            continue
        except OSError as exc:
            raise HandoffError(
                f"Could not write the FAQ draft {path}: {exc.strerror}. Check the folder's permissions."
            ) from exc
        return path
    raise HandoffError(f"Could not find a free id for {base!r} after {MAX_SUFFIX} tries: shorten the question.")


def index_new_draft(path: Path, reindex: Callable[[], object]) -> Path:
    """Re-index after a draft was written, so the bot answers from it; returns ``path``.

    Raises:
        HandoffError: the index was not updated (the file stays written: run `sigap ingest`).
    """
    try:
        reindex()
    except Exception as exc:  # the file is written; whoever wrote it must know the bot does not use it yet
        raise HandoffError(
            f"The FAQ draft {path} was written but the index was not updated ({type(exc).__name__}: {exc}): "
            "run `sigap ingest`."
        ) from exc
    return path


def _require(question: str, answer: str, folder: str, lang: str) -> None:
    if not question:
        raise HandoffError("The FAQ question is empty: write the question as customers would ask it.")
    if not answer.strip():
        raise HandoffError("The FAQ answer is empty: write the answer customers should get.")
    if not folder:
        raise HandoffError("The FAQ category is empty: use a short name such as `akun` or `pengiriman`.")
    if lang not in LANGS:
        raise HandoffError(f"lang must be one of {', '.join(LANGS)}. Currently, lang is {lang!r}.")


def _unique_variants(variants: Iterable[str], question: str) -> list[str]:
    seen = {question.casefold()}
    kept = []
    for variant in variants:
        flat = " ".join(variant.split())
        if flat and flat.casefold() not in seen:
            seen.add(flat.casefold())
            kept.append(flat)
    return kept


def _check(text: str, source: str) -> None:
    parsed = faq_markdown.parse(source, text)
    if parsed.errors:
        problems = "; ".join(f"line {error.line}: {error.message}" for error in parsed.errors)
        raise HandoffError(f"The FAQ draft would be rejected by ingestion ({problems}): fix the question or answer.")
