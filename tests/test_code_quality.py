"""Lint, format and type checks run with the test suite, so CI enforces them like any test."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff comes with the `test` extra")
def test_ruff_lint_and_format() -> None:
    lint = _run("ruff", "check", "app", "ingest", "eval", "tests", "bench")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = _run("ruff", "format", "--check", "app", "ingest", "eval", "tests", "bench")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


@pytest.mark.slow
def test_mypy_strict_on_packages() -> None:
    typed = _run(sys.executable, "-m", "mypy")
    assert typed.returncode == 0, typed.stdout + typed.stderr
