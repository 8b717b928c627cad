"""Hybrid search: dense + keyword candidates, grouped per entry (found once, by its best chunk), fused."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from app.components.embedding import Vectors
from app.components.reranker import Reranker
from app.components.text import normalise
from app.retrieval.classifier import EntryClassifier
from app.retrieval.density import family_distance
from app.retrieval.live_index import LiveIndex, Snapshot
from app.settings import RetrievalSettings
from ingest.catalog import StoredEntry

# Cosine distance under which an entry's best chunk counts as the question nearly word for word: the density
# penalty fades linearly to 0 from 1 − NEAR_DUPLICATE to 1 (chosen on CLINC150 validation and banking77
# held-out train queries, where it changes nothing; it keeps curated variants decisive).
NEAR_DUPLICATE = 0.05


@dataclass(frozen=True)
class EntryHit:
    """One knowledge entry found for a query, with the evidence behind its rank."""

    stored: StoredEntry
    score: float
    dense: float  # cosine similarity of its best chunk, with support (0 when only keyword search found it)
    keyword: float  # best BM25 score of its chunks (0 when only dense search found it)
    dense_rank: int | None  # 1-based rank among entries, dense side
    keyword_rank: int | None
    chunk_id: str
    chunk_text: str
    density: float | None = None  # distance to how the entry is asked (see app.retrieval.density); None: unknown

    @property
    def doc_id(self) -> str:
        return self.stored.entry.doc_id


def hybrid_search(
    index: LiveIndex,
    query: str,
    settings: RetrievalSettings,
    *,
    query_vector: Vectors | None = None,
    lang: str | None = None,
    also: Sequence[Vectors] = (),
) -> list[EntryHit]:
    """The best ``settings.top_k`` entries for ``query``, best first (``query_vector``: its embedding, when
    the caller already has it; ``lang``: the customer's language; ``also``: embeddings of other readings
    of the question, searched densely too, e.g. a follow-up as written when ``query`` is its condensed form).

    Dense search runs with the query as written, with chat abbreviations expanded (``gmn`` →
    ``bagaimana``) and with misspelt words mended towards the knowledge's vocabulary (``vocher`` →
    ``voucher``), keeping each chunk's best similarity; keyword search uses the mended text. A past
    ticket that links to an FAQ entry counts as one more way of asking that entry's question, so its
    chunks score for the FAQ entry. With ``lang``, an FAQ entry and its translations count as one entry,
    the one written in ``lang`` (an Indonesian question about a topic asked in English gets the Indonesian
    answer). With ``settings.density_weight``, an entry asked unlike the question (see
    :mod:`app.retrieval.density`) loses ground against the most typical entry.
    """
    snap = index.snapshot
    spelled = index.speller.correct(query)
    readings = [v for v in dict.fromkeys((normalise(query), spelled)) if v != query.lower().strip()]
    if query_vector is None:
        query_vector = index.embedder.embed_questions([query])[0]
    # one batch: cheaper than one by one
    embedded = list(index.embedder.embed_readings(readings, of=query_vector)) if readings else []
    vectors = [query_vector, *also, *embedded]
    dense_scores: dict[str, float] = {}
    for vector in vectors:
        for hit in index.dense(vector, settings.candidates):
            dense_scores[hit.chunk_id] = max(hit.similarity, dense_scores.get(hit.chunk_id, -1.0))
    dense = _per_entry(snap, dense_scores, lang)
    keyword = _per_entry(snap, {h.chunk_id: h.score for h in index.keyword(spelled, settings.candidates)}, lang)
    # An entry's dense score: its best chunk, raised when its next-best chunks match closely too
    # (several ways of asking the same question agree); weighted fusion only.
    entry_dense = {
        doc: _with_support(scores, settings.support_bonus, settings.support_chunks)
        if settings.fusion == "weighted"
        else scores[0]
        for doc, (_, scores) in dense.items()
    }
    dense_ranks = _ranks(entry_dense)
    keyword_ranks = _ranks({doc: scores[0] for doc, (_, scores) in keyword.items()})
    # Keyword evidence counts as much as keyword search can see the query (an English question over
    # Indonesian knowledge matches only by accident: "pm", "alarm").
    known = index.known_share(query)
    keyword_weight = settings.keyword_weight * known
    top_keyword = max((scores[0] for _, scores in keyword.values()), default=0.0) or 1.0
    found = dense.keys() | keyword.keys()
    distances = _densities(snap, vectors, found)
    closest = min(distances.values(), default=0.0)
    classifier = index.classifier if settings.classifier_weight else None
    likelihoods = _likelihoods(snap, classifier, vectors, found)
    likeliest = max(likelihoods.values(), default=0.0)
    hits: list[EntryHit] = []
    for doc_id in found:
        d_chunk = dense[doc_id][0] if doc_id in dense else ""
        d_score = entry_dense.get(doc_id, 0.0)
        k_chunk, k_scores = keyword.get(doc_id, ("", [0.0]))
        d_rank, k_rank = dense_ranks.get(doc_id), keyword_ranks.get(doc_id)
        if settings.fusion == "rrf":
            score = _rrf(d_rank, settings.dense_weight, settings.rrf_k) + _rrf(
                k_rank, settings.keyword_weight, settings.rrf_k
            )
        else:
            score = settings.dense_weight * d_score + keyword_weight * k_scores[0] / top_keyword
            # an entry asked unlike this question loses against the most typical one (entries whose
            # ways of asking are unknown, such as policy pages, are not judged), unless one of its own
            # ways of asking is the question nearly word for word: curated wording outweighs a statistic
            best_chunk = dense[doc_id][1][0] if doc_id in dense else 0.0
            judged = min(1.0, max(0.0, (1.0 - best_chunk) / NEAR_DUPLICATE))
            score -= settings.density_weight * judged * (distances.get(doc_id, closest) - closest)
            # and loses as much as the knowledge's own ways of asking make it less likely than the likeliest
            score -= settings.classifier_weight * (likeliest - likelihoods.get(doc_id, likeliest))
        chunk_id = d_chunk or k_chunk
        hits.append(
            EntryHit(
                snap.entries[doc_id],
                score,
                d_score,
                k_scores[0],
                d_rank,
                k_rank,
                chunk_id,
                snap.chunks[chunk_id].text,
                distances.get(doc_id),
            )
        )
    hits = best_first(hits)
    # an entry that uses the question's words (anywhere: its answer too) wins close calls against one that
    # only sounds like the question; scaled like keyword evidence, by how much of the question the knowledge knows
    if settings.fusion == "weighted" and settings.coverage_weight and hits:
        hits = _raised_by_coverage(index, query, hits, settings.coverage_weight * known, settings.top_k)
    return hits[: settings.top_k]


def _raised_by_coverage(index: LiveIndex, query: str, hits: list[EntryHit], bonus: float, top_k: int) -> list[EntryHit]:
    """``hits`` (best first) each raised by ``bonus`` × its coverage of the query, best first again. Only the
    entries that can still end among the best ``top_k`` are read (and returned): one more than ``bonus`` below
    the k-th best cannot get there."""
    floor = hits[min(top_k, len(hits)) - 1].score - bonus
    contenders = [h for h in hits if h.score >= floor]
    coverage = index.coverages(query, [h.doc_id for h in contenders])
    raised = [replace(h, score=h.score + bonus * coverage[h.doc_id]) for h in contenders]
    return best_first(raised)


def best_first(hits: Iterable[EntryHit]) -> list[EntryHit]:
    """Hits by fused score, the closer dense match first on a tie."""
    return sorted(hits, key=lambda h: (-h.score, -h.dense))


def _densities(snap: Snapshot, vectors: Sequence[Vectors], docs: Iterable[str]) -> dict[str, float]:
    """Each found entry's distance to how it is asked (its closest translation's, when it has some)."""
    if snap.density is None:
        return {}
    families = {doc: snap.family(doc) for doc in docs}
    distances = snap.density.distances(vectors, among=set().union(*families.values()))
    found = {doc: family_distance(distances, family) for doc, family in families.items()}
    return {doc: distance for doc, distance in found.items() if distance is not None}


def _likelihoods(
    snap: Snapshot, classifier: EntryClassifier | None, vectors: Sequence[Vectors], docs: Iterable[str]
) -> dict[str, float]:
    """Each found entry's log-probability of being what the question asks (its likeliest translation's)."""
    if classifier is None:
        return {}
    log_p = classifier.log_probabilities(vectors)
    found = {doc: max((log_p[m] for m in snap.family(doc) if m in log_p), default=None) for doc in docs}
    return {doc: value for doc, value in found.items() if value is not None}


def typicality(hits: Sequence[EntryHit]) -> float:
    """How typical the question is of the best-matching way of asking among the hits: minus the smallest
    distance (about −1 for a usual phrasing; lower is stranger); −1 when no hit's ways of asking are known."""
    known = [h.density for h in hits if h.density is not None]
    return -min(known) if known else -1.0


