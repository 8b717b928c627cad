"""Check the contact details a customer gives for a callback or an e-mail follow-up.

Indonesian numbers are accepted as people write them (``0812-3456-7890``, ``+62 812 3456 7890``,
``62812…``, ``(021) 5550 1234``) and stored in one form, ``+62…``, so agents can dial them as they are.
Error messages never repeat the value: it is personal data and errors end up in logs.
"""

from __future__ import annotations

import re

from app.errors import ContactError

_SEPARATORS = re.compile(r"[\s\-.()/]")
# The national number after +62: mobiles 8xx with 9–12 digits in all, landlines (area code 2x–7x) 8–11 digits.
_NATIONAL = re.compile(r"^(?:8[1-9]\d{7,10}|[2-7]\d{7,10})$")
_EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
MAX_NAME_CHARS = 100
MAX_WINDOW_CHARS = 100


def normalise_phone(raw: str) -> str:
    """An Indonesian phone number as ``+62…``.

    Raises:
        ContactError: empty, not Indonesian, or too short or long to be a real number.
    """
    compact = _SEPARATORS.sub("", raw.strip())
    if not compact:
        raise _phone_error("missing")
    if compact.startswith("+62"):
        national = compact[3:]
    elif compact.startswith("62"):
        national = compact[2:]
    elif compact.startswith("0"):
        national = compact[1:]
    else:
        raise _phone_error("format")
    national = national.removeprefix("0")  # "+62 0812…" is a common mix of both forms
    if not _NATIONAL.match(national):
        raise _phone_error("format")
    return "+62" + national


def check_email(raw: str) -> str:
    """The address trimmed, with its domain lower-cased.

    Raises:
        ContactError: empty or not a plausible address.
    """
    address = raw.strip()
    if not address:
        raise ContactError(
            "email",
            "Mohon tuliskan alamat e-mail Anda agar kami bisa membalas.",
            "Please enter your e-mail address so that we can reply.",
        )
    if len(address) > 254 or not _EMAIL.match(address):
        raise ContactError(
            "email",
            "Alamat e-mail itu sepertinya belum lengkap atau salah ketik. Contoh yang benar: nama@contoh.co.id",
            "That e-mail address looks incomplete or mistyped. A valid example: name@example.com",
        )
    local, domain = address.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def clean_name(raw: str | None) -> str | None:
    """The customer's name trimmed (optional); None when empty.

    Raises:
        ContactError: longer than MAX_NAME_CHARS.
    """
    name = " ".join((raw or "").split())
    if len(name) > MAX_NAME_CHARS:
        raise ContactError(
            "name",
            f"Nama terlalu panjang: cukup tulis paling banyak {MAX_NAME_CHARS} karakter.",
            f"The name is too long: please use at most {MAX_NAME_CHARS} characters.",
        )
    return name or None


def clean_window(raw: str | None) -> str | None:
    """The preferred callback time as the customer wrote it (optional), e.g. ``besok 13.00–15.00``.

    Raises:
        ContactError: longer than MAX_WINDOW_CHARS.
    """
    window = " ".join((raw or "").split())
    if len(window) > MAX_WINDOW_CHARS:
        raise ContactError(
            "callback_window",
            f"Waktu yang diinginkan terlalu panjang: cukup tulis singkat, misalnya 'besok 13.00–15.00' "
            f"(paling banyak {MAX_WINDOW_CHARS} karakter).",
            f"The preferred time is too long: write it briefly, e.g. 'tomorrow 1–3 pm' "
            f"(at most {MAX_WINDOW_CHARS} characters).",
        )
    return window or None


def _phone_error(problem: str) -> ContactError:
    if problem == "missing":
        return ContactError(
            "phone",
            "Mohon tuliskan nomor telepon Anda agar agen kami bisa menelepon balik.",
            "Please enter your phone number so that our agent can call you back.",
        )
    return ContactError(
        "phone",
        "Nomor telepon itu belum bisa kami gunakan. Tulis nomor Indonesia, misalnya 0812-3456-7890 "
        "atau +62 812 3456 7890.",
        "We cannot use that phone number. Please enter an Indonesian number, e.g. 0812-3456-7890 or +62 812 3456 7890.",
    )
