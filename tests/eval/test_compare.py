"""`sigap eval --compare`: metric changes and flipped cases, on hand-made runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.errors import ConfigError
from eval.compare import compare, load_run


def _run(accuracy: float, ece: float, rights: dict[str, bool], f1: float | None = None) -> dict[str, object]:
    return {
        "answer.accuracy": accuracy,
        "calibration.ece": ece,
        "handoff.f1": f1,  # None: not measured in that run (written as null)
        "retrieval.mrr": None,
        "cases": float(len(rights)),
        "breakdown": {"tags": {}},
        "per_case": [{"id": case_id, "right": right} for case_id, right in rights.items()],
    }


def test_metrics_and_flipped_cases() -> None:
    old = _run(0.5, 0.10, {"a": True, "b": False, "c": True, "gone": True}, f1=0.8)
    new = _run(0.75, 0.12, {"a": True, "b": True, "c": False, "added": False})
    result = compare(old, new)
    changes = {m.name: m for m in result.metrics}
    # not the breakdown, nor a metric measured in neither run
    assert set(changes) == {"answer.accuracy", "calibration.ece", "handoff.f1", "cases"}
    assert changes["answer.accuracy"].delta == pytest.approx(0.25) and changes["answer.accuracy"].better is True
    assert changes["calibration.ece"].delta == pytest.approx(0.02) and changes["calibration.ece"].better is False
    assert changes["handoff.f1"].delta is None and changes["handoff.f1"].better is None
    assert changes["cases"].better is None  # 4 → 4: unchanged
    assert (result.now_right, result.now_wrong) == (["b"], ["c"])
    assert (result.only_old, result.only_new) == (["gone"], ["added"])


def test_an_old_file_without_per_case_outcomes_compares_metrics_only() -> None:
    old = {"answer.accuracy": 0.8, "cases": 10.0, "breakdown": {}}
    result = compare(old, _run(0.9, 0.05, {"a": True}))
    assert not result.per_case and not result.now_right and not result.now_wrong
    assert [m.name for m in result.metrics] == ["answer.accuracy", "cases"]
    assert [m.delta for m in result.metrics] == [pytest.approx(0.1), -9.0]
    assert result.metrics[1].better is None  # fewer cases is neither better nor worse


def test_a_file_that_is_not_an_eval_run_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_run(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(ConfigError, match="not a `sigap eval --json` file"):
        load_run(tmp_path / "bad.json")
    (tmp_path / "other.json").write_text(json.dumps({"hello": 1}))
    with pytest.raises(ConfigError, match="no 'cases' metric"):
        load_run(tmp_path / "other.json")
