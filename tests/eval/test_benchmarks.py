"""Benchmark conversion: intents become FAQ entries, test texts become eval cases."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eval.benchmarks import intent_cases, intent_title, write_intent_knowledge
from eval.command import ThresholdCase, headline_threshold, threshold_keeping_accuracy


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


def test_threshold_with_the_best_accuracy_plus_f1() -> None:
    # answerable cases (a and b answered rightly when answered, c not), two to hand off (d, e) and a rule's handoff
    a, b, c = (ThresholdCase(conf, False, False, True, ok) for conf, ok in ((0.9, True), (0.6, True), (0.4, False)))
    d, e = ThresholdCase(0.7, False, True, False, False), ThresholdCase(0.2, False, True, False, False)
    ruled = ThresholdCase(0.05, True, True, False, False)  # a sensitive matter: handed off at any threshold
    # up to 0.20: only the rule hands off: F1 2·1·(1/3)/(4/3) = 0.5, accuracy 2/3 (a, b)       → 1.167
    # 0.21–0.40: e and the rule: precision 1, recall 2/3, F1 0.8, accuracy 2/3                 → 1.467
    # 0.41–0.60: c, e and the rule: F1 2/3, accuracy 2/3                                        → 1.333
    # 0.61–0.70: b, c, e and the rule: P 1/2, R 2/3, F1 0.571, accuracy 1/3                    → 0.905
    # 0.71–0.90: all but a: P 3/5, R 1, F1 0.75, accuracy 1/3                                  → 1.083
    cases = [a, b, c, d, e, ruled]
    assert headline_threshold(cases, window=0) == 0.21  # the best plateau's lowest threshold
    # averaged over ±0.05, the best are the thresholds whose whole window lies on that plateau: 0.26–0.35
    assert headline_threshold(cases, window=0.05) == 0.26


def test_threshold_keeping_a_floor_of_right_answers() -> None:
    scores = [0.2, 0.3, 0.5, 0.6, 0.7, 0.9]
    right = [False, False, True, True, False, True]
    answerable = [False, False, True, True, True, True]  # 4 answerable, 3 of them answered rightly at best
    # 0.75 of 4 = 3 right answers kept: the highest threshold keeping all three is 0.5
    assert threshold_keeping_accuracy(scores, right, answerable, 0.75) == 0.5
    # 0.5 of 4 = 2: 0.6 keeps 0.6 and 0.9
    assert threshold_keeping_accuracy(scores, right, answerable, 0.5) == 0.6
    assert threshold_keeping_accuracy(scores, right, answerable, 0.9) == 0.0  # unreachable: answer everything
