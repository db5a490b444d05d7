"""Password verifiers: argon2id, never a clear password stored or logged.

Production parameters are m=64 MiB, t=3, p=4 (about 150 ms per hash on a counter PC).
``CLERK_FAST_HASH=1`` selects cheap parameters so tests can hash in a loop; a verifier made
with other parameters still verifies (the parameters live in the hash string) and is
re-hashed with the current ones at the next good login (:func:`needs_rehash`).
"""

from __future__ import annotations

import os
from functools import lru_cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

PRODUCTION = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 4}
FAST = {"time_cost": 1, "memory_cost": 64, "parallelism": 1}
MIN_LENGTH = 8
PREFIX = "$argon2id$"


def fast_mode() -> bool:
    return os.environ.get("CLERK_FAST_HASH", "") not in ("", "0")


@lru_cache(maxsize=2)
def _hasher(fast: bool) -> PasswordHasher:
    return PasswordHasher(type=Type.ID, **(FAST if fast else PRODUCTION))


def hasher() -> PasswordHasher:
    """The hasher for new verifiers (production parameters unless CLERK_FAST_HASH is set)."""
    return _hasher(fast_mode())


class WeakPassword(ValueError):
    pass


def check_strength(password: str) -> None:
    """Refuse passwords a colleague could guess at a glance (raises :class:`WeakPassword`)."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"密码至少 {MIN_LENGTH} 位")
    if len(set(password)) < 3:
        raise WeakPassword("密码过于简单（至少包含 3 个不同字符）")


def hash_password(password: str) -> str:
    return hasher().hash(password)


def is_verifier(value: str | None) -> bool:
    """Whether ``value`` looks like an argon2id verifier (for roster validation)."""
    if not value or not value.startswith(PREFIX):
        return False
    try:
        hasher().check_needs_rehash(value)
    except (InvalidHashError, ValueError):
        return False
    return True


def verify(verifier: str | None, password: str) -> bool:
    """True only for the right password; a missing or malformed verifier is simply False."""
    if not verifier:
        return False
    try:
        return hasher().verify(verifier, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError, ValueError):
        return False


def needs_rehash(verifier: str) -> bool:
    try:
        return hasher().check_needs_rehash(verifier)
    except (InvalidHashError, ValueError):
        return True


@lru_cache(maxsize=2)
def _dummy(fast: bool) -> str:
    return _hasher(fast).hash("no such staff member")


def burn_time(password: str) -> None:
    """Spend the time of one verification, so an unknown staff number answers as slowly as a known one."""
    verify(_dummy(fast_mode()), password)
