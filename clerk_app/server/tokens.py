"""Window tokens and one-time enrolment codes: random, shown once, stored only as hashes."""

from __future__ import annotations

import hashlib
import secrets

# No 0/O, 1/I/L: a code is read aloud or typed from a printout.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_code() -> str:
    """``ABCD-EFGH-JKMN``: 12 characters of a 31-letter alphabet, about 59 bits."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def code_digest(code: str) -> str:
    norm = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(("code:" + norm).encode()).hexdigest()


def token_digest(token: str) -> str:
    return hashlib.sha256(("token:" + token.strip()).encode()).hexdigest()
