"""Building blocks for the wording rules."""

from __future__ import annotations


def one_of(alternatives: str) -> str:
    """A non-capturing regex group of comma-separated words or phrases (``"hp, handphone, kartu sim"`` →
    ``(?:hp|handphone|kartu sim)``), so long vocabularies read as lists. Alternatives may be regex fragments
    (``authori[sz]e``) but not quantifiers, whose commas would split them.

    Raises:
        ValueError: an alternative is empty or holds a ``{m,n}`` quantifier.
    """
    words = [" ".join(word.split()) for word in alternatives.split(",")]  # a phrase may wrap across lines
    if "{" in alternatives or not all(words):
        raise ValueError(f"one_of takes comma-separated words and phrases: {alternatives!r}")
    return "(?:" + "|".join(words) + ")"
