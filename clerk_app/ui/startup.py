"""Open the window's context on a worker thread while the login dialog is already on screen.

The login dialog needs only Qt to appear. Everything heavy — the store (SQLAlchemy,
migrations), the catalogue (pydantic models), the keyring probe, and then the main
window's modules and the search entries — is prepared here, off the UI thread, in the
seconds the clerk spends typing the password. ``ready`` (or ``failed``) reaches the UI
thread through a queued signal. Nothing here creates a widget.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from clerk_app.services.context import AppContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoginFacts:
    """What the login dialog shows besides its fields, found without touching a widget."""

    ctx: AppContext
    remembered: str | None  # the remembered staff number
    secrets_note: str | None  # where secrets go when no keyring works (the clerk should know)
    demo_active: bool  # demo accounts with published passwords can still log in


def login_facts(ctx: AppContext) -> LoginFacts:
    from clerk_app.services import staff_login
    from clerk_app.services.staff_login import backend_status

    remembered = staff_login.remembered_staff_no()
    status = backend_status()
    try:
        demo = staff_login.demo_accounts_active(ctx)
    except Exception:  # a note must never stop a login
        log.exception("cannot check demo accounts")
        demo = False
    return LoginFacts(ctx, remembered, status.message if status.fallback else None, demo)


def prepare_main_window(ctx: AppContext) -> None:
    """Import the main window's modules and make the catalogue's search entries (cached on disk).

    Also reads the sync status once (read-only), which imports its modules and warms the
    queries the status bar runs when the main window is built.
    """
    import clerk_app.ui.main_window  # noqa: F401 - imported for its cost, here rather than at login
    from clerk_app.services import search
    from clerk_app.ui.status_bar import read_sync

    search.cached_entries(ctx.catalogue, search.cache_dir_of(ctx))
    read_sync(ctx)


class ContextLoader(QObject):
    """Opens the context once, on its own thread; ``ready(LoginFacts)`` or ``failed(Exception)``."""

    ready = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx: AppContext | None = None
        self.error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="open-context")
            self._thread.start()

    def wait(self) -> AppContext | None:
        """Block until the worker is done (it always ends: opening the store has no prompt)."""
        if self._thread is not None:
            self._thread.join()
        return self.ctx

    def _run(self) -> None:
        t = time.perf_counter()
        try:
            from clerk_app.services.context import open_context

            self.ctx = open_context()
            facts = login_facts(self.ctx)
        except BaseException as exc:  # reported on the UI thread: a clear message, no crash
            log.exception("cannot open the window's data")
            self.error = exc
            self.failed.emit(exc)
            return
        log.info("context ready %.0f ms after the login dialog", (time.perf_counter() - t) * 1000)
        self.ready.emit(facts)
        try:
            prepare_main_window(self.ctx)
        except Exception:  # only a loss of speed: the main window does the same work itself
            log.exception("cannot prepare the main window ahead of login")
        log.info("main window prepared %.0f ms after the login dialog", (time.perf_counter() - t) * 1000)
