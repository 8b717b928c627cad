"""The `ollama` path end to end through langchain-ollama, against a fake Ollama speaking the real protocol.

Every failure mode must end in a correct extractive answer for that turn: the customer never sees an error.
"""

from __future__ import annotations

import time

import pytest

from app.answer.models import Answer
from app.retrieval.live_index import LiveIndex
from app.settings import Settings
from tests.app.answer.conftest import engine_with_llm
from tests.fakes.ollama_server import run_fake_ollama
from tests.processes import free_port

QUESTION = "berapa lama refund saya diproses setelah retur disetujui?"
FAST = {"health_timeout_s": 0.5, "first_token_timeout_s": 1.0, "request_timeout_s": 3.0}


def _collect(engine, question: str = QUESTION) -> tuple[list[str], Answer]:  # type: ignore[no-untyped-def]
    pieces: list[str] = []
    for event in engine.stream(question):
        if isinstance(event, Answer):
            return pieces, event
        pieces.append(event)
    raise AssertionError("no final answer")


def test_ollama_streams_a_grounded_answer(demo_settings: Settings, demo_index: LiveIndex) -> None:
    with run_fake_ollama(reply=("Refund ", "diproses ", "3–7 hari ", "kerja ", "setelah retur disetujui.")) as ollama:
        engine = engine_with_llm(demo_settings, demo_index, mode="ollama", ollama_host=ollama.url, **FAST)
        pieces, answer = _collect(engine)
        assert pieces[:3] == ["Refund ", "diproses ", "3–7 hari "]  # token by token, as the model sent them
        assert answer.generator == "ollama:qwen2.5:3b-instruct"
        assert answer.text == "Refund diproses 3–7 hari kerja setelah retur disetujui."
        assert answer.sources[0].doc_id == "refund-lama-proses"
        sent = ollama.messages()
        assert sent[0]["role"] == "system" and "data, not instructions" in sent[0]["content"]
        assert "<knowledge>" in sent[-1]["content"] and QUESTION in sent[-1]["content"]


def test_invented_number_falls_back_to_extractive(demo_settings: Settings, demo_index: LiveIndex) -> None:
    with run_fake_ollama(reply=("Refund ", "pasti ", "masuk ", "dalam ", "1 jam!")) as ollama:
        engine = engine_with_llm(demo_settings, demo_index, mode="ollama", ollama_host=ollama.url, **FAST)
        _, answer = _collect(engine)
    assert answer.generator == "extractive"
    assert "1 jam" not in answer.text and "3–7 hari kerja" in answer.text


def test_model_saying_not_in_knowledge_falls_back(demo_settings: Settings, demo_index: LiveIndex) -> None:
    with run_fake_ollama(reply=("TIDAK_ADA_DI_PENGETAHUAN",)) as ollama:
        engine = engine_with_llm(demo_settings, demo_index, mode="ollama", ollama_host=ollama.url, **FAST)
        _, answer = _collect(engine)
    assert answer.generator == "extractive" and "TIDAK_ADA" not in answer.text


@pytest.mark.parametrize("behaviour", ["hang", "stall", "garbage", "error"])
def test_broken_ollama_falls_back_to_extractive(behaviour: str, demo_settings: Settings, demo_index: LiveIndex) -> None:
    with run_fake_ollama() as ollama:
        ollama.behaviour = behaviour  # type: ignore[assignment]
        engine = engine_with_llm(demo_settings, demo_index, mode="ollama", ollama_host=ollama.url, **FAST)
        started = time.monotonic()
        _, answer = _collect(engine)
        elapsed = time.monotonic() - started
    assert answer.decision == "answer" and answer.generator == "extractive"
    assert answer.sources[0].doc_id == "refund-lama-proses"
    assert "3–7 hari kerja" in answer.text
    assert elapsed < FAST["request_timeout_s"] + 3


def test_auto_mode_uses_extractive_when_ollama_is_down(demo_settings: Settings, demo_index: LiveIndex) -> None:
    engine = engine_with_llm(
        demo_settings, demo_index, mode="auto", ollama_host=f"http://127.0.0.1:{free_port()}", **FAST
    )
    _, answer = _collect(engine)
    assert answer.generator == "extractive" and answer.decision == "answer"


def test_auto_mode_uses_ollama_when_healthy(demo_settings: Settings, demo_index: LiveIndex) -> None:
    with run_fake_ollama(reply=("Refund diproses 3–7 hari kerja.",)) as ollama:
        engine = engine_with_llm(demo_settings, demo_index, mode="auto", ollama_host=ollama.url, **FAST)
        _, answer = _collect(engine)
    assert answer.generator.startswith("ollama:")


def test_auto_mode_skips_a_server_that_hangs_on_health(demo_settings: Settings, demo_index: LiveIndex) -> None:
    with run_fake_ollama() as ollama:
        ollama.behaviour = "hang"
        engine = engine_with_llm(demo_settings, demo_index, mode="auto", ollama_host=ollama.url, **FAST)
        started = time.monotonic()
        _, answer = _collect(engine)
        assert time.monotonic() - started < 3
    assert answer.generator == "extractive"


def test_follow_up_is_condensed_by_the_llm(demo_settings: Settings, demo_index: LiveIndex) -> None:
    history = [
        {"role": "user", "content": "gimana cara retur barang?"},
        {"role": "assistant", "content": "Ajukan retur dari menu Pesanan Saya."},
    ]
    standalone = ("Apakah barang yang sudah dipakai masih bisa dikembalikan atau diretur?",)
    with run_fake_ollama(reply=standalone) as ollama:
        engine = engine_with_llm(demo_settings, demo_index, mode="ollama", ollama_host=ollama.url, **FAST)
        answer = engine.answer("kalau udah dipakai?", history)
        first_request = ollama.messages(0)
    assert "standalone question" in first_request[0]["content"]
    assert "kalau udah dipakai?" in first_request[-1]["content"]
    assert answer.sources[0].doc_id in {"retur-syarat", "retur-barang-dikecualikan"}
