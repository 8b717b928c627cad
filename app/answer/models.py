"""What the answer engine returns: the reply, its sources, and the answer-or-handoff decision."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Decision = Literal["answer", "handoff"]
HandoffReason = Literal["low_confidence", "human_request", "frustration", "sensitive"]


@dataclass(frozen=True)
class Source:
    """A knowledge entry the reply is based on (shown under the answer)."""

    doc_id: str
    title: str
    kind: str
    score: float
    excerpt: str = ""


@dataclass
class Answer:
    text: str
    decision: Decision
    confidence: float
    lang: str
    generator: str
    sources: list[Source] = field(default_factory=list)
    reason: HandoffReason | None = None
    latency_ms: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
