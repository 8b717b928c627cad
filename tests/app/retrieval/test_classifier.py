"""Which entry a question asks, learnt from the knowledge's ways of asking: on hand-made vectors, then on an index."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from app.answer.engine import AnswerEngine
from app.retrieval.classifier import EntryClassifier
from app.retrieval.live_index import LiveIndex
from app.retrieval.search import hybrid_search
from app.settings import Settings
from ingest.pipeline import run_ingest
from tests.conftest import SMALL_KB, CountingEmbedder, faq_md, write_files


def around(axis: int, n: int, seed: int, dim: int = 4) -> np.ndarray:
    rng = np.random.default_rng(seed)
    vectors = np.eye(dim)[axis] + rng.normal(scale=0.2, size=(n, dim))
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_a_question_is_likeliest_for_the_entry_asked_that_way() -> None:
    vectors = np.vstack([around(0, 8, 1), around(1, 8, 2), around(2, 8, 3)])
    owners = ["a"] * 8 + ["b"] * 8 + ["c"] * 8
    classifier = EntryClassifier.fit(vectors, owners, l2=0.1)
    assert classifier is not None and classifier.doc_ids == ("a", "b", "c")
    log_p = classifier.log_probabilities([np.eye(4)[1]])
    assert max(log_p, key=lambda doc: log_p[doc]) == "b"
    assert sum(np.exp(list(log_p.values()))) == pytest.approx(1.0)  # a distribution over the entries
    # several readings of one question: each entry counts by its likeliest reading
    both = classifier.log_probabilities([np.eye(4)[1], np.eye(4)[2]])
    assert both["c"] == pytest.approx(classifier.log_probabilities([np.eye(4)[2]])["c"])
    assert both["b"] == pytest.approx(log_p["b"])


def test_nothing_to_tell_apart_with_a_single_entry() -> None:
    assert EntryClassifier.fit(around(0, 5, 1), ["a"] * 5, l2=0.1) is None


def test_the_index_fits_it_once_per_generation(
    tmp_path: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    knowledge = write_files(tmp_path / "knowledge", SMALL_KB)
    settings = make_settings(knowledge)
    run_ingest(settings, embedder=counting)
    index = LiveIndex(settings, counting)
    first = index.classifier
    assert first is not None and set(first.doc_ids) == {"refund-lama", "lacak-paket", "lupa-sandi"}
    assert index.classifier is first  # fitted once for this generation
    write_files(
        knowledge, {"faq/akun/ganti-email.md": faq_md("ganti-email", "Bagaimana mengganti e-mail?", "Buka Akun.")}
    )
    run_ingest(settings, embedder=counting)
    index.refresh()
    assert index.classifier is not first and "ganti-email" in index.classifier.doc_ids  # type: ignore[union-attr]


def test_nothing_is_fitted_while_it_does_not_weigh(
    tmp_path: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(write_files(tmp_path / "knowledge", SMALL_KB))  # the default weight is 0
    run_ingest(settings, embedder=counting)

    def fit(*_: object, **__: object) -> EntryClassifier:
        raise AssertionError("the classifier was fitted though its weight is 0")

    monkeypatch.setattr(EntryClassifier, "fit", fit)
    engine = AnswerEngine(settings, LiveIndex(settings, counting))
    engine.warm_up()
    assert engine.answer("paket saya dimana").sources[0].doc_id == "lacak-paket"


def test_an_entry_loses_in_the_fusion_what_it_lacks_in_likelihood(
    tmp_path: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    weight = 0.5
    knowledge = write_files(tmp_path / "knowledge", SMALL_KB)
    settings, weighed = make_settings(knowledge), make_settings(knowledge, retrieval={"classifier_weight": weight})
    run_ingest(settings, embedder=counting)
    question = "dana pengembalian saya belum masuk"
    plain = {h.doc_id: h.score for h in hybrid_search(LiveIndex(settings, counting), question, settings.retrieval)}
    index = LiveIndex(weighed, counting)
    scored = {h.doc_id: h.score for h in hybrid_search(index, question, weighed.retrieval)}
    assert index.classifier is not None
    log_p = index.classifier.log_probabilities([counting.embed_query(question)])  # (no other reading: no slang)
    likeliest = max(log_p[doc] for doc in scored if doc in log_p)
    for doc, score in scored.items():
        assert score == pytest.approx(plain[doc] - weight * (likeliest - log_p[doc]), abs=1e-6), doc
    assert max(scored, key=lambda doc: scored[doc]) == "refund-lama"


def test_warm_up_fits_it_before_any_customer_asks(
    tmp_path: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(write_files(tmp_path / "knowledge", SMALL_KB), retrieval={"classifier_weight": 0.5})
    run_ingest(settings, embedder=counting)
    engine = AnswerEngine(settings, LiveIndex(settings, counting))
    engine.warm_up()

    def refit(*_: object, **__: object) -> EntryClassifier:
        raise AssertionError("a customer's question fitted the classifier")

    monkeypatch.setattr(EntryClassifier, "fit", refit)
    assert engine.answer("paket saya dimana").sources[0].doc_id == "lacak-paket"
