"""Personal-data redaction run on every knowledge file before it reaches the index, the store or logs.

Regex-based (stdlib only) and tuned for Indonesian writing: phones, NIK, bank accounts, cards, e-mail.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

PLACEHOLDERS: dict[str, str] = {
    "email": "[EMAIL]",
    "phone": "[TELEPON]",
    "nik": "[NIK]",
    "card": "[KARTU]",
    "bank_account": "[REKENING]",
    "order_id": "[ID_PESANAN]",
    "tracking": "[RESI]",
}

# While detectors run, placeholders and allow-listed strings are held as single private-use
# characters: these are neither digits nor word characters, so no detector (not even a loose
# configured pattern) can match inside them, and re-running on redacted text changes nothing.
_PRIVATE = range(0xE000, 0xF900)
_PRIVATE_CLASS = "\ue000-\uf8ff"

# Edges shared by the numeric detectors: a candidate must not continue a word, a longer number
# or a decimal/thousands group, and must not be a rupiah amount ("Rp 62.812.000.000").
_LEFT = r"(?<!\w)(?<!\d[.,\-])(?<!rp )(?<!rp\.)(?<!rp\. )(?<!idr )"
_RIGHT = r"(?!\w)(?![.,\-]\d)"


def _numeric(body: str) -> re.Pattern[str]:
    """Compile a numeric detector between the shared edges."""
    return re.compile(_LEFT + body + _RIGHT, re.IGNORECASE)


# The look-behind is for speed: starting only at the head of a run keeps long tokens (base64,
# URLs) linear instead of quadratic.
_EMAIL = re.compile(r"(?<![\w.%+\-])[\w.%+\-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?![\w\-])")
# Contiguous, 4-4-4-4(-3) with one consistent separator, or Amex 4-6-5.
_CARD = _numeric(r"(?:\d{13,19}|\d{4}([ \-])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?|\d{4}([ \-])\d{6}\2\d{4,5})")
# 16 digits as written on KTP and forms: contiguous, 4-4-4-4, 6-6-4 or 2-2-2-6-4 (region/birth/serial).
_NIK = _numeric(
    r"(?:\d{16}|\d{4}([ .\-])\d{4}\1\d{4}\1\d{4}|\d{6}([ .\-])\d{6}\2\d{4}"
    r"|\d{2}([ .\-])\d{2}\3\d{2}\3\d{6}\3\d{4})"
)
_BANKS = "bca|bni|bri|mandiri|bsi|cimb|permata|danamon|btn|jago|seabank|blu"
_BANK_CONTEXT = rf"\b(?:rek(?:ening)?|norek|acc(?:ount)?|a/n|{_BANKS})\b"
# Words allowed between the context and the number; a phone keyword or a currency ends the
# context so "a/n Rina, hp 0812..." and "BCA Rp 12.500.000" are not taken for accounts.
_GAP_WORD = rf"(?!(?:hp|wa|telp|tlp|telepon|whatsapp|ponsel|rp|idr)\b)[^\s\d{_PRIVATE_CLASS}]+"
_BANK = re.compile(
    rf"{_BANK_CONTEXT}[^\s\d{_PRIVATE_CLASS}]*(?:\s+{_GAP_WORD}){{0,3}}?\s*"
    rf"(?P<num>{_LEFT}\d(?:[.\-]?\d){{7,15}}){_RIGHT}",
    re.IGNORECASE,
)
# A start (+country, (+62), (021), 0x, or bare 62 before a mobile 8) then separator-led groups;
# digit counts are checked afterwards. Every group begins with a separator so that nothing
# backtracks exponentially on long digit runs.
_PHONE = _numeric(
    r"(?:\+\d{1,3}|\(\+\d{1,3}\)|\(0\d{1,3}\)|0[1-9]|62(?=[ .\-]?8))\d*"
    r"(?:[.\-]\d+| \d{2,}|[ .\-]?\(\d{1,4}\)\d*)*"
)
_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DATE = re.compile(r"\d{4}[.\-]\d{1,2}[.\-]\d{1,2}|\d{1,2}[.\-]\d{1,2}[.\-]\d{4}")

_Span = Callable[[re.Match[str]], "tuple[int, int] | None"]


@dataclass(frozen=True)
class Redaction:
    """Result of redacting one text."""

    text: str
    counts: dict[str, int]


def _digits(text: str) -> str:
    """Return only the decimal digits of text."""
    return "".join(ch for ch in text if ch.isdecimal())


def _luhn_valid(digits: str) -> bool:
    """Return whether a digit string passes the Luhn (mod 10) check used by payment cards."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _card_span(match: re.Match[str]) -> tuple[int, int] | None:
    """Return the span of a Luhn-valid card number with a plausible issuer prefix."""
    digits = _digits(match.group())
    size = len(digits)
    # 13/14-digit cards are only old Visa (4) and Diners (3): this keeps "6281234567890" a phone.
    plausible = digits[0] in "23456" and (size >= 15 or digits[0] == {13: "4", 14: "3"}.get(size))
    return match.span() if plausible and _luhn_valid(digits) else None


def _nik_span(match: re.Match[str]) -> tuple[int, int] | None:
    """Return the span of a 16-digit number whose first two digits are a province code."""
    return match.span() if 11 <= int(_digits(match.group())[:2]) <= 94 else None


def _bank_span(match: re.Match[str]) -> tuple[int, int] | None:
    """Return the span of the account number after a bank context, unless it is a date or amount."""
    number = match.group("num")
    return None if _DATE.fullmatch(number) or _AMOUNT.fullmatch(number) else match.span("num")


