"""Spelling correction against the knowledge's own vocabulary, for how customers type in a hurry.

Two kinds of slip are mended, each only towards a word the knowledge actually uses:

* one edit (a letter missing, extra, wrong, or two swapped): ``vocher`` → ``voucher``, ``pesnan`` → ``pesanan``;
* dropped vowels, the Indonesian chat habit: ``psnan`` → ``pesanan``, ``dpke`` → ``dipake``.

Look-ups use a delete index (the SymSpell idea) and a consonant-skeleton index, so a query costs a few
dictionary hits whatever the vocabulary size. Words that are known, short, numeric or stop words are kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from app.components.text import STOPWORDS, normalise

_VOWELS = str.maketrans("", "", "aeiou")
MIN_EDIT_LEN = 5  # shorter words are too often other real words one edit away ("kado" is not "kode")
MIN_SKELETON = 3  # consonants a vowel-dropped word must keep to be recognised ("psn" yes, "bs" no)


class Speller:
    """Corrects words towards a vocabulary, preferring the closest, then the most frequent, word."""

    def __init__(self, counts: Counter[str]) -> None:
        self._counts = counts
        self._deletes: dict[str, set[str]] = {}
        self._skeletons: dict[str, set[str]] = {}
        for word in counts:
            if len(word) >= MIN_EDIT_LEN - 1:
                for key in {word, *_deletes(word)}:
                    self._deletes.setdefault(key, set()).add(word)
            skeleton = word.translate(_VOWELS)
            if len(skeleton) >= MIN_SKELETON and skeleton != word:
                self._skeletons.setdefault(skeleton, set()).add(word)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Speller:
        return cls(Counter(word for text in texts for word in normalise(text).split() if word.isalpha()))

    def correct_word(self, word: str) -> str:
        """The vocabulary word meant by ``word``, or ``word`` itself when it is known or nothing fits."""
        if word in self._counts or word in STOPWORDS or not word.isalpha():
            return word
        candidates: set[str] = set()
        if len(word) >= MIN_EDIT_LEN:
            for key in {word, *_deletes(word)}:
                candidates |= {c for c in self._deletes.get(key, ()) if _one_edit(word, c)}
        if not candidates:
            skeleton = word.translate(_VOWELS)
            if len(skeleton) >= MIN_SKELETON and word[0] == skeleton[0]:
                candidates = {
                    c for c in self._skeletons.get(skeleton, ()) if c[0] == word[0] and _vowels_added(word, c)
                }
        if not candidates:
            return word
        return max(candidates, key=lambda c: (self._counts[c], c))

    def correct(self, text: str) -> str:
        """``text`` normalised, with every misspelt word replaced by the word it most likely means."""
        return " ".join(self.correct_word(word) for word in normalise(text).split())


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _vowels_added(short: str, long: str) -> bool:
    """True when ``long`` is ``short`` with vowels put back (same consonants, ``short`` a subsequence)."""
    letters = iter(long)
    return len(long) > len(short) and all(ch in letters for ch in short)


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one insertion, deletion, substitution or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        return len(diff) == 1 or swapped
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))
