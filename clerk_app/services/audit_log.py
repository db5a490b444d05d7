"""The window's audit log as the commands reach it."""

from __future__ import annotations

from clerk_app.services.context import AppContext
from clerk_app.store import audit


def verify(ctx: AppContext) -> tuple[int, list[str]]:
    """(entries checked, problems found) over the whole hash chain."""
    with ctx.store.read() as s:
        n, problems = audit.verify(s)
    return n, [str(p) for p in problems]
