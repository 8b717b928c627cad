"""Questions known to be beyond the knowledge: how close a new message is to them.

Out-of-scope questions that sit near a known topic ("who is Rimbun's CEO?" near how to reach customer
service, "is there a student discount?" near the shop's own sales) look answerable to every retrieval signal.
What does tell them apart is that customers ask them again, in other words: how near the message is to such
questions already seen is a signal of its own. The examples are the train split's out-of-scope questions, stored
with the calibration that weighs the signal (``sigap eval --calibrate``, :func:`eval.command.calibrate`); the
feature is the soft maximum of the cosines of the message's query embedding with the examples (:func:`likeness`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from app.components.embedding import Vectors

# Temperature of the soft maximum over the examples' similarities: chosen by 5-fold cross-validation on the train
# split (README § Known out-of-scope questions): the nearest example counts most, several near ones add up.
TEMPERATURE = 0.05


def likeness(message: Vectors | None, examples: Vectors) -> float:
    """Soft maximum of the message's cosines with the examples, T·log Σ exp(cos/T) (0 without a message or
    examples): the nearest example's cosine, raised when others are nearly as near."""
    if message is None or not len(examples):
        return 0.0
    return _soft_max(examples @ message)


def leave_one_out(vectors: Vectors, is_example: Sequence[bool]) -> list[float]:
    """For each vector, its :func:`likeness` to the examples among ``vectors`` other than itself: what a question
    would score had it not been an example (for fitting the weight on the examples' own split)."""
    mask = np.asarray(is_example, dtype=bool)
    similarities = vectors @ vectors[mask].T
    own = np.flatnonzero(mask)
    keep = np.ones_like(similarities, dtype=bool)
    keep[own, np.arange(len(own))] = False
    return [_soft_max(row[kept]) if kept.any() else 0.0 for row, kept in zip(similarities, keep, strict=True)]


def _soft_max(similarities: npt.NDArray[np.floating]) -> float:
    top = float(similarities.max())
    return top + TEMPERATURE * float(np.log(np.exp((similarities - top) / TEMPERATURE).sum()))
