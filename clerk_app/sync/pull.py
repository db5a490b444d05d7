"""Pull every stream after its cursor; apply each page and move the cursor in one transaction."""

from __future__ import annotations

import logging
from collections import Counter

from clerk_app.protocol.messages import PullRequest, StreamPage, StreamRow
from clerk_app.protocol.versions import STREAMS
from clerk_app.store import sync_state as state
from clerk_app.sync.answers import RefusedRow
from clerk_app.sync.appliers import APPLIERS, Applier
from clerk_app.sync.client import SyncClient
from clerk_app.sync.errors import SyncError

log = logging.getLogger(__name__)
PAGE = 200
MAX_PAGES = 50


def _new_rows(page: StreamPage, after: int) -> tuple[list[StreamRow], list[RefusedRow], int]:
    """The rows past the window's cursor ``after``, each cursor once, in cursor order; the rows
    set aside; the cursor the page takes the stream to (never back, never short of a row it
    carried). A centre (or proxy) that repeats or rewinds thus never gets a row applied twice."""
    rows: dict[int, StreamRow] = {}
    for row in page.rows:
        if row.cursor > after and row.cursor not in rows:
            rows[row.cursor] = row
    refused = list(getattr(page, "refused", []))
    top = max([page.next_cursor, *rows, *(r.cursor for r in refused if r.cursor is not None)])
    new = max(after, top)
    seen = set(rows)
    kept = []
    for r in refused:
        if (r.cursor is None and new > after) or (r.cursor is not None and r.cursor > after and r.cursor not in seen):
            kept.append(r)
            if r.cursor is not None:
                seen.add(r.cursor)
    return [rows[c] for c in sorted(rows)], kept, new


def apply_page(ctx, applier: Applier, page: StreamPage) -> tuple[int, int]:
    """(applied, not applied). A row that cannot apply becomes a sync issue; the cursor moves on."""
    with ctx.store.read() as s:
        after = state.cursor(s, applier.stream)
    rows, refused, new_cursor = _new_rows(page, after)
    if new_cursor <= after:
        return 0, 0
    try:
        prepared = applier.prepare(ctx, rows)
    except Exception as exc:  # a row no check foresaw: none of this page is applied, the stream waits
        log.exception("preparing %s rows failed", applier.stream)
        raise SyncError(f"本机无法应用中心发来的{applier.label}数据（{exc.__class__.__name__}），稍后重试",
                        "not_applicable") from exc
    bad = 0
    with ctx.store.transaction() as s:
        for row in rows:
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
                                applier.shown(row), entity_id=row.key[:64], now=ctx.clock())
        for r in refused:
            bad += 1
            state.add_issue(s, "pull", "not_applied", applier.stream, r.cursor or 0, r.reason, r.shown,
                            entity_id=r.key, now=ctx.clock())
        state.set_cursor(s, applier.stream, new_cursor, now=ctx.clock())
    applier.after(ctx, prepared)
    return len(rows) + len(refused) - bad, bad


def local_cursors(ctx) -> dict[str, int]:
    with ctx.store.read() as s:
        return state.cursors(s, STREAMS)


def pull_all(ctx, client: SyncClient, first: dict[str, StreamPage] | None = None,
             cursors: dict[str, int] | None = None, problems: list[str] | None = None,
             heads: dict[str, int] | None = None) -> tuple[Counter, Counter]:
    """Pull every stream after its cursor. With ``first`` (the pages a protocol-2 round brought,
    read after ``cursors``) only those are applied, and only a stream that says ``more`` is
    pulled further: a window that is up to date makes no request here at all.

    A page the window cannot read (``ReadPage.broken``) leaves that stream where it is and is
    said in ``problems`` (plain Chinese); the other streams go on. ``heads`` (the round's
    ``stream_heads``): a stream whose head is past the window's cursor but whose page the round
    did not bring (an answer cut or garbled on the way) is pulled on its own."""
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
            broken = getattr(page, "broken", None)
            if broken:
                log.warning("the centre's %s page is unreadable: %s", name, broken)
                if problems is not None:
                    problems.append(f"中心发来的{applier.label}{broken}，此项暂未接收（其余照常同步），请联系中心管理员")
                continue
            ok, bad = apply_page(ctx, applier, page)
            applied[name] += ok
            failed[name] += bad
            with ctx.store.read() as s:
                now_at = state.cursor(s, name)
            if page.more and now_at > wanted[name]:  # a page that does not move on is not asked again
                more[name] = now_at
        if first is not None and n == 0 and heads:
            for name, head in heads.items():
                if name in wanted and name in APPLIERS and name not in pages and isinstance(head, int) \
                        and head > wanted[name]:
                    more[name] = wanted[name]
        if not more:
            break
        wanted = more
    return +applied, +failed
