"""Language of a text: ``id`` (Indonesian, Malay included) or ``en``.

Uses lingua, whose models ship inside the package (nothing downloads). Malay is merged into
Indonesian: customers in the region mix them, and Sigap answers both in Indonesian.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

Lang = str  # "id" | "en"


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.INDONESIAN, Language.MALAY).build()


def english_share(text: str) -> float:
    """Probability in [0, 1] that ``text`` is English rather than Indonesian/Malay."""
    if not any(ch.isalpha() for ch in text):
        return 0.0
    values = _detector().compute_language_confidence_values(text)
    return float(sum(v.value for v in values if v.language.name == "ENGLISH"))


def detect_lang(text: str, default: Lang = "id") -> Lang:
    """``en`` when the text is clearly English, ``id`` when clearly Indonesian/Malay, else ``default``."""
    share = english_share(text)
    if share >= 0.6:
        return "en"
    if share <= 0.4 and any(ch.isalpha() for ch in text):
        return "id"
    return default
