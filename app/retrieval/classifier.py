"""Which entry a question asks, learnt from the knowledge's own ways of asking (softmax regression).

Every way an entry is asked (an FAQ's question and variants, the problems of the tickets that link to it,
an unlinked ticket's problem) is a labelled example of that entry. A linear softmax model over their
vectors learns which directions tell entries apart, something neither the nearest variant (one example at a
time) nor the density (one shared covariance) sees. Its log-probability is one more piece of evidence in
the fusion (see :func:`app.retrieval.search.hybrid_search`). It is fitted on the knowledge only, once per
index generation, like the density; nothing is trained on questions outside the knowledge.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from app.components.embedding import Vectors
from app.components.logistic import fit_softmax_regression, log_softmax

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class EntryClassifier:
    doc_ids: tuple[str, ...]
    weights: Matrix  # (dim, entries)
    bias: Matrix  # (entries,)

    @classmethod
    def fit(cls, vectors: Vectors, owners: Sequence[str], l2: float) -> EntryClassifier | None:
        """Fit on question-like vectors and the entry each asks; None with fewer than two entries."""
        doc_ids = tuple(sorted(set(owners)))
        if len(doc_ids) < 2:
            return None
        column = {doc: k for k, doc in enumerate(doc_ids)}
        labels = np.array([column[owner] for owner in owners])
        weights, bias = fit_softmax_regression(np.asarray(vectors, dtype=np.float64), labels, len(doc_ids), l2)
        return cls(doc_ids, weights, bias)

    def log_probabilities(self, queries: Iterable[Vectors]) -> dict[str, float]:
        """Each entry's log-probability for the likeliest of ``queries`` (several readings of one question)."""
        q = np.atleast_2d(np.stack([np.asarray(v, dtype=np.float64) for v in queries]))
        log_p = log_softmax(q @ self.weights + self.bias)
        return dict(zip(self.doc_ids, log_p.max(axis=0).tolist(), strict=True))
