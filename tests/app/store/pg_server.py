"""A throwaway PostgreSQL server for the store tests: its own cluster in a temporary directory.

Uses Debian's ``postgresql`` package binaries (``/usr/lib/postgresql/<version>/bin``). ``initdb`` refuses
to run as root, so as root the cluster belongs to the ``postgres`` system user (via ``runuser``).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

BIN_GLOB = "/usr/lib/postgresql/*/bin"
SKIP_ENV = "SIGAP_SKIP_POSTGRES"
SUPERUSER = "sigap"
MISSING = (
    "PostgreSQL server binaries (initdb, pg_ctl) were not found under {where}: install Debian's postgresql "
    "package (apt-get install -y postgresql), or set SIGAP_SKIP_POSTGRES=1 to skip the PostgreSQL tests."
)


def find_bin_dir(pattern: str = BIN_GLOB) -> Path | None:
    """The newest PostgreSQL bin directory holding both initdb and pg_ctl, if any."""
    candidates = [Path(found) for found in glob.glob(pattern)]
    usable = [path for path in candidates if (path / "initdb").is_file() and (path / "pg_ctl").is_file()]
    return max(usable, key=_version_key) if usable else None


# Read once at import: the autouse fixture of tests/conftest.py clears SIGAP_* variables for each test.
SKIP_REQUESTED = os.environ.get(SKIP_ENV) == "1"


def require_bin_dir(pattern: str = BIN_GLOB, *, skip: bool = SKIP_REQUESTED) -> Path:
    """The bin directory; else skip (SIGAP_SKIP_POSTGRES=1) or fail saying what to install."""
    if skip:
        pytest.skip(f"{SKIP_ENV}=1: PostgreSQL tests skipped")
    bin_dir = find_bin_dir(pattern)
    if bin_dir is None:
        pytest.fail(MISSING.format(where=pattern), pytrace=False)
    return bin_dir


@dataclass
class PostgresServer:
    """A running cluster: connect as ``sigap`` (trust auth) on 127.0.0.1:``port``."""

    bin_dir: Path
    root: Path
    port: int

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname=postgres") as connection:
            connection.autocommit = True
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 STRATEGY FILE_COPY')
        return self.url(name)

    def stop(self) -> None:
        _run(self._as_owner([str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "stop"]))
        shutil.rmtree(self.root, ignore_errors=True)

    def _as_owner(self, command: Sequence[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


def start_server(bin_dir: Path) -> PostgresServer:
    """initdb a fresh cluster in a temporary directory and start it on a free local port."""
    root = Path(tempfile.mkdtemp(prefix="sigap-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres", group="postgres")
    server = PostgresServer(bin_dir, root, _free_port())
    data, log = root / "data", root / "server.log"
    options = (
        f"-p {server.port} -k {root} -c listen_addresses=127.0.0.1 "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
    )
    try:
        _run(server._as_owner([str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                               "--no-locale", "--no-sync"]))  # fmt: skip
        _run(server._as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w",
                               "-t", "60", "start"]))  # fmt: skip
    except subprocess.CalledProcessError as exc:
        logged = log.read_text(errors="replace") if log.exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"Could not start PostgreSQL: {exc.stdout}{exc.stderr}\n{logged}", pytrace=False)
    return server


def _run(command: Sequence[str]) -> None:
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _version_key(bin_dir: Path) -> tuple[int, ...]:
    version = bin_dir.parent.name
    return tuple(int(part) for part in version.split(".") if part.isdigit())
