"""Eval cases: `eval/cases/*.jsonl`, one JSON object a line, validated with file:line errors.

    {"id": "refund-typo-01", "split": "test", "question": "refund sy kpn msk", "lang": "id", "history": [],
     "expect": {"doc_ids": ["refund-lama-proses"]}, "answer_contains": ["3–7 hari kerja"], "tags": ["typo"]}
    {"id": "human-01", "split": "train", "question": "mau ngomong sm cs aja", "lang": "id",
     "expect": {"handoff": true, "reason": "human_request"}, "tags": ["human_request"]}

``split`` is ``train`` (calibration and tuning) or ``test`` (measurement only); when absent, the
case id decides: ids starting with ``train-`` are train, all others test.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import ConfigError

REASONS = ("low_confidence", "human_request", "frustration", "sensitive")
SPLITS = ("train", "test")


@dataclass(frozen=True)
class EvalCase:
    id: str
    question: str
    lang: str
    split: str
    history: tuple[tuple[str, str], ...] = ()
    doc_ids: tuple[str, ...] = ()
    handoff_reason: str | None = None
    answer_contains: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def expects_handoff(self) -> bool:
        return self.handoff_reason is not None

    @property
    def turns(self) -> list[dict[str, str]]:
        return [{"role": role, "content": content} for role, content in self.history]


@dataclass
class CaseFileErrors:
    errors: list[str] = field(default_factory=list)


def load_cases(path: Path, splits: Iterable[str] = SPLITS) -> list[EvalCase]:
    """All cases in a file or folder (``*.jsonl``), restricted to ``splits``.

    Raises:
        ConfigError: listing every malformed line as ``path:line: message``.
    """
    files = sorted(path.glob("**/*.jsonl")) if path.is_dir() else [path]
    if not files or not all(f.is_file() for f in files):
        raise ConfigError(f"No eval cases at {path}: give a .jsonl file or a folder of them.")
    cases: list[EvalCase] = []
    errors: list[str] = []
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    cases.append(parse_case(json.loads(line)))
                except (ValueError, KeyError, TypeError) as exc:
                    errors.append(f"{file}:{number}: {exc}")
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            errors.append(f"duplicate case id {case.id!r}")
        seen.add(case.id)
    if errors:
        raise ConfigError("Invalid eval cases:\n" + "\n".join(errors))
    wanted = set(splits)
    return [case for case in cases if case.split in wanted]


def parse_case(record: dict[str, Any]) -> EvalCase:
    """One case from its JSON object; ValueError names what is wrong."""
    if not isinstance(record, dict):
        raise ValueError("each line must be a JSON object")
    case_id, question = str(record["id"]), record["question"]
    if not isinstance(question, str) or not question.strip():
        raise ValueError(f"case {case_id!r}: `question` must be non-empty text")
    expect = record["expect"]
    reason = None
    doc_ids: tuple[str, ...] = ()
    if expect.get("handoff"):
        reason = expect.get("reason", "low_confidence")
        if reason not in REASONS:
            raise ValueError(f"case {case_id!r}: unknown handoff reason {reason!r}; use one of {REASONS}")
    else:
        doc_ids = tuple(expect["doc_ids"])
        if not doc_ids:
            raise ValueError(f"case {case_id!r}: `expect` needs doc_ids or handoff: true")
    split = record.get("split") or ("train" if case_id.startswith("train-") else "test")
    if split not in SPLITS:
        raise ValueError(f"case {case_id!r}: split must be train or test, not {split!r}")
    lang = record.get("lang", "id")
    if lang not in ("id", "en"):
        raise ValueError(f"case {case_id!r}: lang must be id or en, not {lang!r}")
    history = tuple((turn["role"], turn["content"]) for turn in record.get("history", []))
    return EvalCase(
        id=case_id,
        question=question,
        lang=lang,
        split=split,
        history=history,
        doc_ids=doc_ids,
        handoff_reason=reason,
        answer_contains=tuple(record.get("answer_contains", [])),
        tags=tuple(record.get("tags", [])),
    )
