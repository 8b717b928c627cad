"""The chat model interface, through the real ChatOllama client against a fake Ollama over real HTTP."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from app.components.llm import ChatModel, OllamaChatModel, OpenAIChatModel, create_chat_model
from app.errors import LLMError, MissingDependencyError
from app.settings import LLMSettings
from tests.fakes.ollama_server import DEFAULT_MODEL, DEFAULT_REPLY, FakeOllama, run_fake_ollama
from tests.processes import free_port

HEALTH_S = 0.5
FIRST_TOKEN_S = 1.0
REQUEST_S = 3.0
SLACK_S = 3.0  # loose upper bound on how much later than its deadline an LLMError may come

MESSAGES = [
    {"role": "system", "content": "Anda asisten layanan pelanggan. Jawab hanya dari sumber."},
    {"role": "user", "content": "Berapa lama proses refund?"},
]


@pytest.fixture
def ollama() -> Iterator[FakeOllama]:
    with run_fake_ollama() as fake:
        yield fake


def settings_for(url: str, **overrides: Any) -> LLMSettings:
    values: dict[str, Any] = {
        "mode": "ollama",
        "ollama_host": url,
        "health_timeout_s": HEALTH_S,
        "first_token_timeout_s": FIRST_TOKEN_S,
        "request_timeout_s": REQUEST_S,
        **overrides,
    }
    return LLMSettings(**values)


def ollama_model(url: str, **overrides: Any) -> OllamaChatModel:
    return OllamaChatModel(settings_for(url, **overrides))


def llm_error_within(seconds: float, model: ChatModel) -> tuple[LLMError, float]:
    """Stream MESSAGES expecting an LLMError; returns it and how long it took (asserted below `seconds`)."""
    started = time.monotonic()
    with pytest.raises(LLMError) as raised:
        list(model.stream(MESSAGES))
    elapsed = time.monotonic() - started
    assert elapsed < seconds, f"LLMError after {elapsed:.1f} s: {raised.value}"
    return raised.value, elapsed


def test_stream_yields_the_pieces_in_order_and_sends_the_messages(ollama: FakeOllama) -> None:
    model = ollama_model(ollama.url, temperature=0.2, max_tokens=123)
    conversation = [*MESSAGES, {"role": "assistant", "content": "3–7 hari kerja."}, {"role": "user", "content": "ok"}]

    pieces = list(model.stream(conversation))

    assert pieces == list(DEFAULT_REPLY)
    assert ollama.messages() == [{"role": m["role"], "content": m["content"]} for m in conversation]
    request = ollama.chat_requests[-1]
    assert request["model"] == DEFAULT_MODEL
    assert request["stream"] is True
    assert request["options"]["temperature"] == 0.2
    assert request["options"]["num_predict"] == 123


def test_name_says_provider_and_model(ollama: FakeOllama) -> None:
    assert ollama_model(ollama.url).name == f"ollama:{DEFAULT_MODEL}"


def test_healthy_when_the_server_has_the_model(ollama: FakeOllama) -> None:
    assert ollama_model(ollama.url).healthy() is True
    assert ollama_model(ollama.url + "/").healthy() is True


def test_unhealthy_when_the_model_is_not_pulled(ollama: FakeOllama) -> None:
    assert ollama_model(ollama.url, ollama_model="llama3.2:1b").healthy() is False


def test_unhealthy_when_the_server_is_down() -> None:
    started = time.monotonic()
    assert ollama_model(f"http://127.0.0.1:{free_port()}").healthy() is False
    assert time.monotonic() - started < HEALTH_S + SLACK_S


def test_unhealthy_within_the_health_timeout_when_the_server_hangs(ollama: FakeOllama) -> None:
    ollama.behaviour = "hang"
    started = time.monotonic()
    assert ollama_model(ollama.url).healthy() is False
    assert time.monotonic() - started < 2 * HEALTH_S + 1.0


def test_down_server_raises_llm_error_naming_the_host() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    error, _ = llm_error_within(FIRST_TOKEN_S + SLACK_S, ollama_model(url))
    assert url in str(error)
    assert "ollama_host" in str(error)


def test_hanging_server_raises_after_the_first_token_timeout(ollama: FakeOllama) -> None:
    ollama.behaviour = "hang"
    error, elapsed = llm_error_within(FIRST_TOKEN_S + SLACK_S, ollama_model(ollama.url))
    assert "first token" in str(error)
    assert elapsed >= FIRST_TOKEN_S * 0.9
    _assert_stream_workers_end()


def test_stalled_stream_raises_after_the_first_piece(ollama: FakeOllama) -> None:
    ollama.behaviour = "stall"
    received: list[str] = []
    started = time.monotonic()
    with pytest.raises(LLMError, match="stalled"):
        received.extend(ollama_model(ollama.url).stream(MESSAGES))
    assert time.monotonic() - started < FIRST_TOKEN_S + SLACK_S
    assert received == [DEFAULT_REPLY[0]]
    _assert_stream_workers_end()


def test_an_answer_longer_than_the_request_timeout_raises(ollama: FakeOllama) -> None:
    ollama.reply = tuple(f"kata{i} " for i in range(40))
    ollama.piece_delay_s = 0.1
    model = ollama_model(ollama.url, request_timeout_s=1.5)
    received: list[str] = []
    started = time.monotonic()
    with pytest.raises(LLMError, match=r"request_timeout_s=1\.5 s"):
        received.extend(model.stream(MESSAGES))
    assert time.monotonic() - started < 1.5 + SLACK_S
    assert 0 < len(received) < 40


def test_garbage_response_raises_llm_error(ollama: FakeOllama) -> None:
    ollama.behaviour = "garbage"
    error, _ = llm_error_within(FIRST_TOKEN_S + SLACK_S, ollama_model(ollama.url))
    assert "malformed" in str(error)


def test_server_error_raises_llm_error_quoting_ollama(ollama: FakeOllama) -> None:
    ollama.behaviour = "error"
    error, _ = llm_error_within(FIRST_TOKEN_S + SLACK_S, ollama_model(ollama.url))
    assert "HTTP 500" in str(error)
    assert "llama runner process has terminated" in str(error)


def test_missing_model_raises_llm_error_saying_to_pull_it(ollama: FakeOllama) -> None:
    error, _ = llm_error_within(FIRST_TOKEN_S + SLACK_S, ollama_model(ollama.url, ollama_model="llama3.2:1b"))
    assert "ollama pull llama3.2:1b" in str(error)


def test_empty_answer_raises_llm_error(ollama: FakeOllama) -> None:
    ollama.reply = ()
    error, _ = llm_error_within(FIRST_TOKEN_S + SLACK_S, ollama_model(ollama.url))
    assert "no text" in str(error)


def test_a_message_with_an_unknown_role_is_refused(ollama: FakeOllama) -> None:
    with pytest.raises(LLMError, match="'robot'"):
        list(ollama_model(ollama.url).stream([{"role": "robot", "content": "hi"}]))
    assert ollama.chat_requests == []


def test_leaving_a_stream_early_stops_its_worker(ollama: FakeOllama) -> None:
    ollama.reply = tuple(f"kata{i} " for i in range(50))
    ollama.piece_delay_s = 0.05
    stream = ollama_model(ollama.url).stream(MESSAGES)
    assert next(iter(stream)) == "kata0 "
    stream.close()  # type: ignore[attr-defined]  # the iterator is a generator
    _assert_stream_workers_end()


def _assert_stream_workers_end() -> None:
    """No worker thread outlives its stream for long: the client's read timeout ends a blocked one."""
    for thread in threading.enumerate():
        if thread.name.startswith("llm "):
            thread.join(timeout=FIRST_TOKEN_S + SLACK_S)
            assert not thread.is_alive(), f"{thread.name} still runs"


