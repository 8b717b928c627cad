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


@dataclass(frozen=True)
class Retrieved:
    """One entry the retrieval found (for agents and evaluation; tickets included, never shown to customers)."""

    doc_id: str
    kind: str
    score: float
    dense: float
    keyword: float
    faq_id: str = ""  # for a ticket: the FAQ entry that solved it


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
    draft: str = ""  # for handoffs: the best knowledge passage found, shown to the agent
    retrieved: list[Retrieved] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)  # the retrieval signals behind `confidence`
    retrieval_confidence: float = 0.0  # calibrated retrieval confidence, before any rule applied
    past_ticket: bool = False  # handed off: a past ticket no FAQ entry covers is the best match, or nearly

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
