"""Logistic regression by Newton's method, numpy only (confidence calibration, handoff reasons by meaning)."""

from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray | float) -> np.ndarray:
    """The logistic function, clipped so that extreme scores neither overflow nor underflow."""
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -50, 50))))


def fit_logistic_regression(
    x: np.ndarray,
    y: np.ndarray,
    l2: float,
    sample_weight: np.ndarray | None = None,
    iterations: int = 50,
) -> tuple[np.ndarray, float]:
    """Weights and bias minimising the weighted log-loss plus ``l2 / 2 · |weights|²`` (the bias is not penalised).

    Newton's method: a few iterations reach the optimum for the small problems here (tens of features,
    a few thousand rows).
    """
    design = np.hstack([np.asarray(x, dtype=np.float64), np.ones((len(x), 1))])
    target = np.asarray(y, dtype=np.float64)
    weight = np.ones(len(target)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    penalty = np.full(design.shape[1], float(l2))
    penalty[-1] = 0.0
    theta = np.zeros(design.shape[1])
    for _ in range(iterations):
        p = sigmoid(design @ theta)
        gradient = design.T @ (weight * (p - target)) + penalty * theta
        hessian = design.T @ (design * (weight * p * (1 - p))[:, None]) + np.diag(penalty)
        step = np.linalg.solve(hessian + 1e-9 * np.eye(len(theta)), gradient)
        theta -= step
        if np.abs(step).max() < 1e-8:
            break
    return theta[:-1], float(theta[-1])


def balanced_weights(y: np.ndarray) -> np.ndarray:
    """Sample weights giving both classes the same total weight (``n / (2 · n_class)`` each)."""
    labels = np.asarray(y, dtype=bool)
    positives = max(int(labels.sum()), 1)
    negatives = max(int((~labels).sum()), 1)
    return np.where(labels, len(labels) / (2 * positives), len(labels) / (2 * negatives))