def test_create_chat_model_is_none_in_extractive_mode() -> None:
    assert create_chat_model(LLMSettings(mode="extractive")) is None


@pytest.mark.parametrize(
    ("mode", "provider", "expected"),
    [
        ("auto", "ollama", OllamaChatModel),
        ("auto", "openai", OpenAIChatModel),
        ("ollama", "openai", OllamaChatModel),
        ("openai", "ollama", OpenAIChatModel),
    ],
)
def test_create_chat_model_builds_the_chosen_backend(mode: str, provider: str, expected: type) -> None:
    model = create_chat_model(LLMSettings(mode=mode, provider=provider))
    assert isinstance(model, expected)
    assert isinstance(model, ChatModel)


def test_openai_model_name_and_down_server() -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    model = create_chat_model(settings_for("", mode="openai", openai_base_url=url, openai_model="local"))
    assert model is not None
    assert model.name == "openai:local"
    assert model.healthy() is False
    error, _ = llm_error_within(FIRST_TOKEN_S + SLACK_S, model)
    assert url in str(error)


def test_openai_client_gives_up_on_a_server_that_never_answers(ollama: FakeOllama) -> None:
    ollama.behaviour = "hang"  # any server that accepts the connection and then says nothing
    model = OpenAIChatModel(settings_for("", mode="openai", openai_base_url=f"{ollama.url}/v1"))
    assert model.healthy() is False
    error, _ = llm_error_within(FIRST_TOKEN_S + SLACK_S, model)
    assert "first token" in str(error)
    _assert_stream_workers_end()


def test_openai_client_reports_a_wrong_base_url(ollama: FakeOllama) -> None:
    model = OpenAIChatModel(settings_for("", mode="openai", openai_base_url=ollama.url))  # Ollama's, without /v1
    error, _ = llm_error_within(FIRST_TOKEN_S + SLACK_S, model)
    assert "HTTP 404" in str(error)
    assert "openai_base_url" in str(error)


def test_missing_langchain_package_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "langchain_ollama", None)  # makes `import langchain_ollama` fail
    with pytest.raises(MissingDependencyError, match="langchain-ollama"):
        create_chat_model(LLMSettings(mode="ollama"))
