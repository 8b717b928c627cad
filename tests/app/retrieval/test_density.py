"""How typical a question is of an entry's ways of being asked: distances checked by hand, then on an index."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from app.retrieval.density import EntryDensity, family_distance
from app.retrieval.live_index import LiveIndex
from app.retrieval.search import NEAR_DUPLICATE, hybrid_search, typicality
from app.settings import Settings
from ingest.pipeline import run_ingest
from tests.conftest import SMALL_KB, CountingEmbedder, write_files


def _vectors(*rows: tuple[float, float]) -> np.ndarray:
    return np.array(rows, dtype=np.float32)


def test_distances_by_hand_with_a_round_covariance() -> None:
    # a: (1,0),(3,0) → mean (2,0); b: (0,1),(0,3) → mean (0,2); deviations ±1 on x and on y: Σ = 0.5·I
    density = EntryDensity.fit(_vectors((1, 0), (3, 0), (0, 1), (0, 3)), ["a", "a", "b", "b"], shrinkage=0.5)
    assert density is not None
    distances = density.distances([np.array([2.0, 1.0])])
    # to a: (0,1)·Σ⁻¹·(0,1) = 1/0.5 = 2, per dimension 1; to b: (2,−1) → 5/0.5 = 10, per dimension 5
    assert distances == pytest.approx({"a": 1.0, "b": 5.0})


def test_a_direction_entries_vary_in_costs_less_than_one_they_never_vary_in() -> None:
    # every deviation is along x: scatter [[1,0],[0,0]], tr/2 = 0.5; shrinkage 0.5 → Σ = [[0.75,0],[0,0.25]]
    density = EntryDensity.fit(_vectors((0, 0), (2, 0), (0, 3), (2, 3)), ["a", "a", "b", "b"], shrinkage=0.5)
    assert density is not None
    along = density.distances([np.array([2.5, 0.0])])["a"]  # 1.5 from a's mean (1,0), along x
    across = density.distances([np.array([1.0, 1.0])])["a"]  # only 1 from it, but across
    assert along == pytest.approx(1.5**2 / 0.75 / 2)  # 1.5
    assert across == pytest.approx(1.0 / 0.25 / 2)  # 2.0: farther, though nearer in plain distance
    # with shrinkage 1 the covariance is a sphere and distance is plain Euclidean again
    sphere = EntryDensity.fit(_vectors((0, 0), (2, 0), (0, 3), (2, 3)), ["a", "a", "b", "b"], shrinkage=1.0)
    assert sphere is not None
    assert sphere.distances([np.array([1.0, 1.0])])["a"] < sphere.distances([np.array([2.5, 0.0])])["a"]


def test_several_readings_of_a_question_count_by_the_closest() -> None:
    density = EntryDensity.fit(_vectors((1, 0), (3, 0), (0, 1), (0, 3)), ["a", "a", "b", "b"], shrinkage=0.5)
    assert density is not None
    both = density.distances([np.array([2.0, 1.0]), np.array([0.0, 2.0])])
    assert both == pytest.approx({"a": 1.0, "b": 0.0})


def test_distances_among_some_entries_are_theirs_alone_and_unknown_ones_are_left_out() -> None:
    rng = np.random.default_rng(3)
    owners = [f"e{i // 3}" for i in range(60)]  # 20 entries, 3 ways of asking each
    density = EntryDensity.fit(rng.normal(size=(60, 8)).astype(np.float32), owners, shrinkage=0.3)
    assert density is not None
    queries = [rng.normal(size=8), rng.normal(size=8)]
    everything = density.distances(queries)

    some = density.distances(queries, among=["e3", "e17", "e3", "no-such-entry"])

    assert set(some) == {"e3", "e17"}
    assert some == pytest.approx({"e3": everything["e3"], "e17": everything["e17"]})
    assert density.distances(queries, among=[]) == {}


def test_no_density_when_every_entry_is_asked_one_way_and_bad_shrinkage_is_refused() -> None:
    assert EntryDensity.fit(_vectors((1, 0), (0, 1)), ["a", "b"], shrinkage=0.5) is None
    assert EntryDensity.fit(np.zeros((0, 2), dtype=np.float32), [], shrinkage=0.5) is None
    with pytest.raises(ValueError, match="shrinkage must be in"):
        EntryDensity.fit(_vectors((1, 0), (3, 0)), ["a", "a"], shrinkage=0.0)


def test_a_family_counts_by_its_closest_member() -> None:
    assert family_distance({"x": 2.0, "x-en": 0.5, "y": 0.1}, {"x", "x-en"}) == 0.5
    assert family_distance({"y": 0.1}, {"page"}) is None


TICKET = {
    "id": "TKT-1",
    "created_at": "2025-07-01T08:00:00+07:00",
    "channel": "chat",
    "lang": "id",
    "subject": "dana blm balik",
    "customer_message": "uang saya belum kembali padahal retur sudah disetujui",
    "resolution": "Refund diproses 3–7 hari kerja setelah retur disetujui.",
    "faq_id": "refund-lama",
    "tags": ["refund"],
}


def test_the_index_knows_how_each_entry_is_asked(
    tmp_path: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    ticket, page = json.dumps(TICKET) + "\n", "# Jam layanan\n\nSetiap hari."
    files = {**SMALL_KB, "tickets/2025.jsonl": ticket, "docs/jam.md": page}
    settings = make_settings(write_files(tmp_path / "knowledge", files))
    run_ingest(settings, embedder=counting)
    index = LiveIndex(settings, counting)
    density = index.snapshot.density
    assert density is not None
    # FAQ entries only: a linked ticket's problem is one more way of asking its FAQ; a page is not a question
    assert set(density.doc_ids) == {"refund-lama", "lacak-paket", "lupa-sandi"}
    asked = index.snapshot.asked
    assert asked is not None and asked.vectors.shape[0] == len(asked.texts) == len(asked.owners)
    assert set(asked.parts) == {"question", "variant", "problem"}
    problem = asked.parts.index("problem")  # the ticket's problem, asked for the FAQ entry it links to
    assert asked.owners[problem] == TICKET["faq_id"] and TICKET["customer_message"] in asked.texts[problem]
    vector = counting.embed_questions(["paket saya dimana"])[0]  # stored vectors are the model's
    assert float(np.max(asked.vectors @ vector)) == pytest.approx(1.0, abs=1e-4)
    hits = hybrid_search(index, "paket saya dimana", settings.retrieval)  # lacak-paket's own variant
    assert hits[0].doc_id == "lacak-paket"
    by_doc = {h.doc_id: h.density for h in hits}
    assert by_doc["lacak-paket"] == min(d for d in by_doc.values() if d is not None)
    assert typicality(hits) == -by_doc["lacak-paket"]
    assert all(h.density is None for h in hits if h.doc_id == "jam")


def test_density_weighs_on_the_fused_score_unless_the_question_is_an_entrys_own_wording(
    tmp_path: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    settings = make_settings(write_files(tmp_path / "knowledge", SMALL_KB), retrieval={"density_weight": 0.0})
    run_ingest(settings, embedder=counting)
    index = LiveIndex(settings, counting)
    question = "refund sy blm masuk"  # refund-lama's own variant, word for word
    plain = {h.doc_id: h for h in hybrid_search(index, question, settings.retrieval)}
    weighted = hybrid_search(index, question, settings.retrieval.model_copy(update={"density_weight": 1.0}))
    closest = min(h.density for h in weighted if h.density is not None)
    similarity = {
        index.snapshot.chunks[h.chunk_id].doc_id: h.similarity
        for h in reversed(index.dense(counting.embed_query(question), 60))
    }  # each entry's best chunk
    for hit in weighted:
        assert hit.density is not None
        judged = min(1.0, max(0.0, (1.0 - similarity.get(hit.doc_id, 0.0)) / NEAR_DUPLICATE))
        assert plain[hit.doc_id].score - hit.score == pytest.approx(judged * (hit.density - closest))
    assert similarity["refund-lama"] > 1 - NEAR_DUPLICATE  # its own wording: not judged
    assert weighted[0].doc_id == "refund-lama"
    assert any(plain[h.doc_id].score - h.score > 0.01 for h in weighted[1:])  # the others were
