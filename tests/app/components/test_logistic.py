"""The logistic solvers (Newton for two classes, L-BFGS for many) against hand-worked maximum-likelihood answers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from app.components.logistic import balanced_weights, fit_logistic_regression, fit_softmax_regression


def test_unpenalised_fit_reproduces_the_observed_rates() -> None:
    # x = 0: one positive in four (p = 1/4 → bias = ln(1/3)); x = 1: three in four (w + b = ln 3)
    x = np.array([[0.0]] * 4 + [[1.0]] * 4)
    y = np.array([0, 0, 0, 1, 0, 1, 1, 1])
    weights, bias = fit_logistic_regression(x, y, l2=0.0)
    assert bias == pytest.approx(math.log(1 / 3), abs=1e-6)
    assert weights[0] == pytest.approx(math.log(3) - math.log(1 / 3), abs=1e-6)


def test_the_penalty_shrinks_weights_but_not_the_bias() -> None:
    # the weight shrinks as the penalty grows; on balanced data the (unpenalised) bias stays 0
    x = np.array([[-1.0], [-1.0], [-1.0], [1.0], [1.0], [1.0]])
    y = np.array([0, 0, 1, 0, 1, 1])
    free, _ = fit_logistic_regression(x, y, l2=0.0)
    mild, _ = fit_logistic_regression(x, y, l2=1.0)
    strong, _ = fit_logistic_regression(x, y, l2=100.0)
    assert free[0] > mild[0] > strong[0] > 0
    _, bias = fit_logistic_regression(x, y, l2=5.0)
    assert bias == pytest.approx(0.0, abs=1e-9)


def test_sample_weights_count_like_repeated_rows() -> None:
    x = np.array([[0.0], [0.0], [1.0], [1.0]])
    y = np.array([0, 1, 0, 1])
    weighted = fit_logistic_regression(x, y, l2=0.0, sample_weight=np.array([3.0, 1.0, 1.0, 3.0]))
    repeated = fit_logistic_regression(np.repeat(x, [3, 1, 1, 3], axis=0), np.repeat(y, [3, 1, 1, 3]), l2=0.0)
    assert weighted[0][0] == pytest.approx(repeated[0][0], abs=1e-6)
    assert weighted[1] == pytest.approx(repeated[1], abs=1e-6)


def test_balanced_weights_give_each_class_half_the_total() -> None:
    weights = balanced_weights(np.array([1, 0, 0, 0]))
    assert weights.tolist() == pytest.approx([2.0, 2 / 3, 2 / 3, 2 / 3])


def test_softmax_over_two_classes_is_the_binary_model_with_half_the_penalty() -> None:
    # With two classes only the difference of the weight vectors matters; at the optimum w₀ = −w₁, so the
    # penalty l2/2·(|w₀|² + |w₁|²) is (l2/2)/2·|w₁ − w₀|²: the binary model with penalty l2/2.
    x = np.array([[-1.0, 0.5], [-0.5, -1.0], [0.0, 0.3], [0.5, 1.0], [1.0, -0.2], [0.2, 0.1], [-0.3, 0.8]])
    y = np.array([0, 0, 1, 1, 1, 0, 1])
    weights, biases = fit_softmax_regression(x, y, classes=2, l2=2.0)
    binary, bias = fit_logistic_regression(x, y, l2=1.0)
    assert weights[:, 1] - weights[:, 0] == pytest.approx(binary, abs=1e-4)
    assert biases[1] - biases[0] == pytest.approx(bias, abs=1e-4)


def test_unpenalised_softmax_reproduces_the_observed_rates_per_group() -> None:
    # one-hot inputs: each group's predicted class shares are its observed ones (1/2, 1/4, 1/4 for group 0)
    x = np.array([[1.0, 0.0]] * 4 + [[0.0, 1.0]] * 4)
    y = np.array([0, 0, 1, 2, 2, 2, 2, 1])
    weights, biases = fit_softmax_regression(x, y, classes=3, l2=1e-9, iterations=500)
    for group, shares in ((0, [0.5, 0.25, 0.25]), (1, [0.0, 0.25, 0.75])):
        logits = np.eye(2)[group] @ weights + biases
        p = np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()
        assert p == pytest.approx(shares, abs=0.01)
