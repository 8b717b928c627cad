"""`sigap eval` end to end on a tiny knowledge base and hand-written cases, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.answer.confidence import Calibration
from app.cli import cli
from app.errors import ConfigError
from eval.cases import load_cases
from eval.gate import gate_failures, load_thresholds
from ingest.loader import discover, parse_source, read_source
from ingest.model import KnowledgeError

CASES = [
    {
        "id": "c1",
        "split": "test",
        "question": "refund sy blm masuk kapan ya",
        "lang": "id",
        "expect": {"doc_ids": ["refund-lama"]},
        "answer_contains": ["3–7 hari kerja"],
        "tags": ["colloquial"],
    },
    {
        "id": "c2",
        "split": "test",
        "question": "where is my package now?",
        "lang": "en",
        "expect": {"doc_ids": ["lacak-paket"]},
        "tags": ["english"],
    },
    {
        "id": "c3",
        "split": "test",
        "question": "mau bicara dengan cs manusia",
        "lang": "id",
        "expect": {"handoff": True, "reason": "human_request"},
        "tags": ["human_request"],
    },
    {"id": "train-c4", "question": "lupa kata sandi", "lang": "id", "expect": {"doc_ids": ["lupa-sandi"]}},
]


def _write_cases(path: Path, cases: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in cases) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_eval_cli_on_temporary_index(small_kb: Path, tmp_path: Path) -> None:
    cases = _write_cases(tmp_path / "cases.jsonl", CASES)
    out, report = tmp_path / "metrics.json", tmp_path / "report"
    result = CliRunner().invoke(
        cli, ["eval", "--knowledge", str(small_kb), "--cases", str(cases), "--json", str(out), "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    metrics = json.loads(out.read_text())
    assert metrics["cases"] == 3  # the test split only; train-c4 is train by its id
    assert metrics["retrieval.hit_at_1"] == 1.0
    assert metrics["handoff.recall"] == 1.0
    assert set(metrics["breakdown"]["langs"]) == {"id", "en"}
    assert "english" in metrics["breakdown"]["tags"]
    page = (report / "index.html").read_text()
    assert "Reliability diagram" in page and "Coverage vs accuracy" in page
    assert not (tmp_path / "data").exists()  # --knowledge never touches the live index

    # every case's outcome is kept (ids and decisions, no question text), so a later run can be compared with it
    assert {row["id"] for row in metrics["per_case"]} == {"c1", "c2", "c3"}
    assert all(row["right"] for row in metrics["per_case"])
    assert "question" not in metrics["per_case"][0]
    earlier = json.loads(out.read_text())
    earlier["per_case"] = [{**row, "right": row["id"] != "c2"} for row in earlier["per_case"]]
    earlier["retrieval.hit_at_1"] = 0.5
    before = tmp_path / "before.json"
    before.write_text(json.dumps(earlier))
    compared = CliRunner().invoke(
        cli, ["eval", "--knowledge", str(small_kb), "--cases", str(cases), "--compare", str(before)]
    )
    assert compared.exit_code == 0, compared.output
    assert "now right (1): c2" in compared.output and "now wrong" not in compared.output
    assert "+0.5" in compared.output  # hit@1 0.5 → 1
    missing = CliRunner().invoke(cli, ["eval", "--cases", str(cases), "--compare", str(tmp_path / "nope.json")])
    assert isinstance(missing.exception, ConfigError) and "no such file" in str(missing.exception)  # before any run

    strict = tmp_path / "strict.toml"
    strict.write_text("[retrieval]\nhit_at_1 = 1.01\n[latency]\np95_ms = 100000\n")
    gated = CliRunner().invoke(
        cli, ["eval", "--knowledge", str(small_kb), "--cases", str(cases), "--gate", "--thresholds", str(strict)]
    )
    assert gated.exit_code == 1, gated.output


@pytest.mark.slow
def test_calibrate_fits_into_a_new_file(small_kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    train = [
        {"id": "train-a1", "question": "refund saya kapan masuk", "lang": "id", "expect": {"doc_ids": ["refund-lama"]}},
        {
            "id": "train-a2",
            "question": "posisi paket saya di mana",
            "lang": "id",
            "expect": {"doc_ids": ["lacak-paket"]},
        },
        {"id": "train-a3", "question": "lupa password akun", "lang": "id", "expect": {"doc_ids": ["lupa-sandi"]}},
        {"id": "train-o1", "question": "resep rendang padang yang enak", "lang": "id", "expect": {"handoff": True}},
        {"id": "train-o2", "question": "siapa presiden pertama indonesia", "lang": "id", "expect": {"handoff": True}},
    ]
    cases = _write_cases(tmp_path / "cases.jsonl", train)
    fitted = tmp_path / "profile" / "calibration.json"
    fitted.parent.mkdir()
    monkeypatch.setenv("SIGAP_ANSWER__CALIBRATION", str(fitted))  # a new embedder's calibration, not fitted yet

    result = CliRunner().invoke(
        cli, ["eval", "--knowledge", str(small_kb), "--cases", str(cases), "--calibrate", "--split", "train"]
    )

    assert result.exit_code == 0, result.output
    assert "Calibration saved" in result.output
    assert Calibration.load(fitted).fitted_on == "5 train cases"
    assert Calibration.load(fitted) != Calibration()
    # the train questions out of the knowledge's reach become its known out-of-scope questions
    assert Calibration.load(fitted).unanswerable_examples == [
        "resep rendang padang yang enak",
        "siapa presiden pertama indonesia",
    ]


def test_gate_bounds() -> None:
    assert gate_failures(
        {"retrieval.hit_at_1": 0.9, "latency.p95_ms": 200.0}, {"retrieval.hit_at_1": 0.95, "latency.p95_ms": 300.0}
    ) == ["retrieval.hit_at_1: 0.9000 is below the minimum 0.95"]
    assert gate_failures({"calibration.ece": 0.08}, {"calibration.ece": 0.05}) == [
        "calibration.ece: 0.0800 is above the maximum 0.05"
    ]
    assert gate_failures({}, {"answer.accuracy": 0.5}) == ["answer.accuracy: not measured (bound 0.5)"]


def test_shipped_thresholds_and_cases_are_valid() -> None:
    root = Path(__file__).resolve().parents[2]
    thresholds = load_thresholds(root / "eval/thresholds.toml")
    assert {"retrieval.hit_at_1", "answer.accuracy", "handoff.f1", "calibration.ece", "latency.p95_ms"} <= set(
        thresholds
    )
    cases = load_cases(root / "eval/cases", ("train", "test"))
    assert len(cases) >= 400
    assert {c.split for c in cases} == {"train", "test"}
    reasons = {c.handoff_reason for c in cases}
    assert reasons >= {None, "low_confidence", "human_request", "frustration", "sensitive"}


def test_malformed_cases_are_reported_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "question": "q", "expect": {"doc_ids": ["x"]}}\n{"id": "b", "question": ""}\n')
    with pytest.raises(ConfigError, match=r"bad\.jsonl:2:"):
        load_cases(bad)


def test_shipped_cases_expect_entries_of_the_shipped_knowledge() -> None:
    """A misspelt expected id would count as a retrieval miss forever: every gold id names a real entry."""
    root = Path(__file__).resolve().parents[2]
    knowledge = root / "knowledge"
    known: set[str] = set()
    for path in discover(knowledge):
        source = read_source(knowledge, path, max_bytes=10_000_000)
        assert not isinstance(source, KnowledgeError), source
        parsed = parse_source(source)
        assert not parsed.errors, parsed.errors
        known |= {entry.doc_id for entry in parsed.entries}
    cases = load_cases(root / "eval/cases", ("train", "test"))
    unknown = {(case.id, doc) for case in cases for doc in case.doc_ids if doc not in known}
    assert not unknown
    assert sum(1 for case in cases if case.doc_ids) > 300
