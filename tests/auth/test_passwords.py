"""argon2id verifiers: right/wrong passwords, parameters, rehash, malformed input."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from clerk_app.auth import passwords


def test_only_the_right_password_verifies():
    v = passwords.hash_password("correct horse")
    assert v.startswith("$argon2id$")
    assert "correct horse" not in v
    assert passwords.verify(v, "correct horse")
    assert not passwords.verify(v, "correct hors")
    assert not passwords.verify(v, "")


def test_production_parameters_are_64mib_t3_p4(monkeypatch):
    monkeypatch.delenv("CLERK_FAST_HASH")
    v = passwords.hash_password("correct horse")  # one real hash (~0.1 s)
    assert v.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert passwords.verify(v, "correct horse")


def test_a_verifier_with_other_parameters_needs_rehash(monkeypatch):
    old = PasswordHasher(time_cost=1, memory_cost=32, parallelism=1).hash("pw-123456")
    assert passwords.verify(old, "pw-123456")  # still verifies: the parameters are in the string
    assert passwords.needs_rehash(old)
    assert not passwords.needs_rehash(passwords.hash_password("pw-123456"))
    monkeypatch.delenv("CLERK_FAST_HASH")
    assert passwords.needs_rehash(old)


@pytest.mark.parametrize("bad", [None, "", "plain-text", "$argon2id$v=19$garbage", "$2b$12$bcrypt-hash"])
def test_a_malformed_verifier_is_a_refusal_not_a_crash(bad):
    assert passwords.verify(bad, "anything") is False
    assert not passwords.is_verifier(bad)


@pytest.mark.parametrize("weak", ["short", "aaaaaaaaaa", "abababab"])
def test_weak_passwords_are_refused(weak):
    with pytest.raises(passwords.WeakPassword):
        passwords.check_strength(weak)


def test_the_lockout_names_a_minute_the_account_is_open_in():
    """Locked until 05:32:54: "05:32" would send the clerk back while it is still locked."""
    from datetime import datetime

    from clerk_app.auth.lockout import locked_message

    assert "请于 05:33 后再试" in locked_message(datetime(2026, 12, 6, 5, 32, 54))
    assert "请于 05:32 后再试" in locked_message(datetime(2026, 12, 6, 5, 32))