def rerank(reranker: Reranker, query: str, hits: list[EntryHit]) -> list[EntryHit]:
    """Re-order hits by a cross-encoder's judgement of (query, entry title + best passage)."""
    passages = [f"{h.stored.entry.title}\n{h.chunk_text}" for h in hits]
    order = sorted(zip(reranker.scores(query, passages), range(len(hits)), strict=True), key=lambda p: -p[0])
    return [hits[i] for _, i in order]


def _per_entry(snap: Snapshot, scores: Mapping[str, float], lang: str | None) -> dict[str, tuple[str, list[float]]]:
    """Entry → (its best chunk, its chunks' scores best first); linked tickets count for their FAQ entry,
    and with ``lang`` an FAQ entry's translations for the one in ``lang``."""
    grouped: dict[str, tuple[str, list[float]]] = {}
    for chunk_id, score in sorted(scores.items(), key=lambda item: -item[1]):
        chunk = snap.chunks.get(chunk_id)
        if chunk is None:
            continue
        entry = snap.entries[chunk.doc_id].entry
        owner = entry.faq_id if entry.kind == "ticket" and entry.faq_id in snap.entries else entry.doc_id
        if lang:
            owner = snap.in_language(owner, lang)
        grouped.setdefault(owner, (chunk_id, []))[1].append(score)
    return grouped


def _with_support(scores: list[float], bonus: float, count: int) -> float:
    """Best similarity, nudged up when the entry's next-best chunks (up to ``count``) also match closely."""
    best = scores[0]
    return best + bonus * sum(s - best + 0.05 for s in scores[1 : 1 + count])


def _ranks(best: Mapping[str, float]) -> dict[str, int]:
    return {doc: rank for rank, doc in enumerate(sorted(best, key=lambda d: -best[d]), start=1)}


def _rrf(rank: int | None, weight: float, k: int) -> float:
    return 0.0 if rank is None else weight / (k + rank)
