"""Benchmark conversion: intents become FAQ entries, test texts become eval cases."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eval.benchmarks import intent_cases, intent_title, write_intent_knowledge
from eval.command import best_threshold, threshold_keeping_accuracy


@pytest.mark.parametrize(
    ("intent", "title"),
    [
        ("weather/find", "weather find"),
        ("AddToPlaylist", "add to playlist"),
        ("alarm/set_alarm", "alarm set"),
        ("card_arrival", "card arrival"),
    ],
)
def test_intent_names_read_as_titles(intent: str, title: str) -> None:
    assert intent_title(intent) == title


def test_one_entry_per_intent_with_its_examples_as_variants(tmp_path: Path) -> None:
    pairs = [("where is my card", "card_arrival"), ("card not here yet", "card_arrival"), ("hi", "greeting")]
    root = write_intent_knowledge(tmp_path, pairs, "en")
    text = (root / "faq" / "card-arrival.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---")[1])
    assert meta["question"] == "card arrival"
    assert meta["variants"] == ["card not here yet", "where is my card"]
    assert sorted(p.name for p in (root / "faq").iterdir()) == ["card-arrival.md", "greeting.md"]


def test_out_of_scope_queries_expect_a_handoff() -> None:
    cases = intent_cases([("book me a flight", "oos"), ("where is my card", "card_arrival")], "en", "test")
    assert cases[0].expects_handoff and cases[0].doc_ids == ()
    assert not cases[1].expects_handoff and cases[1].doc_ids == ("card-arrival",)


def test_threshold_with_most_right_decisions() -> None:
    # 8 answerable cases (label 1) and 2 that are not
    scores = [0.1, 0.35, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]
    labels = [0, 0, 1, 1, 1, 1, 1, 1, 1, 1]
    # 0.3 and 0.4 both make 9 right decisions; ties go to the lower threshold
    assert best_threshold(scores, labels) == 0.3


def test_threshold_keeping_a_floor_of_right_answers() -> None:
    scores = [0.2, 0.3, 0.5, 0.6, 0.7, 0.9]
    right = [False, False, True, True, False, True]
    answerable = [False, False, True, True, True, True]  # 4 answerable, 3 of them answered rightly at best
    # 0.75 of 4 = 3 right answers kept: the highest threshold keeping all three is 0.5
    assert threshold_keeping_accuracy(scores, right, answerable, 0.75) == 0.5
    # 0.5 of 4 = 2: 0.6 keeps 0.6 and 0.9
    assert threshold_keeping_accuracy(scores, right, answerable, 0.5) == 0.6
    assert threshold_keeping_accuracy(scores, right, answerable, 0.9) == 0.0  # unreachable: answer everything
