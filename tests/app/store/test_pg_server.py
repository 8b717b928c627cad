"""The PostgreSQL fixture fails (or skips on request) with a clear message when the server is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.store.pg_server import find_bin_dir, require_bin_dir


def test_missing_binaries_fail_and_say_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="install Debian's postgresql package"):
        require_bin_dir(str(tmp_path / "nothing" / "*"), skip=False)


def test_missing_binaries_skip_when_asked(tmp_path: Path) -> None:
    with pytest.raises(pytest.skip.Exception, match="SIGAP_SKIP_POSTGRES"):
        require_bin_dir(str(tmp_path / "nothing" / "*"), skip=True)


def test_the_newest_complete_bin_dir_is_chosen(tmp_path: Path) -> None:
    for version, tools in {"13": ["initdb", "pg_ctl"], "16": ["initdb", "pg_ctl"], "17": ["initdb"]}.items():
        bin_dir = tmp_path / version / "bin"
        bin_dir.mkdir(parents=True)
        for tool in tools:
            (bin_dir / tool).touch()
    assert find_bin_dir(str(tmp_path / "*" / "bin")) == tmp_path / "16" / "bin"
