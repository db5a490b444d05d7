"""Who is at the window: staff login, logout and the idle lock (thin glue over the staff services)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from clerk_app.domain.people import LOCAL_CLERK, Clerk
from clerk_app.services.context import AppContext

log = logging.getLogger(__name__)


def login(ctx: AppContext, parent: QWidget | None = None) -> Clerk | None:
    """The clerk who logs in (None if the dialog was cancelled)."""
    from clerk_app.ui.login import run_login

    return run_login(ctx, parent)


def logout(ctx: AppContext, clerk: Clerk, reason: str = "logout") -> None:
    """End the clerk's session at this window (saved cases and drafts stay as they are)."""
    if clerk is LOCAL_CLERK:
        return
    from clerk_app.services import staff_login

    try:
        staff_login.logout(ctx, clerk, reason)
    except Exception:  # never lose the window over a bookkeeping failure
        log.exception("logout bookkeeping failed")


def install_idle_lock(window: QWidget, ctx: AppContext, get_clerk: Callable[[], Clerk]) -> bool:
    from clerk_app.ui.idle_lock import install_idle_lock as install

    install(window, ctx, get_clerk)
    return True


def authorised_items(clerk: Clerk) -> frozenset[str] | None:
    """Items this clerk may take (None: all)."""
    return getattr(clerk, "authorised_items", None)
