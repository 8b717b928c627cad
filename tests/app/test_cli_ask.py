"""`sigap ask`: the chat's engine from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli


@pytest.mark.slow
def test_ask_json_and_history(small_kb: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", "--knowledge", str(small_kb)]).exit_code == 0
    result = runner.invoke(cli, ["ask", "refund saya kapan masuk?", "--json"], env={"SIGAP_LLM__MODE": "extractive"})
    assert result.exit_code == 0, result.output
    reply = json.loads(result.stdout)
    assert {"answer", "sources", "confidence", "decision", "reason", "lang", "generator", "latency_ms"} <= set(reply)
    assert reply["decision"] == "answer" and reply["sources"][0]["doc_id"] == "refund-lama"
    assert reply["answer"] == reply["text"] and reply["generator"] == "extractive"

    history = tmp_path / "history.json"
    history.write_text(
        json.dumps(
            [{"role": "user", "content": "refund saya kapan masuk?"}, {"role": "assistant", "content": reply["text"]}]
        )
    )
    again = runner.invoke(
        cli,
        ["ask", "refund saya kapan masuk??", "--history", str(history), "--json"],
        env={"SIGAP_LLM__MODE": "extractive"},
    )
    assert json.loads(again.stdout)["reason"] == "frustration"  # the same question after an answer

    history.write_text("not json")
    bad = runner.invoke(cli, ["ask", "halo", "--history", str(history)])
    assert bad.exit_code != 0
