"""Questions known to be beyond the knowledge: how close a new message is to one of them.

Out-of-scope questions that sit near a known topic ("who is Rimbun's CEO?" near how to reach customer
service, "is there a student discount?" near the shop's own sales) look answerable to every retrieval signal.
What does tell them apart is that customers ask them again, in other words: the nearest such question already
seen is a signal of its own. The examples are the train split's out-of-scope questions, stored with the
calibration that weighs the signal (``sigap eval --calibrate``, :func:`eval.command.calibrate`); the feature is
the cosine of the message's query embedding with the nearest example.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from app.components.embedding import Embedder, Vectors

_EMBEDDED: dict[tuple[str, tuple[str, ...]], Vectors] = {}
_LOCK = threading.Lock()


def embedded_examples(embedder: Embedder, examples: Sequence[str]) -> Vectors:
    """The examples embedded like customer messages, once per process, embedder and list."""
    if not examples:
        return np.zeros((0, 0), dtype=np.float32)
    key = (embedder.fingerprint, tuple(examples))
    with _LOCK:
        if key not in _EMBEDDED:
            _EMBEDDED[key] = embedder.embed_questions(list(examples))
        return _EMBEDDED[key]


def nearest_similarity(message: Vectors | None, examples: Vectors) -> float:
    """Cosine of the message's vector with its nearest example (0 without a message or examples)."""
    if message is None or not len(examples):
        return 0.0
    return max(0.0, float((examples @ message).max()))


def leave_one_out(vectors: Vectors, is_example: Sequence[bool]) -> list[float]:
    """For each vector, :func:`nearest_similarity` with the examples among ``vectors`` other than itself: what a
    question would score if it had not been an example (for fitting the weight on the examples' own split)."""
    mask = np.asarray(is_example, dtype=bool)
    if not mask.any():
        return [0.0] * len(vectors)
    similarities = vectors @ vectors[mask].T
    own = np.flatnonzero(mask)
    similarities[own, np.arange(len(own))] = -np.inf
    return [max(0.0, float(row.max())) if np.isfinite(row.max()) else 0.0 for row in similarities]
