"""Every UI string exists in Indonesian and English, and every key the pages use is in the table."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from app.server.i18n import EN, ID, STRINGS, lang_of, t
from tests.conftest import ROOT

SERVER = ROOT / "app" / "server"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys_and_no_empty_text() -> None:
    assert set(ID) == set(EN)
    for lang, table in STRINGS.items():
        empty = [key for key, text in table.items() if not text.strip()]
        assert not empty, f"{lang}: {empty}"


def test_placeholders_agree_between_languages() -> None:
    different = {key: (placeholders(ID[key]), placeholders(EN[key])) for key in ID}
    assert {key: pair for key, pair in different.items() if pair[0] != pair[1]} == {}


def used_keys(path: Path) -> set[str]:
    """Literal keys passed to t(...) or named in a Translated text dict."""
    source = path.read_text(encoding="utf-8")
    keys = set(re.findall(r"\bt\([^,()]+,\s*\"([a-z_0-9]+)\"", source))
    keys |= set(re.findall(r"\"(?:label|value|placeholder|x_title|y_title|color_title)\":\s*\"([a-z_0-9]+)\"", source))
    return keys


@pytest.mark.parametrize("path", sorted(SERVER.glob("*.py")), ids=lambda p: p.name)
def test_every_key_a_page_uses_exists(path: Path) -> None:
    assert used_keys(path) - set(ID) == set()


def test_lookup_falls_back_to_indonesian_and_fills_placeholders() -> None:
    assert lang_of("en") == "en" and lang_of("fr") == "id" and lang_of(None) == "id"
    assert t("en", "waited", minutes=3) == "3 min"
    assert t("xx", "send") == "Kirim"
    with pytest.raises(KeyError):
        t("id", "no-such-key")


def test_every_reason_status_channel_and_priority_has_a_label() -> None:
    from typing import get_args

    from app.store.records import CaseReason, CaseStatus, ContactChannel, FlagReason

    needed = {f"reason_{reason}" for reason in get_args(CaseReason)}
    needed |= {f"status_{status}" for status in get_args(CaseStatus)}
    needed |= {f"channel_{channel}" for channel in get_args(ContactChannel)}
    needed |= {f"why_{why}" for why in get_args(FlagReason)}
    needed |= {f"priority_{level}" for level in ("high", "normal", "low")}
    needed |= {f"role_{role}_account" for role in ("agent", "manager")}
    needed |= {f"period_{days}" for days in ("7", "30", "90", "custom")}
    assert needed - set(ID) == set()
