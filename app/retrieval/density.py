"""How typical a question is of each entry: the entry's ways of being asked, as a Gaussian.

Every entry with question-like chunks (an FAQ's question and variants, with the problems of the tickets
that link to it; an unlinked ticket's problem) is summarised by the mean of their vectors; one covariance,
pooled over all entries' deviations from their means and shrunk towards a scaled identity (a few variants
per entry cannot fill 384+ dimensions), says which directions matter. The squared Mahalanobis distance of
a question to an entry's mean (divided by the dimension, so about 1 for a typical way of asking) ranks
entries better than the nearest single variant and tells out-of-scope questions apart better than any
cosine: a question can sit close to one variant and still be far from how the entry is asked.

It is a statistic of the knowledge (like a centroid), computed when an index generation is loaded; nothing
is trained on questions outside the knowledge.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from app.components.embedding import Vectors

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class EntryDensity:
    """Entry means and a shared covariance, stored whitened: distance = ‖q·L − μ·L‖² / dim, L·Lᵀ = Σ⁻¹."""

    doc_ids: tuple[str, ...]
    whitened_means: Matrix  # (entries, dim): each mean times L
    whitening: Matrix  # (dim, dim): L
    squared_norms: npt.NDArray[np.float64] = field(init=False, repr=False)  # ‖μ·L‖² per entry
    row_of: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "squared_norms", (self.whitened_means**2).sum(axis=1))
        object.__setattr__(self, "row_of", {doc: row for row, doc in enumerate(self.doc_ids)})

    @classmethod
    def fit(cls, vectors: Vectors, owners: Sequence[str], shrinkage: float) -> EntryDensity | None:
        """Fit from question-like vectors and the entry each belongs to; None when nothing varies (every
        entry asked one way only), since a covariance then cannot be estimated.

        ``shrinkage`` in (0, 1]: weight of the scaled identity in the covariance (1: plain Euclidean distance).
        """
        if not 0.0 < shrinkage <= 1.0:
            raise ValueError(f"shrinkage must be in (0, 1]; it is {shrinkage}.")
        x = np.asarray(vectors, dtype=np.float64)
        rows: dict[str, list[int]] = defaultdict(list)
        for row, owner in enumerate(owners):
            rows[owner].append(row)
        if not rows:
            return None
        doc_ids = tuple(sorted(rows))
        means = np.stack([x[rows[doc]].mean(axis=0) for doc in doc_ids])
        residuals = np.concatenate([x[rows[doc]] - means[k] for k, doc in enumerate(doc_ids)])
        if not np.any(residuals):
            return None
        dim = x.shape[1]
        scatter = residuals.T @ residuals / len(residuals)
        covariance = (1.0 - shrinkage) * scatter + shrinkage * np.trace(scatter) / dim * np.eye(dim)
        whitening = np.linalg.cholesky(np.linalg.inv(covariance))
        return cls(doc_ids, means @ whitening, whitening)

    def distances(self, queries: Iterable[Vectors], among: Iterable[str] | None = None) -> dict[str, float]:
        """Each entry's squared Mahalanobis distance per dimension to the closest of ``queries`` (several
        readings of one question: as written, mended, ...); with ``among``, only those entries' (the ones a
        search found: the cost then does not grow with the knowledge), unknown ones left out."""
        q = np.atleast_2d(np.stack([np.asarray(v, dtype=np.float64) for v in queries])) @ self.whitening
        if among is None:
            doc_ids, means, norms = self.doc_ids, self.whitened_means, self.squared_norms
        else:
            rows = sorted({self.row_of[doc] for doc in among if doc in self.row_of})
            doc_ids, means, norms = (
                tuple(self.doc_ids[r] for r in rows),
                self.whitened_means[rows],
                self.squared_norms[rows],
            )
        squared = (q**2).sum(axis=1)[:, None] - 2.0 * q @ means.T + norms[None, :]
        best = np.maximum(squared.min(axis=0), 0.0) / self.whitening.shape[0]
        return dict(zip(doc_ids, best.tolist(), strict=True))


def family_distance(distances: Mapping[str, float], members: Iterable[str]) -> float | None:
    """The closest of an entry's family (the entry and its translations); None when none has a density."""
    found = [distances[m] for m in members if m in distances]
    return min(found) if found else None
