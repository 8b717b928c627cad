"""Spelling correction towards the knowledge's vocabulary."""

from __future__ import annotations

import pytest

from app.components.spelling import Speller

KNOWLEDGE = [
    "Voucher tidak bisa dipakai? Cek syarat minimal belanja.",
    "Cara membatalkan pesanan: buka Pesanan Saya lalu pilih batalin.",
    "Pembayaran gagal tapi saldo terpotong.",
    "Pelunasan tagihan paylater lunas tiap bulan.",
]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller.from_texts(KNOWLEDGE)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("vocher", "voucher"),  # a letter missing
        ("pembayarn", "pembayaran"),
        ("pesnaan", "pesanan"),  # two letters swapped
        ("pembayaaran", "pembayaran"),  # a letter too many
        ("psnan", "pesanan"),  # vowels dropped, the chat habit
        ("dpkai", "dipakai"),
        ("btlin", "batalin"),
    ],
)
def test_mends_slips_towards_known_words(speller: Speller, typed: str, meant: str) -> None:
    assert speller.correct_word(typed) == meant


@pytest.mark.parametrize(
    "word",
    [
        "voucher",  # known
        "kado",  # too short for an edit: "kado" is a word of its own, not a slip
        "lens",  # same consonants as "lunas" but its vowel is not there: not a dropped-vowel spelling
        "bisa",  # stop word
        "rmb2508",  # not a plain word
        "helikopter",  # nothing close
    ],
)
def test_leaves_known_short_and_unrelated_words_alone(speller: Speller, word: str) -> None:
    assert speller.correct_word(word) == word


def test_corrects_a_whole_message_after_normalising_it(speller: Speller) -> None:
    assert speller.correct("Vocher gk bs dpkai, knp?") == "voucher tidak bisa dipakai kenapa"


def test_prefers_the_more_frequent_word_when_two_fit() -> None:
    speller = Speller.from_texts(["kirim kirim kirim", "kiriman"])
    assert speller.correct_word("kirm") == "kirim"
