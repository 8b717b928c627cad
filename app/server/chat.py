"""The customer chat (Gradio), thin: each callback calls the answer engine and formats its result."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.answer.engine import AnswerEngine
from app.answer.models import Answer

TITLE = "Sigap · Bantuan Pelanggan"
DESCRIPTION = "Tanyakan apa saja tentang pesanan, pembayaran, pengiriman, atau akun Anda. / Ask in English too."
SOURCES_LABEL = {"id": "Sumber", "en": "Sources"}


def format_reply(answer: Answer) -> str:
    """The reply text followed by its sources, as Markdown (links are not executed, only shown)."""
    if not answer.sources or answer.decision != "answer":
        return answer.text
    listed = "\n".join(f"- {s.title} (`{s.doc_id}`)" for s in answer.sources)
    return f"{answer.text}\n\n**{SOURCES_LABEL[answer.lang]}:**\n{listed}"


def stream_reply(engine: AnswerEngine, message: str, history: list[dict[str, str]]) -> Iterator[str]:
    """The reply so far after each piece the engine produces; finally the complete reply with sources."""
    shown = ""
    for event in engine.stream(message, history):
        if isinstance(event, Answer):
            yield format_reply(event)
        else:
            shown += event
            yield shown


def build_chat(engine: AnswerEngine) -> Any:
    """The customer chat as a Gradio app."""
    import gradio as gr

    def respond(message: str, history: list[dict[str, Any]]) -> Iterator[str]:
        if not message or not message.strip():
            return
        turns = [{"role": str(t["role"]), "content": str(t["content"])} for t in history]
        yield from stream_reply(engine, message, turns)

    return gr.ChatInterface(respond, title=TITLE, description=DESCRIPTION, api_name="chat")
