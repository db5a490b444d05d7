"""The window's token for the centre: kept by ``clerk_app.auth.secrets`` (keyring, or a
private file where no keyring works). Never logged, never printed."""

from __future__ import annotations

from clerk_app.auth.secrets import WINDOW_TOKEN, get_secret, set_secret


def load_token() -> str | None:
    return get_secret(WINDOW_TOKEN)


def save_token(token: str) -> str:
    """Returns where it went (``keyring`` or ``file``)."""
    return set_secret(WINDOW_TOKEN, token)

