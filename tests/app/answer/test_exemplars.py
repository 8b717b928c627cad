"""Handoff reasons by meaning: the per-reason models on small hand-made vectors, then on the real model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from app.answer import exemplars
from app.answer.engine import AnswerEngine
from app.answer.exemplars import EXEMPLARS, ReasonModel
from app.retrieval.live_index import LiveIndex
from app.server.services import Reindexer
from app.settings import Settings
from tests.conftest import CountingEmbedder

AXES = {"sensitive": 0, "human_request": 1, "frustration": 2, "answerable": 3}
DIM = 6


def around(axis: int, n: int, seed: int) -> np.ndarray:
    """``n`` unit vectors close to one axis."""
    rng = np.random.default_rng(seed)
    vectors = np.zeros((n, DIM))
    vectors[:, axis] = 1.0
    vectors += rng.normal(scale=0.15, size=(n, DIM))
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def unit(axis: int) -> np.ndarray:
    return np.eye(DIM)[axis]


def examples() -> dict[str, np.ndarray]:
    return {name: around(axis, 12, seed=axis) for name, axis in AXES.items()}


def test_each_reason_is_told_from_the_others_and_from_the_knowledge_questions() -> None:
    asked = [(f"pertanyaan {i}", vector) for i, vector in enumerate(around(4, 30, seed=9))]
    model = ReasonModel.fit(examples(), asked)
    for reason in EXEMPLARS:
        probabilities = model.probabilities(unit(AXES[reason]))
        assert probabilities[reason] > 0.9, (reason, probabilities)
        assert all(p < 0.1 for other, p in probabilities.items() if other != reason), (reason, probabilities)
    ordinary = model.probabilities(unit(4))  # like the knowledge's own questions: no reason
    assert max(ordinary.values()) < 0.1, ordinary


def test_knowledge_questions_the_rules_read_as_a_reason_are_not_counter_examples() -> None:
    # The knowledge asks "my account was hacked, what now?": its question sits among the sensitive examples.
    # Taken as an ordinary question it would teach the model that such messages are not sensitive.
    on_the_sensitive_axis = around(AXES["sensitive"], 12, seed=21)
    ruled = [("akun saya dibobol, apa yang harus saya lakukan?", v) for v in on_the_sensitive_axis]
    unruled = [("pertanyaan biasa tentang akun", v) for v in on_the_sensitive_axis]
    kept = ReasonModel.fit(examples(), ruled).probabilities(unit(AXES["sensitive"]))["sensitive"]
    pulled = ReasonModel.fit(examples(), unruled).probabilities(unit(AXES["sensitive"]))["sensitive"]
    assert kept > 0.95
    assert pulled < 0.85, (pulled, kept)


def test_a_large_knowledge_is_sampled_the_same_way_every_time() -> None:
    asked = [(f"pertanyaan {i}", vector) for i, vector in enumerate(around(4, 60, seed=9))]
    sampled = ReasonModel.fit(examples(), asked, sample=20).probabilities(unit(4))
    again = ReasonModel.fit(examples(), asked, sample=20).probabilities(unit(4))
    whole = ReasonModel.fit(examples(), asked, sample=60).probabilities(unit(4))
    assert sampled == again  # a fixed-seed sample: the same knowledge gives the same model
    assert sampled != whole  # only 20 of the 60 questions were counter-examples
    assert max(sampled.values()) < 0.1, sampled  # and 20 are still enough to read them as no reason


def test_no_knowledge_still_fits_from_the_examples_alone() -> None:
    model = ReasonModel.fit(examples(), [])
    assert model.probabilities(unit(AXES["human_request"]))["human_request"] == pytest.approx(1.0, abs=0.1)


@pytest.mark.slow
def test_warm_up_fits_the_model_before_any_customer_asks(
    demo_engine: AnswerEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exemplars, "_MODELS", {})  # as in a fresh process
    demo_engine.warm_up()

    def refit(*_: object, **__: object) -> ReasonModel:
        raise AssertionError("a customer's message fitted the model")

    monkeypatch.setattr(ReasonModel, "fit", refit)
    assert demo_engine.answer("tolong panggilkan supervisor").reason == "human_request"


def test_a_reindex_warms_the_engine_up_for_the_new_generation(
    small_kb: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    settings = make_settings(small_kb)
    index = LiveIndex(settings, counting)
    warmed: list[str] = []
    Reindexer(settings, index, warm_up=lambda: warmed.append(index.snapshot.generation))()
    assert warmed == [index.snapshot.generation]
