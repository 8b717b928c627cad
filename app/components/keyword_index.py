"""Keyword (BM25) index over chunks, the other half of hybrid retrieval, built with bm25s."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.components.text import tokenize

logging.getLogger("bm25s").setLevel(logging.WARNING)

_IDS_FILE = "chunk_ids.json"


@dataclass(frozen=True)
class KeywordHit:
    chunk_id: str
    score: float


class KeywordIndex:
    """BM25 over chunk texts; tokens from :func:`app.components.text.tokenize`."""

    def __init__(self, retriever: object, chunk_ids: list[str], stem: bool) -> None:
        self._retriever = retriever
        self._chunk_ids = chunk_ids
        self._stem = stem

    @classmethod
    def build(cls, chunk_ids: Sequence[str], texts: Sequence[str], *, stem: bool) -> KeywordIndex:
        import bm25s

        retriever = bm25s.BM25()
        corpus = [tokenize(text, stem=stem) or [""] for text in texts]
        if corpus:
            retriever.index(corpus, show_progress=False)
        return cls(retriever, list(chunk_ids), stem)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self._chunk_ids:
            self._retriever.save(str(folder), show_progress=False)  # type: ignore[attr-defined]
        (folder / _IDS_FILE).write_text(json.dumps({"ids": self._chunk_ids, "stem": self._stem}))

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        import bm25s

        meta = json.loads((folder / _IDS_FILE).read_text())
        retriever = bm25s.BM25.load(str(folder), show_progress=False) if meta["ids"] else bm25s.BM25()
        return cls(retriever, meta["ids"], meta["stem"])

    def tokens(self, text: str) -> list[str]:
        """The tokens this index uses for ``text`` (same normalisation and stemming as its documents)."""
        return tokenize(text, stem=self._stem)

    def known_share(self, query: str) -> float:
        """Share of the query's tokens that occur anywhere in the index: how much of the query keyword
        search can see at all (low for a question in another language than the knowledge)."""
        tokens = tokenize(query, stem=self._stem)
        vocabulary = getattr(self._retriever, "vocab_dict", None) or {}
        return sum(t in vocabulary for t in tokens) / len(tokens) if tokens else 0.0

    def __len__(self) -> int:
        return len(self._chunk_ids)

    def search(self, query: str, k: int) -> list[KeywordHit]:
        """The ``k`` best chunks for ``query`` (only chunks sharing at least one token)."""
        tokens = tokenize(query, stem=self._stem)
        if not tokens or not self._chunk_ids:
            return []
        documents, scores = self._retriever.retrieve(  # type: ignore[attr-defined]
            [tokens], k=min(k, len(self._chunk_ids)), show_progress=False, n_threads=0
        )
        return [
            KeywordHit(self._chunk_ids[int(doc)], float(score))
            for doc, score in zip(np.asarray(documents)[0], np.asarray(scores)[0], strict=True)
            if score > 0
        ]
