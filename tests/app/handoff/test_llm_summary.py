"""With an LLM available, the case summary is worded by it (through the engine); without one it is extractive."""

from __future__ import annotations

from app.answer.engine import AnswerEngine
from app.answer.llm_choice import LLMChoice
from app.handoff import ChatService, lookup_category
from app.retrieval.live_index import LiveIndex
from app.settings import Settings
from app.store import SqlConversationStore
from tests.app.handoff.conftest import FakeClock
from tests.fakes.ollama_server import run_fake_ollama

SUMMARY = "Pelanggan meminta bantuan agen soal refund yang belum masuk."


def _chat(settings: Settings, index: LiveIndex, store: SqlConversationStore, clock: FakeClock) -> ChatService:
    engine = AnswerEngine(settings, index, llm=LLMChoice(settings.llm))
    return ChatService(
        engine, store, [], settings, clock=clock, category_of=lookup_category(index), summarize=engine.summarize
    )


def test_case_summary_by_llm(
    kb_settings: Settings, kb_index: LiveIndex, store: SqlConversationStore, clock: FakeClock
) -> None:
    with run_fake_ollama(reply=(SUMMARY,)) as ollama:
        llm = kb_settings.llm.model_copy(
            update={
                "mode": "auto",
                "ollama_host": ollama.url,
                "health_timeout_s": 1.0,
                "first_token_timeout_s": 2.0,
                "request_timeout_s": 5.0,
            }
        )
        chat = _chat(kb_settings.model_copy(update={"llm": llm}), kb_index, store, clock)
        session = chat.start("id")
        finals = list(chat.send(session, "mau bicara dengan cs manusia soal refund saya"))
        summary_request = ollama.messages(-1)
    case = store.current_case(session.conversation_id)
    assert case is not None and case.reason == "human_request"
    assert case.summary == SUMMARY
    assert "Summarise the customer's problem" in summary_request[0]["content"]
    assert "soal refund saya" in summary_request[-1]["content"]
    assert finals


def test_case_summary_extractive_without_llm(
    kb_settings: Settings, kb_index: LiveIndex, store: SqlConversationStore, clock: FakeClock
) -> None:
    settings = kb_settings.model_copy(update={"llm": kb_settings.llm.model_copy(update={"mode": "extractive"})})
    chat = _chat(settings, kb_index, store, clock)
    session = chat.start("id")
    list(chat.send(session, "mau bicara dengan cs manusia soal refund saya"))
    case = store.current_case(session.conversation_id)
    assert case is not None and case.summary == "mau bicara dengan cs manusia soal refund saya"
