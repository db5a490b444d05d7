"""Push the outbox in batches. An entry leaves the outbox only after the centre's answer
for it was read: applied or duplicate → deleted; rejected or conflict → moved to
``sync_issues`` (shown, kept), in the same local transaction."""

from __future__ import annotations

import json
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, delete, select, type_coerce, update

from clerk_app.protocol.messages import PushResponse
from clerk_app.store import sync_state as state
from clerk_app.store.models import OutboxEntry
from clerk_app.sync.client import SyncClient
from clerk_app.sync.errors import NotAuthorised, Refused, ServerBusy, SyncError

log = logging.getLogger(__name__)
T = OutboxEntry.__table__
BATCH = 500
MAX_BATCHES = 40  # per round, so pulling is never starved; the worker comes straight back


@dataclass
class PushTally:
    applied: int = 0
    duplicate: int = 0
    refused: int = 0
    batches: int = 0
    unanswered: int = 0  # entries the centre's answer did not (readably) answer: left in the outbox

    @property
    def acknowledged(self) -> int:
        return self.applied + self.duplicate


MAX_BODY = 16 * 1024 * 1024  # half the centre's default push limit (32 MB): a batch never meets a 413


def read_batch(ctx, limit: int, after: int = 0, max_bytes: int = MAX_BODY) -> list[Any]:
    """The oldest entries (after seq ``after``), each payload as its stored JSON text; as many
    as fit in ``max_bytes`` of request body (always at least one)."""
    with ctx.store.read() as s:
        rows = list(s.execute(
            select(T.c.seq, T.c.change_id, T.c.kind, T.c.entity_id, T.c.created_at,
                   type_coerce(T.c.payload, String).label("payload"))
            .where(T.c.seq > after).order_by(T.c.seq).limit(limit)
        ).all())
    total = 0
    for i, r in enumerate(rows):
        total += 4 * len(r.payload or "") + 300  # UTF-8 bytes at most (4 for a rare character), plus the envelope
        if total > max_bytes and i > 0:
            return rows[:i]
    return rows


def encode(window_id: str, rows: list[Any], sent_at: datetime) -> bytes:
    """The push body; each payload is spliced in as the JSON text the outbox holds (no
    decode/encode here). Sending it as ``payload_json`` (a JSON string) was measured: the
    centre's work is the same (it then parses each string on its own), the body 10 % larger."""
    parts = []
    for r in rows:
        head = json.dumps({"seq": r.seq, "change_id": r.change_id, "kind": r.kind, "entity_id": r.entity_id,
                           "created_at": r.created_at.isoformat()}, ensure_ascii=False)
        parts.append(f'{head[:-1]},"payload":{r.payload or "{}"}}}')
    head = json.dumps({"window_id": window_id, "sent_at": sent_at.astimezone().isoformat()})
    return (f'{head[:-1]},"changes":[' + ",".join(parts) + "]}").encode("utf-8")


