"""Agent passwords: stdlib scrypt with a random salt, stored as ``scrypt$n$r$p$salt_b64$hash_b64``.

``sigap agent-hash`` prints :func:`hash_password`'s result for ``[[agents]]`` in sigap.toml; the
password itself is never stored. Verification compares in constant time.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

SCHEME = "scrypt"
N, R, P = 2**14, 8, 1  # ~16 MB and a few tens of ms per check: slow for guessing, fine for a login
SALT_BYTES = 16
KEY_BYTES = 32
MAX_N = 2**20  # refuse hashes that would make a login allocate gigabytes
MAX_MEMORY = 256 * 1024 * 1024


def hash_password(password: str, *, n: int = N, r: int = R, p: int = P) -> str:
    """A new salted scrypt hash of ``password`` (a different string every call).

    Raises:
        ValueError: an empty password, or scrypt parameters that are not usable.
    """
    if not password:
        raise ValueError("The password is empty: choose one of at least 8 characters.")
    salt = secrets.token_bytes(SALT_BYTES)
    key = _scrypt(password, salt, n, r, p, KEY_BYTES)
    return "$".join([SCHEME, str(n), str(r), str(p), _b64(salt), _b64(key)])


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored``; False for a malformed hash too."""
    parsed = parse_hash(stored)
    if parsed is None:
        return False
    n, r, p, salt, expected = parsed
    try:
        key = _scrypt(password, salt, n, r, p, len(expected))
    except ValueError:
        return False
    return hmac.compare_digest(key, expected)


def parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    """``(n, r, p, salt, key)`` of a stored hash, or None when it is not one this module made."""
    parts = stored.strip().split("$")
    if len(parts) != 6 or parts[0] != SCHEME or not all(part.isdigit() for part in parts[1:4]):
        return None
    n, r, p = (int(part) for part in parts[1:4])
    if n < 2 or n > MAX_N or n & (n - 1) or not 1 <= r <= 64 or not 1 <= p <= 16:
        return None
    try:
        salt, key = base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
    except (binascii.Error, ValueError):
        return None
    return (n, r, p, salt, key) if salt and len(key) >= 16 else None


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=MAX_MEMORY, dklen=length)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
