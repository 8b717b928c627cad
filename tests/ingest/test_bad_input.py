"""Every kind of bad knowledge file is reported as path:line with a fix, and never stops the others."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.settings import Settings
from ingest.pipeline import run_ingest
from tests.conftest import SMALL_KB, CountingEmbedder, faq_md, write_files

TICKET = {
    "id": "TKT-1",
    "created_at": "2025-08-01T10:00:00+07:00",
    "channel": "chat",
    "lang": "id",
    "subject": "Paket telat",
    "customer_message": "paket sy blm sampe",
    "resolution": "Kami cek ke kurir.",
    "faq_id": None,
    "tags": [],
}

BAD_FILES: list[tuple[str, str | bytes, int, str]] = [
    (
        "faq/a/broken-yaml.md",
        '---\nid: broken-yaml\nquestion: "tidak ditutup\nlang: id\n---\nJawab.\n',
        3,
        "malformed front matter",
    ),
    ("faq/a/no-front.md", "Hanya jawaban tanpa front matter.\n", 1, "missing front matter"),
    ("faq/a/unclosed.md", "---\nid: unclosed\nquestion: Tanya?\nJawab.\n", 1, "front matter is not closed"),
    ("faq/a/no-question.md", "---\nid: no-question\nlang: id\n---\nJawab.\n", 1, "missing `question`"),
    ("faq/a/no-answer.md", "---\nid: no-answer\nquestion: Tanya?\n---\n\n", 5, "missing answer"),
    ("faq/a/bad-lang.md", faq_md("bad-lang", "Tanya?", "Jawab.", lang="fr"), 1, "unknown lang 'fr'"),
    (
        "faq/a/self-translation.md",
        faq_md("self-translation", "Tanya?", "Jawab.", translation_of="self-translation"),
        1,
        "`translation_of` names the entry itself",
    ),
    ("faq/a/latin1.md", "---\nid: latin1\nquestion: Caf\xe9?\n---\nJawab.\n".encode("latin-1"), 3, "not UTF-8"),
    ("faq/a/empty.md", "   \n", 1, "file is empty"),
    ("faq/a/binary.md", b"---\nid: x\n\x00\x01\x02", 3, "binary content"),
    ("faq/bulk.csv", "id,question,answer\nok-1,Tanya?,Jawab.\nno-answer,Tanya?,\n", 3, "missing answer"),
    ("tickets/t.jsonl", json.dumps(TICKET) + '\n{"id": "TKT-2", \n', 2, "malformed JSON"),
    ("docs/notes.docx", "bukan format yang didukung", 1, "not a knowledge file"),
]


@pytest.fixture
def ingest_bad(tmp_path: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder):
    def run(files: dict[str, str | bytes], **settings: object):  # type: ignore[no-untyped-def]
        root = write_files(tmp_path / "knowledge", {**SMALL_KB, **files})
        return run_ingest(make_settings(root, **settings), embedder=counting)

    return run


@pytest.mark.parametrize(("path", "content", "line", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_each_bad_file_is_reported_with_path_line_and_fix(ingest_bad, path, content, line, message) -> None:  # type: ignore[no-untyped-def]
    report = ingest_bad({path: content})
    assert [(e.path, e.line) for e in report.errors] == [(path, line)], report.errors
    assert message in report.errors[0].message
    assert report.rejected == 1
    # every valid file is still ingested: the three small-KB entries, plus the good CSV row / ticket
    assert report.added >= 3


def test_duplicate_ids_across_files(ingest_bad) -> None:  # type: ignore[no-untyped-def]
    report = ingest_bad({"faq/zz/copy.md": faq_md("refund-lama", "Refund berapa lama?", "Seminggu.")})
    (error,) = report.errors
    assert (error.path, error.line) == ("faq/zz/copy.md", 1)
    assert "duplicate id 'refund-lama'" in error.message and "faq/pengembalian/refund-lama.md" in error.message
    assert report.added == 3


def test_oversized_file(ingest_bad) -> None:  # type: ignore[no-untyped-def]
    big = faq_md("big", "Tanya?", "x" * 5000)
    report = ingest_bad({"faq/big.md": big}, ingest={"max_file_bytes": 2000})
    (error,) = report.errors
    assert error.path == "faq/big.md" and "over the 2,000-byte limit" in error.message


def test_cli_json_lists_errors_and_exits_1(tmp_path: Path) -> None:
    root = write_files(tmp_path / "knowledge", {**SMALL_KB, "faq/a/bad-lang.md": faq_md("bad", "T?", "J.", lang="xx")})
    result = CliRunner().invoke(cli, ["ingest", "--knowledge", str(root), "--json"])
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert {k: summary[k] for k in ("added", "updated", "removed", "unchanged", "rejected")} == {
        "added": 3,
        "updated": 0,
        "removed": 0,
        "unchanged": 0,
        "rejected": 1,
    }
    assert summary["errors"] == [
        {"path": "faq/a/bad-lang.md", "line": 1, "message": "unknown lang 'xx': use one of id, en"}
    ]


def test_cli_check_writes_nothing(tmp_path: Path) -> None:
    root = write_files(tmp_path / "knowledge", SMALL_KB)
    result = CliRunner().invoke(cli, ["ingest", "--knowledge", str(root), "--check"])
    assert result.exit_code == 0, result.output
    assert "Knowledge check" in result.stdout
    assert not (tmp_path / "data").exists()


def test_broken_file_keeps_its_previous_version_live(
    tmp_path: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    root = write_files(tmp_path / "knowledge", SMALL_KB)
    settings = make_settings(root)
    run_ingest(settings, embedder=counting)
    (root / "faq/akun/lupa-sandi.md").write_text("---\nid: lupa-sandi\nquestion: [tidak ditutup\n---\nJawab.\n")
    report = run_ingest(settings, embedder=counting)
    assert report.rejected == 1 and report.removed == 0 and report.kept == 1
    from ingest.catalog import Catalog

    assert "lupa-sandi" in Catalog(settings.catalog_path).entries()
