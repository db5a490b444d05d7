"""Apply pushed ``case`` and ``notice`` changes: insert new ones in bulk, update snapshots."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, bindparam, or_, select, update

from clerk_app.domain.case import CaseStatus
from clerk_app.server.batch import Item, parse_time
from clerk_app.server.bulk import bulk_insert
from clerk_app.server.clock import to_utc_naive
from clerk_app.server.db import one_of
from clerk_app.server.models import CaseEventRow, CaseRow, NoticeRow
from clerk_app.server.window_moves import ON_THE_SPOT, Rights, refusal

CASES = CaseRow.__table__
EVENTS = CaseEventRow.__table__
NOTICES = NoticeRow.__table__


def _case_row(window_id: str, it: Item, now: datetime) -> dict | None:
    p = it.payload
    missing = [k for k in ("id", "case_no", "status") if not isinstance(p.get(k), str) or not p.get(k)]
    if missing:
        it.reject(f"办件数据不完整：缺少 {', '.join(missing)}")
        return None
    try:
        CaseStatus(p["status"])
    except ValueError:
        it.reject(f"办件 {p['case_no']} 的状态无效：{p['status']!r}")
        return None
    events = _valid_events(p)
    return {"id": p["id"], "case_no": p["case_no"], "window_id": window_id, "status": p["status"],
            "catalogue_version": str(p.get("catalogue_version") or ""),
            "received_at": parse_time(p.get("received_at")),
            "row_version": int(p.get("row_version") or 1), "data_change_id": it.change.change_id,
            "event_count": len(events), "created_at": now, "updated_at": now, "items": case_items(p)}


def case_items(payload: dict) -> list[dict[str, str]]:
    """The case's items as the back-office scope needs them: [{code, department}]."""
    items = payload.get("items")
    return [{"code": i["code"], "department": str(i.get("department") or "")}
            for i in items if isinstance(i, dict) and isinstance(i.get("code"), str)] \
        if isinstance(items, list) else []


def _intake_refusal(rights: Rights, row: dict, payload: dict) -> str | None:
    """A new case arrives as the window took it in: an intake status, then only window moves."""
    prev: str | None = None
    spot = False
    for e in _valid_events(payload):
        if (e.get("source") or "window") != "window":
            return "窗口只能报告窗口的状态变更；审批结果由后台部门报告"
        why = refusal(rights, row, prev, str(e["to"]), str(e.get("actor") or ""), spot)
        if why:
            return why
        spot = (prev, str(e["to"])) in ON_THE_SPOT
        prev = str(e["to"])
    if prev is None:
        return refusal(rights, row, None, row["status"], "", False)
    if prev != row["status"]:
        return f"办件状态（{row['status']}）与其状态记录的最后一步（{prev}）不一致"
    return None


def _valid_events(payload: dict) -> list[dict]:
    events = payload.get("events") if isinstance(payload.get("events"), list) else []
    return [e for e in events if isinstance(e, dict) and e.get("id") and e.get("to")]


def _initial_events(case: dict, payload: dict, now: datetime) -> list[dict]:
    out = []
    for i, e in enumerate(_valid_events(payload), start=1):
        out.append({"id": str(e["id"]), "case_id": case["id"], "case_seq": i, "from_status": e.get("from"),
                    "to_status": str(e["to"]), "actor": str(e.get("actor") or ""),
                    "source": str(e.get("source") or "window"), "note": str(e.get("note") or ""),
                    "detail": {}, "device_at": to_utc_naive(parse_time(e.get("at"))), "received_at": now})
    return out


def apply_cases(conn: Connection, window_id: str, items: list[Item], now: datetime) -> None:
    """New cases are inserted in one statement; a known case takes a newer snapshot of its data
    (never its status: that moves only through validated events)."""
    first: dict[str, tuple[dict, Item]] = {}
    later: list[tuple[dict, Item]] = []
    for it in items:
        row = _case_row(window_id, it, now)
        if row is None:
            continue
        if row["id"] in first:
            later.append((row, it))
        else:
            first[row["id"]] = (row, it)
    if not first:
        return
    found = conn.execute(select(CASES.c.id, CASES.c.case_no).where(or_(
        one_of(conn, CASES.c.id, first), one_of(conn, CASES.c.case_no, [r["case_no"] for r, _ in first.values()])))).all()
    taken_ids, taken_nos = {f.id for f in found}, {f.case_no for f in found}
    created: set[str] = set()
    rights = Rights(conn, (window_id, window_id[:8], "*"))
    for cid, (r, it) in first.items():
        if cid not in taken_ids and r["case_no"] not in taken_nos:
            why = _intake_refusal(rights, r, it.payload)
            if why:
                it.reject(f"办件 {r['case_no']}：{why}")
                continue
            created.add(cid)
            taken_nos.add(r["case_no"])  # two new cases with one number in a batch: the second conflicts
    bulk_insert(conn, CASES, [first[cid][0] for cid in created])
    events = [e for cid in created for e in _initial_events(first[cid][0], first[cid][1].payload, now)]
    if events:
        known = set(conn.execute(select(EVENTS.c.id).where(one_of(conn, EVENTS.c.id, [e["id"] for e in events]))).scalars())
        bulk_insert(conn, EVENTS, [e for e in events if e["id"] not in known])
    rest = [pair for cid, pair in first.items() if cid not in created and pair[1].status == "applied"] + later
    if rest:
        _update_snapshots(conn, rest, now)


def _update_snapshots(conn: Connection, rest: list[tuple[dict, Item]], now: datetime) -> None:
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


def apply_notices(conn: Connection, window_id: str, items: list[Item], now: datetime) -> None:
    rows = []
    for it in items:
        p = it.payload
        if not isinstance(p.get("id"), str) or not isinstance(p.get("notice_no"), str):
            it.reject("告知书数据不完整：缺少 id 或 notice_no")
            continue
        rows.append(({"id": p["id"], "notice_no": p["notice_no"], "window_id": window_id,
                      "data_change_id": it.change.change_id, "created_at": parse_time(p.get("created_at")),
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
