"""What is waiting to be sent to the centre, for the status bar when sync is not set up."""

from __future__ import annotations

from datetime import datetime

from clerk_app.services.context import AppContext
from clerk_app.store import outbox


def waiting(ctx: AppContext) -> tuple[int, datetime | None, str | None]:
    """(changes waiting, the oldest one's time, the last error)."""
    with ctx.store.read() as s:
        return outbox.stats(s)
