"""No personal data from knowledge files reaches Chroma, the keyword index, the catalog or the logs."""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.components.vector_store import open_chroma
from app.settings import Settings
from ingest.catalog import Catalog
from ingest.pipeline import run_ingest
from tests.conftest import DEMO_KNOWLEDGE, ROOT, CountingEmbedder, write_files

PII = {
    "email": "rina.kusuma88@gmail.com",
    "phone": "0812-3456-7890",
    "phone_intl": "+62 813 9876 5432",
    "nik": "3174051204890003",
    "card": "4111 1111 1111 1111",
    "account": "1370012345678",
}

TICKETS = "\n".join(
    json.dumps(t, ensure_ascii=False)
    for t in [
        {
            "id": "T1",
            "subject": f"refund ke norek {PII['account']}",
            "customer_message": (
                f"tolong refund ke rek Mandiri {PII['account']}, email {PII['email']} hp {PII['phone']}"
            ),
            "resolution": f"Kami hubungi Kakak di {PII['phone_intl']} untuk konfirmasi.",
        },
        {
            "id": "T2",
            "customer_message": f"NIK sy {PII['nik']} kartu {PII['card']} kepotong 2x",
            "resolution": "Dana yang terpotong dua kali kami kembalikan.",
        },
        # a broken line: its error message must not echo personal data either
        {"id": "T3", "customer_message": ["hp", PII["phone"]], "resolution": "x"},
    ]
)


def _everything_stored(settings: Settings) -> Iterable[tuple[str, str]]:
    """(where, text) for every byte of text Sigap stored."""
    meta = Catalog(settings.catalog_path).meta()
    collection = open_chroma(settings.vector_store, settings.chroma_dir).get_collection(meta["collection"])
    got = collection.get(include=["documents", "metadatas"])
    yield "chroma documents", json.dumps(got["documents"], ensure_ascii=False)
    yield "chroma metadata", json.dumps(got["metadatas"], ensure_ascii=False)
    db = sqlite3.connect(settings.catalog_path)
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'"):
        yield f"catalog {table}", json.dumps(db.execute(f"SELECT * FROM {table}").fetchall(), ensure_ascii=False)
    for path in (settings.data_dir / meta["keyword_dir"]).iterdir():
        yield f"keyword {path.name}", path.read_bytes().decode("utf-8", "replace")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _number_runs(text: str) -> list[str]:
    """Every number in the text with its separators (space, dot, dash) removed."""
    return [_digits(run) for run in re.findall(r"\d(?:[ .\-]?\d)*", text)]


def _assert_absent(values: Iterable[str], stored: list[tuple[str, str]]) -> None:
    for value in values:
        for where, text in stored:
            assert value not in text, f"{value!r} found in {where}"
            if len(_digits(value)) >= 10:  # also written with other separators
                runs = _number_runs(text)
                assert not any(_digits(value) in run for run in runs), f"{value!r} found in {where}"


def test_fixture_pii_never_stored_or_logged(
    tmp_path: Path, make_settings: Callable[..., Settings], caplog: pytest.LogCaptureFixture
) -> None:
    root = write_files(tmp_path / "knowledge", {"tickets/t.jsonl": TICKETS})
    caplog.set_level(logging.DEBUG)
    result = CliRunner().invoke(cli, ["ingest", "--knowledge", str(root), "--json"])
    assert result.exit_code == 1, result.output  # T3 is rejected
    settings = make_settings(root)
    stored = list(_everything_stored(settings))
    stored += [("cli output", result.output), ("logs", caplog.text)]
    _assert_absent(PII.values(), stored)
    documents = next(text for where, text in stored if where == "chroma documents")
    for placeholder in ("[EMAIL]", "[TELEPON]", "[NIK]", "[KARTU]", "[REKENING]"):
        assert placeholder in documents


@pytest.mark.slow
def test_demo_knowledge_pii_never_stored(make_settings: Callable[..., Settings], counting: CountingEmbedder) -> None:
    planted = json.loads((ROOT / "tests/fixtures/demo_pii.json").read_text())
    settings = make_settings(DEMO_KNOWLEDGE)
    report = run_ingest(settings, embedder=counting)
    assert report.rejected == 0, report.errors
    private = [v for kind in ("email", "phone", "nik", "card", "bank_account") for v in planted[kind]]
    assert len(private) >= 50
    _assert_absent(private, list(_everything_stored(settings)))
