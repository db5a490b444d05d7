"""Small secrets of this window (the server token, the remembered staff number).

They live in the OS keyring (service ``window-clerk``). Where no keyring backend works
(headless Linux raises ``NoKeyringError``; a locked or broken backend raises something
else), they fall back to one file per secret in ``<data>/secrets/`` readable only by the
current OS user (folder 0700, files 0600), and :func:`backend_status` says so in Chinese.
A secret saved in the fallback file moves into the keyring once a keyring works.

Stable names other packages use: ``window_token`` (sync), ``remembered_staff_no`` (login),
``store_key`` (the store's SQLCipher key, services.store_open).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import keyring

from clerk_app import paths

SERVICE = "window-clerk"
WINDOW_TOKEN = "window_token"
REMEMBERED_STAFF_NO = "remembered_staff_no"
_NAME = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
_PROBE = "__probe__"

log = logging.getLogger(__name__)
_warned = False


@dataclass(frozen=True)
class SecretsStatus:
    backend: str  # "keyring" | "file"
    detail: str  # backend class, or why the keyring is unusable
    message: str  # for the clerk / admin, in Chinese

    @property
    def fallback(self) -> bool:
        return self.backend == "file"


class _Unusable(Exception):
    """The keyring backend answered but cannot keep a secret (null backend, lost write)."""


def secrets_dir() -> Path:
    d = paths.data_home() / "secrets"
    d.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # e.g. a filesystem without modes
        os.chmod(d, 0o700)
    return d


def _check_name(name: str) -> str:
    if not _NAME.match(name or ""):
        raise ValueError(f"invalid secret name {name!r}")
    return name


def _backend_name() -> str:
    kr = keyring.get_keyring()
    return f"{type(kr).__module__}.{type(kr).__name__}"


def _keyring_usable() -> None:
    """Raise if the configured backend is one that stores nothing (fail / null)."""
    name = _backend_name()
    if name.startswith(("keyring.backends.fail.", "keyring.backends.null.")):
        raise _Unusable(f"no keyring backend ({name})")


def _note_fallback(exc: BaseException) -> None:
    global _warned
    if not _warned:
        log.warning("OS keyring unavailable (%s); using the secrets folder %s", type(exc).__name__, secrets_dir())
        _warned = True


# -- the fallback files ---------------------------------------------------------------------

def _file(name: str) -> Path:
    return secrets_dir() / name


def _file_get(name: str) -> str | None:
    try:
        return _file(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _file_set(name: str, value: str) -> None:
    d = secrets_dir()
    fd, tmp = tempfile.mkstemp(dir=d, prefix=f".{name}-")  # mkstemp creates the file 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(value)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, d / name)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _file_delete(name: str) -> None:
    _file(name).unlink(missing_ok=True)


# -- the public API -------------------------------------------------------------------------

def get_secret(name: str) -> str | None:
    """The secret ``name``, or None when it was never set."""
    _check_name(name)
    try:
        _keyring_usable()
        value = keyring.get_password(SERVICE, name)
    except Exception as exc:  # NoKeyringError, backend errors, locked collections...
        _note_fallback(exc)
        return _file_get(name)
    if value is None:
        value = _file_get(name)
        if value is not None:
            _move_to_keyring(name, value)
    return value


def set_secret(name: str, value: str) -> str:
    """Store ``value``; returns where it went: ``"keyring"`` or ``"file"``."""
    _check_name(name)
    try:
        _keyring_usable()
        keyring.set_password(SERVICE, name, value)
        if keyring.get_password(SERVICE, name) != value:
            raise _Unusable("the keyring did not keep the value")
    except Exception as exc:
        _note_fallback(exc)
        _file_set(name, value)
        return "file"
    _file_delete(name)
    return "keyring"


def delete_secret(name: str) -> None:
    """Forget ``name`` everywhere; deleting a secret that is not there is not an error."""
    _check_name(name)
    try:
        _keyring_usable()
        keyring.delete_password(SERVICE, name)
    except Exception:  # PasswordDeleteError when absent, or no keyring at all
        pass
    _file_delete(name)


def _move_to_keyring(name: str, value: str) -> None:
    with contextlib.suppress(Exception):
        keyring.set_password(SERVICE, name, value)
        if keyring.get_password(SERVICE, name) == value:
            _file_delete(name)


def backend_status() -> SecretsStatus:
    """Where secrets go on this machine, with a message for the login dialog and ``clerk staff list``."""
    try:
        _keyring_usable()
        keyring.get_password(SERVICE, _PROBE)
    except Exception as exc:
        detail = f"{type(exc).__name__}: {exc}".strip()
        return SecretsStatus("file", detail, (
            "本机没有可用的系统密钥环，窗口令牌、数据库密钥和“记住工号”改存于数据文件夹 "
            f"{secrets_dir()}（仅当前系统用户可读，未加密：拿到此文件夹即可解密数据库）。"
            "如需更安全的保存方式，请安装并启用系统密钥环服务。"
        ))
    name = _backend_name()
    if name.startswith("keyrings.alt."):
        return SecretsStatus("keyring", name, f"密钥保存在 {name}（未加密的文件密钥环，仅供测试，勿用于正式窗口）")
    return SecretsStatus("keyring", name, "窗口令牌、数据库密钥和“记住工号”保存在系统密钥环中")
