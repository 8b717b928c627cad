"""The BM25 keyword index."""

from __future__ import annotations

from app.components.keyword_index import KeywordIndex

TEXTS = ["Refund diproses 3 sampai 7 hari kerja", "Cara melacak paket dari menu Pesanan Saya"]


def test_search_finds_the_chunk_that_shares_words() -> None:
    index = KeywordIndex.build(["a", "b"], TEXTS, stem=False)
    assert [hit.chunk_id for hit in index.search("lacak paket saya", 5)][:1] == ["b"]
    assert index.search("helikopter", 5) == []


def test_known_share_is_how_much_of_a_query_the_index_can_see() -> None:
    index = KeywordIndex.build(["a", "b"], TEXTS, stem=False)
    assert index.known_share("refund paket") == 1.0
    assert index.known_share("refund helikopter") == 0.5
    assert index.known_share("where is my parcel") == 0.0  # English words over Indonesian text
    assert index.known_share("?") == 0.0
