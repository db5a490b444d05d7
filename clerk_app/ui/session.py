"""Who is at the window: staff login and idle lock when installed (issue 5), else the local clerk."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from clerk_app.domain.people import LOCAL_CLERK, Clerk
from clerk_app.services.context import AppContext

log = logging.getLogger(__name__)


def login_available() -> bool:
    try:
        from clerk_app.ui.login import run_login  # noqa: F401
    except ImportError:
        return False
    return True


def login(ctx: AppContext, parent: QWidget | None = None) -> Clerk | None:
    """The clerk who logs in (None if the dialog was cancelled)."""
    try:
        from clerk_app.ui.login import run_login
    except ImportError:
        return LOCAL_CLERK
    return run_login(ctx, parent)


def install_idle_lock(window: QWidget, ctx: AppContext, get_clerk: Callable[[], Clerk]) -> bool:
    try:
        from clerk_app.ui.idle_lock import install_idle_lock as install
    except ImportError:
        return False
    install(window, ctx, get_clerk)
    return True


def authorised_items(clerk: Clerk) -> frozenset[str] | None:
    """Items this clerk may take (None: all)."""
    return getattr(clerk, "authorised_items", None)
