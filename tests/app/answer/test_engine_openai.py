"""The `openai` path end to end: the engine talks to a real llama-server serving the real SmolLM2-135M.

The model is tiny and often wrong, which is the point: whatever it says, the customer gets a grounded reply
(the model's own, or the extractive fallback when it invents a number or strays), streamed as it comes.
"""

from __future__ import annotations

import pytest

from app.answer.models import Answer
from app.retrieval.live_index import LiveIndex
from app.settings import Settings
from tests.app.answer.conftest import engine_with_llm
from tests.app.components.test_llm_openai import openai_settings
from tests.llama_server import LlamaServer


@pytest.mark.server
@pytest.mark.slow
def test_engine_streams_from_llama_server(
    llama_server: LlamaServer, demo_settings: Settings, demo_index: LiveIndex
) -> None:
    llm = openai_settings(llama_server.base_url, max_tokens=64).model_dump()
    engine = engine_with_llm(demo_settings, demo_index, **llm)
    pieces: list[str] = []
    final: Answer | None = None
    for event in engine.stream("berapa lama refund diproses setelah retur disetujui?"):
        if isinstance(event, Answer):
            final = event
        else:
            pieces.append(event)
    assert final is not None and final.decision == "answer"
    assert final.sources[0].doc_id == "refund-lama-proses"
    assert len(pieces) > 1  # streamed piece by piece from the server
    if final.generator == "openai:local":
        assert final.text == "".join(pieces).strip()
    else:  # the model strayed (an invented number, or nothing useful): the curated answer replaced it
        assert final.generator == "extractive" and "3–7 hari kerja" in final.text
