"""An FAQ entry and its translations (`translation_of`) answer as one entry, in the customer's language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.retrieval.live_index import LiveIndex
from app.retrieval.search import hybrid_search
from app.settings import Settings
from ingest.pipeline import run_ingest
from tests.conftest import SMALL_KB, CountingEmbedder, faq_md, write_files

ENGLISH = faq_md(
    "refund-lama-en",
    "How long does a refund take?",
    "Refunds take 3–7 working days after the return is approved.",
    variants=["when will I get my money back", "my refund has not arrived yet"],
    lang="en",
    category="pengembalian-refund",
    translation_of="refund-lama",
)


def _index(tmp_path: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder, files: dict[str, str]):  # type: ignore[no-untyped-def]
    settings = make_settings(write_files(tmp_path / "knowledge", {**SMALL_KB, **files}))
    report = run_ingest(settings, embedder=counting)
    return settings, LiveIndex(settings, counting), report


def test_the_entry_in_the_customers_language_answers(
    tmp_path: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    settings, index, _ = _index(tmp_path, make_settings, counting, {"faq/pengembalian/refund-lama-en.md": ENGLISH})
    question = "when will I get my money back"  # the English entry's own variant
    assert hybrid_search(index, question, settings.retrieval)[0].doc_id == "refund-lama-en"
    assert hybrid_search(index, question, settings.retrieval, lang="en")[0].doc_id == "refund-lama-en"
    hits = hybrid_search(index, question, settings.retrieval, lang="id")
    assert hits[0].doc_id == "refund-lama"  # the Indonesian customer gets the Indonesian answer
    assert "refund-lama-en" not in [h.doc_id for h in hits]  # one topic, listed once


def test_an_unknown_original_is_a_warning_and_the_entry_stands_alone(
    tmp_path: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    orphan = ENGLISH.replace("translation_of: refund-lama", "translation_of: refund-hilang")
    settings, index, report = _index(tmp_path, make_settings, counting, {"faq/pengembalian/refund-lama-en.md": orphan})
    assert [str(w) for w in report.warnings] == [
        "faq/pengembalian/refund-lama-en.md:1: translation_of 'refund-hilang' matches no FAQ entry"
    ]
    hits = hybrid_search(index, "when will I get my money back", settings.retrieval, lang="id")
    assert hits[0].doc_id == "refund-lama-en"
