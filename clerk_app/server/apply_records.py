"""Apply pushed ``case`` and ``notice`` changes: insert new ones in bulk, update snapshots.

Each payload is parsed into its record (:func:`clerk_app.protocol.records.parse_payload`,
which first upgrades a payload written by an older window); one that does not parse is
refused on its own, naming the fields.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, bindparam, or_, select, update

from clerk_app.protocol.records import CaseRecord, NoticeRecord, RecordError
from clerk_app.server.batch import PushedChange
from clerk_app.server.bulk import bulk_insert
from clerk_app.server.clock import to_utc_naive
from clerk_app.server.db import one_of
from clerk_app.server.models import CaseEventRow, CaseRow, NoticeRow
from clerk_app.server.window_moves import ON_THE_SPOT, Rights, refusal

CASES = CaseRow.__table__
EVENTS = CaseEventRow.__table__
NOTICES = NoticeRow.__table__


def _case_of(it: PushedChange) -> CaseRecord | None:
    try:
        record = it.parsed()
    except RecordError as err:
        it.refuse_record("办件", err)
        return None
    assert isinstance(record, CaseRecord)
    return record


def _case_row(window_id: str, it: PushedChange, now: datetime) -> tuple[dict, CaseRecord] | None:
    c = _case_of(it)
    if c is None:
        return None
    return {"id": c.id, "case_no": c.case_no, "window_id": window_id, "status": c.status.value,
            "catalogue_version": c.catalogue_version, "received_at": c.received_at,
            "row_version": c.row_version, "data_change_id": it.change.change_id,
            "event_count": len(c.events or []), "created_at": now, "updated_at": now,
            "items": case_items(c)}, c


def case_items(case: CaseRecord) -> list[dict[str, str]]:
    """The case's items as the back-office scope needs them: [{code, department}]."""
    return [{"code": i.code, "department": i.department} for i in case.items]


def _intake_refusal(rights: Rights, row: dict, case: CaseRecord) -> str | None:
    """A new case arrives as the window took it in: an intake status, then only window moves."""
    prev: str | None = None
    spot = False
    for e in case.events or []:
        if e.source != "window":
            return "窗口只能报告窗口的状态变更；审批结果由后台部门报告"
        why = refusal(rights, row, prev, e.to.value, e.actor, spot)
        if why:
            return why
        spot = (prev, e.to.value) in ON_THE_SPOT
        prev = e.to.value
    if prev is None:
        return refusal(rights, row, None, row["status"], "", False)
    if prev != row["status"]:
        return f"办件状态（{row['status']}）与其状态记录的最后一步（{prev}）不一致"
    return None


def _initial_events(case: CaseRecord, now: datetime) -> list[dict]:
    return [{"id": e.id, "case_id": case.id, "case_seq": i, "from_status": e.from_, "to_status": e.to.value,
             "actor": e.actor, "source": e.source, "note": e.note, "detail": {}, "device_at": to_utc_naive(e.at),
             "received_at": now}
            for i, e in enumerate(case.events or [], start=1)]


def apply_cases(conn: Connection, window_id: str, items: list[PushedChange], now: datetime) -> None:
    """New cases are inserted in one statement; a known case takes a newer snapshot of its data
    (never its status: that moves only through validated events)."""
    first: dict[str, tuple[dict, PushedChange]] = {}
    later: list[tuple[dict, PushedChange]] = []
    parsed: dict[str, CaseRecord] = {}
    for it in items:
        got = _case_row(window_id, it, now)
        if got is None:
            continue
        row, record = got
        if row["id"] in first:
            later.append((row, it))
        else:
            first[row["id"]] = (row, it)
            parsed[row["id"]] = record
    if not first:
        return
    found = conn.execute(select(CASES.c.id, CASES.c.case_no).where(or_(
        one_of(conn, CASES.c.id, first), one_of(conn, CASES.c.case_no, [r["case_no"] for r, _ in first.values()])))).all()
    taken_ids, taken_nos = {f.id for f in found}, {f.case_no for f in found}
    created: set[str] = set()
    rights = Rights(conn, (window_id, window_id[:8], "*"))
    for cid, (r, it) in first.items():
        if cid not in taken_ids and r["case_no"] not in taken_nos:
            why = _intake_refusal(rights, r, parsed[cid])
            if why:
                it.reject(f"办件 {r['case_no']}：{why}")
                continue
            created.add(cid)
            taken_nos.add(r["case_no"])  # two new cases with one number in a batch: the second conflicts
    bulk_insert(conn, CASES, [first[cid][0] for cid in created])
    events = [e for cid in created for e in _initial_events(parsed[cid], now)]
    if events:
        known = set(conn.execute(select(EVENTS.c.id).where(one_of(conn, EVENTS.c.id, [e["id"] for e in events]))).scalars())
        bulk_insert(conn, EVENTS, [e for e in events if e["id"] not in known])
    rest = [pair for cid, pair in first.items() if cid not in created and pair[1].status == "applied"] + later
    if rest:
        _update_snapshots(conn, rest, now)


