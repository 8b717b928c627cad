"""The `openai` backend end to end: ChatOpenAI against a real llama.cpp `llama-server` running SmolLM2-135M
(tests/llama_server.py says where the binary and the model come from).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.components.llm import ChatModel, OpenAIChatModel, create_chat_model
from app.errors import LLMError
from app.settings import LLMSettings
from tests.llama_server import LlamaServer, running_llama_server

pytestmark = [pytest.mark.server, pytest.mark.slow]

QUESTION = [
    {"role": "system", "content": "Anda asisten layanan pelanggan toko online. Jawab singkat dalam bahasa Indonesia."},
    {"role": "user", "content": "Berapa lama proses refund?"},
]


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
