"""Pull every stream after its cursor; apply each page and move the cursor in one transaction."""

from __future__ import annotations

import logging
from collections import Counter

from clerk_app.protocol.messages import PullRequest, StreamPage
from clerk_app.protocol.versions import STREAMS
from clerk_app.store import sync_state as state
from clerk_app.sync.appliers import APPLIERS, Applier
from clerk_app.sync.client import SyncClient

log = logging.getLogger(__name__)
PAGE = 200
MAX_PAGES = 50


def apply_page(ctx, applier: Applier, page: StreamPage) -> tuple[int, int]:
    """(applied, not applied). A row that cannot apply becomes a sync issue; the cursor moves on."""
    prepared = applier.prepare(ctx, page.rows)
    bad = 0
    with ctx.store.transaction() as s:
        for row in page.rows:
            reason = prepared.failed.get(row.cursor)
            if reason is None:
                try:
                    with s.begin_nested():
                        reason = applier.apply(s, ctx, row, prepared)
                except Exception as exc:  # one bad row must not stop the stream
                    log.exception("applying %s row %s failed", applier.stream, row.cursor)
                    reason = f"本机应用时出错：{exc.__class__.__name__}: {exc}"
            if reason:
                bad += 1
                state.add_issue(s, "pull", "not_applied", applier.stream, row.cursor, reason,
                                applier.issue_payload(row), entity_id=row.key, now=ctx.clock())
        state.set_cursor(s, applier.stream, page.next_cursor, now=ctx.clock())
    applier.after(ctx, prepared)
    return len(page.rows) - bad, bad


def local_cursors(ctx) -> dict[str, int]:
    with ctx.store.read() as s:
        return state.cursors(s, STREAMS)


def pull_all(ctx, client: SyncClient, first: dict[str, StreamPage] | None = None,
             cursors: dict[str, int] | None = None) -> tuple[Counter, Counter]:
    """Pull every stream after its cursor. With ``first`` (the pages a protocol-2 round brought,
    read after ``cursors``) only those are applied, and only a stream that says ``more`` is
    pulled further: a window that is up to date makes no request here at all."""
    applied: Counter = Counter()
    failed: Counter = Counter()
    wanted = dict(cursors if cursors is not None else local_cursors(ctx))
    for n in range(MAX_PAGES):
        if first is not None and n == 0:
            pages = first
        else:
            pages = client.pull(PullRequest(cursors=wanted, limit=PAGE)).streams
        more: dict[str, int] = {}
        for name, page in pages.items():
            applier = APPLIERS.get(name)
            if applier is None or name not in wanted:
                continue  # a stream this version does not know: its cursor stays, nothing is skipped
            if page.rows:
                ok, bad = apply_page(ctx, applier, page)
                applied[name] += ok
                failed[name] += bad
            elif page.next_cursor > wanted[name]:
                with ctx.store.transaction() as s:
                    state.set_cursor(s, name, page.next_cursor)
            if page.more:
                more[name] = page.next_cursor
        if not more:
            break
        wanted = more
    return applied, failed
