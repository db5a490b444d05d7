"""Window token and remembered staff number: OS keyring, or the 0600 file fallback without one."""

from __future__ import annotations

import stat

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import NoKeyringError

from clerk_app.auth import secrets
from clerk_app.services import staff_login


class NoKeyring(KeyringBackend):
    """What a headless Linux has: every call raises NoKeyringError."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service, username):
        raise NoKeyringError("No recommended backend was available.")

    def set_password(self, service, username, password):
        raise NoKeyringError("No recommended backend was available.")

    def delete_password(self, service, username):
        raise NoKeyringError("No recommended backend was available.")


class ForgetfulKeyring(KeyringBackend):
    """A backend that accepts writes and keeps nothing (like keyring's null backend)."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service, username):
        return None

    def set_password(self, service, username, password):
        pass

    def delete_password(self, service, username):
        pass


@pytest.fixture
def no_keyring():
    keyring.set_keyring(NoKeyring())  # the autouse memory_keyring fixture restores the old one


def test_with_a_keyring_the_token_lives_there_and_not_on_disk(memory_keyring, clerk_home):
    assert secrets.set_secret(secrets.WINDOW_TOKEN, "tok-123") == "keyring"
    assert memory_keyring.data[("window-clerk", "window_token")] == "tok-123"
    assert secrets.get_secret("window_token") == "tok-123"
    assert not (clerk_home / "secrets" / "window_token").exists()
    status = secrets.backend_status()
    assert not status.fallback and "系统密钥环" in status.message
    secrets.delete_secret("window_token")
    assert secrets.get_secret("window_token") is None


def test_without_a_keyring_secrets_fall_back_to_a_private_file(no_keyring, clerk_home):
    assert secrets.set_secret(secrets.WINDOW_TOKEN, "tok-456") == "file"
    f = clerk_home / "secrets" / "window_token"
    assert f.read_text(encoding="utf-8") == "tok-456"
    assert stat.S_IMODE(f.stat().st_mode) == 0o600
    assert stat.S_IMODE(f.parent.stat().st_mode) == 0o700
    assert secrets.get_secret("window_token") == "tok-456"
    status = secrets.backend_status()
    assert status.fallback
    assert "没有可用的系统密钥环" in status.message and str(f.parent) in status.message
    assert "NoKeyringError" in status.detail
    secrets.delete_secret("window_token")
    assert not f.exists() and secrets.get_secret("window_token") is None


def test_keyrings_own_fail_backend_is_handled_too(clerk_home):
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    assert secrets.set_secret("window_token", "t") == "file"
    assert secrets.get_secret("window_token") == "t"
    assert secrets.backend_status().fallback


def test_a_keyring_that_loses_writes_is_not_trusted(clerk_home):
    keyring.set_keyring(ForgetfulKeyring())
    assert secrets.set_secret("window_token", "tok-789") == "file"
    assert secrets.get_secret("window_token") == "tok-789"


def test_a_secret_saved_without_keyring_moves_into_one_that_appears(memory_keyring, clerk_home):
    keyring.set_keyring(NoKeyring())
    secrets.set_secret("window_token", "tok-move")
    keyring.set_keyring(memory_keyring)
    assert secrets.get_secret("window_token") == "tok-move"
    assert memory_keyring.data[("window-clerk", "window_token")] == "tok-move"
    assert not (clerk_home / "secrets" / "window_token").exists()


@pytest.mark.parametrize("use_keyring", [True, False])
def test_remember_my_staff_number_works_with_and_without_keyring(use_keyring):
    if not use_keyring:
        keyring.set_keyring(NoKeyring())
    assert staff_login.remembered_staff_no() is None
    staff_login.remember_staff_no("1001")
    assert staff_login.remembered_staff_no() == "1001"
    staff_login.remember_staff_no(None)
    assert staff_login.remembered_staff_no() is None


@pytest.mark.parametrize("name", ["", "../etc/passwd", "Window Token", "a/b"])
def test_secret_names_cannot_escape_the_folder(name):
    with pytest.raises(ValueError):
        secrets.set_secret(name, "x")
