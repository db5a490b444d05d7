"""The 查询密码 printed on the applicant's copy of the 受理凭证, and the form the centre keeps.

The window draws a random six-digit password per case and keeps it (its store is encrypted) to
print and reprint the voucher; it replicates only ``hash_password``'s salted digest. The centre
checks a password typed by the applicant against that digest in constant time
(:func:`matches`) and never stores or logs the password itself. Six digits are few: the centre
rate-limits wrong guesses (``server/progress.py``), which is what protects them online.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SCHEME = "hs256"


def new_password() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def hash_password(password: str, salt: str | None = None) -> str:
    """``hs256$<salt hex>$<HMAC-SHA256(salt, password) hex>``."""
    s = salt or secrets.token_hex(16)
    digest = hmac.new(bytes.fromhex(s), password.encode(), hashlib.sha256).hexdigest()
    return f"{SCHEME}${s}${digest}"


def matches(password: str, stored: str | None) -> bool:
    """Whether ``password`` is the one ``stored`` was made from (constant time; False for anything malformed)."""
    if not stored or not isinstance(password, str):
        return False
    parts = stored.split("$")
    if len(parts) != 3 or parts[0] != SCHEME or len(parts[1]) != 32 or len(parts[2]) != 64:
        return False
    try:
        expected = hash_password(password, parts[1])
    except ValueError:
        return False
    return hmac.compare_digest(expected.encode(), stored.encode())