def _phone_ok(candidate: str) -> bool:
    """Return whether candidate has the digit count of a phone number for its prefix."""
    if _AMOUNT.fullmatch(candidate.lstrip("+")):  # "saldo +12.500.000"
        return False
    count = len(_digits(candidate))
    if candidate.lstrip("(").startswith("+"):
        return 8 <= count <= 15  # E.164 allows at most 15 digits including the country code
    if candidate.startswith("62"):
        return 10 <= count <= 14
    return 9 <= count <= 13  # 0 + area/mobile prefix + subscriber number


def _phone_span(match: re.Match[str]) -> tuple[int, int] | None:
    """Return the span of the phone number at the start of the match, if there is one."""
    candidate = match.group()
    while not _phone_ok(candidate):
        head, space, tail = candidate.rpartition(" ")
        # Shed a short trailing group ("0812 3456 7890 20 pcs"), never a 4-digit one: a run of
        # 4-digit groups is one longer number, and that is not a phone.
        if not space or len(tail) > 3:
            return None
        candidate = head
    return match.start(), match.start() + len(candidate)


def _any_span(match: re.Match[str]) -> tuple[int, int] | None:
    """Return the span of a non-empty match (a configured pattern may match the empty string)."""
    return match.span() if match.group() else None


def _replace(text: str, pattern: re.Pattern[str], span_of: _Span, token: str) -> tuple[str, int]:
    """Replace each accepted span found by pattern with token; return the text and the count."""
    pieces: list[str] = []
    position = count = 0
    for match in pattern.finditer(text):
        span = span_of(match)
        if span is None:
            continue
        pieces += [text[position : span[0]], token]
        position = span[1]
        count += 1
    pieces.append(text[position:])
    return "".join(pieces), count


def _compile(kind: str, patterns: Sequence[str]) -> list[re.Pattern[str]]:
    """Compile configured patterns.

    Raises:
        ValueError: a pattern is not a valid regular expression (message names the pattern).
    """
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise ValueError(f"invalid {kind} pattern '{pattern}': {exc}") from exc
    return compiled


class Redactor:
    """Replaces personal data with typed placeholders such as ``[TELEPON]``."""

    def __init__(
        self,
        *,
        order_id_patterns: Sequence[str] = (),
        tracking_patterns: Sequence[str] = (),
        allow: Iterable[str] = (),
    ) -> None:
        """Prepare detectors; order ids and tracking numbers are redacted only when patterns are given.

        Raises:
            ValueError: an order id or tracking pattern is not a valid regular expression.
        """
        custom = [("order_id", p) for p in _compile("order_id", order_id_patterns)]
        custom += [("tracking", p) for p in _compile("tracking", tracking_patterns)]
        # Order matters: e-mail before phone; card before NIK before account before phone, so
        # a longer number is classified whole before a looser detector can eat part of it.
        self._steps: list[tuple[str, re.Pattern[str], _Span]] = [
            ("email", _EMAIL, _any_span),
            *((kind, pattern, _any_span) for kind, pattern in custom),
            ("card", _CARD, _card_span),
            ("nik", _NIK, _nik_span),
            ("bank_account", _BANK, _bank_span),
            ("phone", _PHONE, _phone_span),
        ]
        # Longest first so an allowed string is not split by a shorter one; the edges stop an
        # allowed "bantuan@rimbun.example" from shielding part of "x.bantuan@rimbun.example.com".
        allowed = "|".join(map(re.escape, sorted({item for item in allow if item}, key=len, reverse=True)))
        self._allow = re.compile(rf"(?<![\w@])(?<!\w[.+\-])(?:{allowed})(?![\w@])(?![.+\-]\w)") if allowed else None

    def redact(self, text: str) -> Redaction:
        """Return text with personal data replaced by placeholders, and how many of each kind.

        Raises:
            ValueError: text already uses nearly every private-use character (no stand-ins left).
        """
        vault = _Vault(text)
        for placeholder in PLACEHOLDERS.values():
            text = text.replace(placeholder, vault.hide(placeholder))
        if self._allow is not None:
            text = self._allow.sub(lambda match: vault.hide(match.group()), text)
        counts: dict[str, int] = {}
        for kind, pattern, span_of in self._steps:
            text, found = _replace(text, pattern, span_of, vault.hide(PLACEHOLDERS[kind]))
            if found:
                counts[kind] = counts.get(kind, 0) + found
        return Redaction(text=vault.reveal(text), counts=counts)


class _Vault:
    """Private-use stand-ins for text the detectors must not see, and the way back."""

    def __init__(self, text: str) -> None:
        """Reserve only characters absent from text, so restoring cannot touch the user's own."""
        used = set(text)
        self._free = (chr(code) for code in _PRIVATE if chr(code) not in used)
        self._tokens: dict[str, str] = {}

    def hide(self, original: str) -> str:
        """Return the stand-in for original, reserving one on first use.

        Raises:
            ValueError: no unused private-use character is left.
        """
        if original not in self._tokens:
            token = next(self._free, None)
            if token is None:
                raise ValueError("text uses too many private-use characters to redact safely")
            self._tokens[original] = token
        return self._tokens[original]

    def reveal(self, text: str) -> str:
        """Return text with every stand-in replaced by what it hides."""
        return text.translate({ord(token): original for original, token in self._tokens.items()})


_DEFAULT = Redactor()


def redact_pii(text: str) -> str:
    """Redact with default settings (no order/tracking patterns, no allow list)."""
    return _DEFAULT.redact(text).text
