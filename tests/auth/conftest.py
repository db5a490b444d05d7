"""Auth tests hash with cheap argon2 parameters (production ones take ~150 ms per hash)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def fast_hash(monkeypatch):
    monkeypatch.setenv("CLERK_FAST_HASH", "1")


@pytest.fixture
def zh(qapp):
    """The QApplication with the Chinese translations installed (once per session)."""
    from clerk_app.ui.i18n import _installed, install_translators

    if not _installed:
        install_translators(qapp)
    return qapp
