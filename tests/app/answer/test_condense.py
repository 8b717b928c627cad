"""Reading a message in the light of the conversation (pure functions; the engine's use is in test_engine)."""

from __future__ import annotations

import numpy as np

from app.answer.condense import in_context, is_follow_up, previous_question


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_in_context_leans_towards_the_previous_question_but_keeps_the_message_first() -> None:
    message, previous = _unit(1.0, 0.0), _unit(0.0, 1.0)
    mixed = in_context(message, previous, weight=0.5)
    assert np.isclose(np.linalg.norm(mixed), 1.0)
    assert mixed.dtype == np.float32
    # (1, 0.5) / |(1, 0.5)|: closer to the message than to the previous question, but no longer the message
    assert np.allclose(mixed, [2 / np.sqrt(5), 1 / np.sqrt(5)])
    assert float(mixed @ message) > float(mixed @ previous) > 0.0


def test_in_context_with_no_weight_is_the_message() -> None:
    message = _unit(0.3, 0.4, 0.5)
    assert np.allclose(in_context(message, _unit(1.0, 0.0, 0.0), weight=0.0), message)


def test_in_context_of_opposite_vectors_falls_back_to_the_message() -> None:
    message = _unit(1.0, 0.0)
    assert np.allclose(in_context(message, -message, weight=1.0), message)


def test_previous_question_is_the_last_customer_turn() -> None:
    history = [
        {"role": "user", "content": "cara retur?"},
        {"role": "assistant", "content": "Buka Pesanan Saya."},
        {"role": "user", "content": "ongkirnya siapa yang bayar?"},
        {"role": "assistant", "content": "Rimbun, bila barang rusak."},
    ]
    assert previous_question(history) == "ongkirnya siapa yang bayar?"
    assert previous_question([]) == ""


def test_a_message_with_no_sign_of_a_follow_up_is_not_condensed() -> None:
    history = [{"role": "user", "content": "flash sale mulai jam berapa?"}]
    assert is_follow_up("kalau stoknya habis?", history)
    assert not is_follow_up("maksimal beli berapa pcs per orang", history)
    assert not is_follow_up("kalau stoknya habis?", [])