def _payload(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
        return value if isinstance(value, dict) else {"value": value}
    except ValueError:
        return {"raw": text}


UNANSWERED = "中心的回答中没有此项的结果（或无法识别），稍后重试"


def apply_answer(ctx, rows: list[Any], resp: PushResponse, tally: PushTally) -> None:
    by_seq = {r.seq: r for r in rows}
    acked: list[int] = []
    refused: list[tuple[Any, str, str]] = []
    answered: set[int] = set()
    for res in resp.results:
        row = by_seq.get(res.seq)
        if row is None or row.change_id != res.change_id or res.seq in answered:
            continue  # not what we sent (or answered already): never act on a mismatched answer
        answered.add(res.seq)
        if res.status == "applied" or (res.status == "duplicate" and res.original in (None, "applied")):
            acked.append(res.seq)
            tally.applied += res.status == "applied"
            tally.duplicate += res.status == "duplicate"
        else:
            status = res.original if res.status == "duplicate" else res.status
            refused.append((row, status or "rejected", res.reason or "中心拒收（未说明原因）"))
    missing = [r.seq for r in rows if r.seq not in answered]
    with ctx.store.transaction() as s:
        if acked:
            s.execute(delete(T).where(T.c.seq.in_(acked)))
        if missing:  # the entry stays; its attempts and last error say why
            s.execute(update(T).where(T.c.seq.in_(missing)).values(attempts=T.c.attempts + 1, last_error=UNANSWERED))
        for row, status, reason in refused:
            state.add_issue(s, "push", status if status in ("rejected", "conflict") else "rejected", row.kind,
                            row.seq, reason, _payload(row.payload), row.change_id, row.entity_id, now=ctx.clock())
            s.execute(delete(T).where(T.c.seq == row.seq, T.c.change_id == row.change_id))
    tally.refused += len(refused)
    tally.unanswered += len(missing)


def _note_failure(ctx, rows: list[Any], message: str) -> None:
    with ctx.store.transaction() as s:
        s.execute(update(T).where(T.c.seq.in_([r.seq for r in rows]))
                  .values(attempts=T.c.attempts + 1, last_error=message))


def _quarantine(ctx, row: Any, message: str, tally: PushTally) -> None:
    """One entry the centre refuses as a request (403/422) must not block every later one."""
    with ctx.store.transaction() as s:
        state.add_issue(s, "push", "rejected", row.kind, row.seq, message, _payload(row.payload),
                        row.change_id, row.entity_id, now=ctx.clock())
        s.execute(delete(T).where(T.c.seq == row.seq, T.c.change_id == row.change_id))
    tally.refused += 1


# Refusals that concern the entries sent (another window's data, a malformed entry), as
# opposed to the window itself (not enrolled, disabled): only these are narrowed down.
ENTRY_REFUSALS = {"forbidden", "invalid", "too_large"}
# A centre that fails with an internal error (500, not "database unavailable") on a batch
# may be choking on one entry (an older centre did): narrow down, and an entry that alone
# fails this many times is set aside as an issue so the rest can flow.
INTERNAL_ERRORS = {"http_500", "internal"}
MAX_INTERNAL_FAILURES = 3


def _next_one_goes(ctx, client: SyncClient, rows: list[Any], tally: PushTally) -> bool:
    """Is it this entry, or the centre? Send the next entry alone: if the centre takes it, the
    failing one is set aside; if not (the centre is broken for everything), nothing is."""
    probe = read_batch(ctx, 1, after=rows[0].seq)
    if not probe:
        return False
    try:
        resp = client.push_raw(encode(ctx.window_id, probe, datetime.now()))
    except SyncError:
        return False
    apply_answer(ctx, probe, resp, tally)
    return True


def _centre_takes_an_empty_push(ctx, client: SyncClient) -> bool:
    """Is the refusal about this entry, or does the centre (or a proxy before it) refuse every
    push? An entry is set aside only in the first case, so that a gateway answering 403 or 422
    to everything cannot move a whole outbox into the sync issues one entry at a time."""
    try:
        client.push_raw(encode(ctx.window_id, [], datetime.now()))
    except SyncError:
        return False
    return True


def _attempts(ctx, seq: int) -> int:
    with ctx.store.read() as s:
        return int(s.execute(select(T.c.attempts).where(T.c.seq == seq)).scalar() or 0)


def push_outbox(ctx, client: SyncClient, batch: int | None = None, max_batches: int | None = None) -> PushTally:
    """Push until the outbox is empty (or ``max_batches``). One request is in flight at a time;
    while it is, the next batch is read and encoded and the previous answer is applied, so
    the window's own work overlaps the centre's."""
    batch = batch or BATCH
    max_batches = max_batches or MAX_BATCHES
    tally = PushTally()
    size = batch
    with ThreadPoolExecutor(1, thread_name_prefix="clerk-push") as pool:
        rows = read_batch(ctx, size)
        body = encode(ctx.window_id, rows, datetime.now()) if rows else b""
        pending: tuple[list[Any], PushResponse] | None = None
        try:
            while rows and tally.batches < max_batches:
                tally.batches += 1
                flight = pool.submit(client.push_raw, body)
                if pending is not None:  # the previous answer, applied while this batch travels
                    done, pending = pending, None
                    apply_answer(ctx, *done, tally)
                nxt = read_batch(ctx, size, after=rows[-1].seq)
                try:
                    resp = flight.result()
                except (Refused, NotAuthorised) as exc:
                    if exc.code not in ENTRY_REFUSALS:
                        _note_failure(ctx, rows, exc.message)
                        raise
                    if len(rows) > 1:
                        size = 1  # one entry at a time until the refused one is found; the rest go through
                    elif _centre_takes_an_empty_push(ctx, client):
                        log.warning("outbox entry %s refused: %s", rows[0].seq, exc.message)
                        _quarantine(ctx, rows[0], exc.message, tally)
                        size = batch
                    else:  # everything is refused (a proxy, a broken centre): nothing is set aside
                        _note_failure(ctx, rows, exc.message)
                        raise
                    rows = read_batch(ctx, size)
                    body = encode(ctx.window_id, rows, datetime.now()) if rows else b""
                    continue
                except ServerBusy as exc:
                    _note_failure(ctx, rows, exc.message)
                    if exc.code not in INTERNAL_ERRORS:
                        raise
                    if len(rows) > 1:
                        size = 1
                    elif _attempts(ctx, rows[0].seq) >= MAX_INTERNAL_FAILURES and _next_one_goes(ctx, client, rows,
                                                                                                tally):
                        log.warning("outbox entry %s set aside after %d internal errors of the centre",
                                    rows[0].seq, MAX_INTERNAL_FAILURES)
                        _quarantine(ctx, rows[0], f"中心处理此项时多次出错（{exc.message}），已移入同步问题，"
                                    "其余照常上传；请管理员检查后重新发送", tally)
                        size = batch
                    else:
                        raise
                    rows = read_batch(ctx, size)
                    body = encode(ctx.window_id, rows, datetime.now()) if rows else b""
                    continue
                except SyncError as exc:
                    _note_failure(ctx, rows, exc.message)
                    raise
                pending = (rows, resp)
                rows = nxt
                body = encode(ctx.window_id, rows, datetime.now()) if rows else b""
        finally:
            if pending is not None:  # an answer already read is always applied, even if a later batch failed
                apply_answer(ctx, *pending, tally)
    return tally
