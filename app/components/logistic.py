"""Logistic regression: binary by Newton's method (confidence calibration, handoff reasons by meaning) and
multinomial by L-BFGS (which entry a question asks, app.retrieval.classifier)."""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize


def sigmoid(z: np.ndarray | float) -> np.ndarray:
    """The logistic function, clipped so that extreme scores neither overflow nor underflow."""
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -50, 50))))


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """Log-probabilities of each row's classes (``logits`` shifted by their row maximum: no overflow)."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    return np.asarray(shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True)))


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


def fit_softmax_regression(
    x: np.ndarray, labels: np.ndarray, classes: int, l2: float, iterations: int = 100
) -> tuple[np.ndarray, np.ndarray]:
    """Weights ``(dim, classes)`` and biases ``(classes,)`` minimising the summed multinomial log-loss plus
    ``l2 / 2 · |weights|²`` (biases not penalised), by L-BFGS from zero (tens of thousands of weights: a Newton
    step's Hessian would not fit)."""
    rows, dim = x.shape
    design = np.hstack([np.asarray(x, dtype=np.float64), np.ones((rows, 1))])
    onehot = np.eye(classes)[labels]

    def loss_and_gradient(flat: np.ndarray) -> tuple[float, np.ndarray]:
        theta = flat.reshape(dim + 1, classes)
        log_p = log_softmax(design @ theta)
        loss = float(-log_p[np.arange(rows), labels].sum() + l2 / 2 * (theta[:-1] ** 2).sum())
        gradient = design.T @ (np.exp(log_p) - onehot)
        gradient[:-1] += l2 * theta[:-1]
        return loss, gradient.ravel()

    found = minimize(
        loss_and_gradient,
        np.zeros((dim + 1) * classes),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": iterations},
    )
    theta = found.x.reshape(dim + 1, classes)
    return theta[:-1], theta[-1]
