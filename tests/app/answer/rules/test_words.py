import re

import pytest

from app.answer.rules.words import one_of


def test_one_of_is_a_group_of_the_listed_words_and_phrases():
    pattern = re.compile(rf"\b{one_of('hp, handphone, kartu sim')}\b")

    assert one_of("hp, handphone, kartu sim") == "(?:hp|handphone|kartu sim)"
    assert pattern.search("kartu sim saya hilang")
    assert not pattern.search("kartu saya hilang")


def test_a_phrase_wrapped_across_lines_reads_as_one_phrase():
    wrapped = one_of(
        """mau, i want
        to, can you"""
    )

    assert wrapped == "(?:mau|i want to|can you)"


@pytest.mark.parametrize("bad", ["hp,, ponsel", "hp, ponsel,", "a{0,3}, b"])
def test_an_empty_alternative_or_a_quantifier_is_refused(bad):
    with pytest.raises(ValueError, match="comma-separated words"):
        one_of(bad)