def _update_snapshots(conn: Connection, rest: list[tuple[dict, PushedChange]], now: datetime) -> None:
    ids = {r["id"] for r, _ in rest}
    nos = {r["case_no"] for r, _ in rest}
    found = conn.execute(select(CASES.c.id, CASES.c.case_no, CASES.c.window_id, CASES.c.row_version)
                         .where(or_(one_of(conn, CASES.c.id, ids), one_of(conn, CASES.c.case_no, nos)))).all()
    by_id = {f.id: f for f in found}
    by_no = {f.case_no: f for f in found}
    updates = []
    for row, it in rest:
        ex = by_id.get(row["id"])
        if ex is None:
            other = by_no.get(row["case_no"])
            it.reject(f"办件编号 {row['case_no']} 在中心已属于另一办件"
                      f"（{other.id if other else '?'}）：本机数据可能从旧备份恢复，请联系管理员", "conflict")
        elif ex.case_no != row["case_no"]:
            it.reject(f"办件 {row['id']} 的编号与中心记录（{ex.case_no}）不同", "conflict")
        elif row["row_version"] > ex.row_version:
            updates.append({"b_id": row["id"], "b_rv": row["row_version"], "b_change": it.change.change_id,
                            "b_cat": row["catalogue_version"], "b_now": now})
    if updates:
        conn.execute(update(CASES).where(CASES.c.id == bindparam("b_id"), CASES.c.row_version < bindparam("b_rv"))
                     .values(row_version=bindparam("b_rv"), data_change_id=bindparam("b_change"),
                             catalogue_version=bindparam("b_cat"), updated_at=bindparam("b_now")), updates)


def apply_notices(conn: Connection, window_id: str, items: list[PushedChange], now: datetime) -> None:
    rows = []
    for it in items:
        try:
            n = it.parsed()
        except RecordError as err:
            it.refuse_record("告知书", err)
            continue
        assert isinstance(n, NoticeRecord)
        rows.append(({"id": n.id, "notice_no": n.notice_no, "window_id": window_id,
                      "data_change_id": it.change.change_id, "created_at": n.created_at,
                      "received_at": now}, it))
    if not rows:
        return
    found = {f.id: f for f in conn.execute(select(NOTICES.c.id, NOTICES.c.notice_no).where(or_(
        one_of(conn, NOTICES.c.id, [r["id"] for r, _ in rows]),
        one_of(conn, NOTICES.c.notice_no, [r["notice_no"] for r, _ in rows])
    ))).all()}
    taken_nos = {f.notice_no for f in found.values()}
    new, seen = [], set(found)
    for r, _ in rows:
        if r["id"] not in seen and r["notice_no"] not in taken_nos:
            new.append(r)
            seen.add(r["id"])
            taken_nos.add(r["notice_no"])
    bulk_insert(conn, NOTICES, new)
    created = {r["id"] for r in new}
    rest = [(r, it) for r, it in rows if r["id"] not in created]
    for r, it in rest:
        ex = found.get(r["id"])
        if ex is None:
            it.reject(f"告知书编号 {r['notice_no']} 在中心已属于另一告知书", "conflict")
        elif ex.notice_no != r["notice_no"]:
            it.reject(f"告知书 {r['id']} 的编号与中心记录（{ex.notice_no}）不同", "conflict")
        else:  # a later snapshot (e.g. followed_by_case set): keep pointing at the newest data
            conn.execute(update(NOTICES).where(NOTICES.c.id == r["id"]).values(data_change_id=it.change.change_id))
