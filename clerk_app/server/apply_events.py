"""Apply pushed ``case_event`` changes: every status move is checked by the domain's state machine.

The cases touched are locked (``FOR UPDATE``) so a window's event and a back-office
decision on the same case are serialised; events are numbered per case in arrival order.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, bindparam, select, update

from clerk_app.domain.case import STATUS_LABELS, CaseStatus, IllegalTransition, check_transition
from clerk_app.protocol.records import CaseEventChange, RecordError
from clerk_app.server.batch import PushedChange
from clerk_app.server.bulk import bulk_insert
from clerk_app.server.clock import to_utc_naive
from clerk_app.server.db import one_of
from clerk_app.server.models import CaseEventRow, CaseRow
from clerk_app.server.window_moves import ON_THE_SPOT, Rights, refusal

CASES = CaseRow.__table__
EVENTS = CaseEventRow.__table__


def lock_cases(conn: Connection, case_ids: set[str]) -> dict[str, dict]:
    """Status and event count of these cases, locked until commit (in id order: no deadlocks)."""
    if not case_ids:
        return {}
    rows = conn.execute(
        select(CASES.c.id, CASES.c.case_no, CASES.c.status, CASES.c.event_count, CASES.c["items"],
               CASES.c.catalogue_version)
        .where(one_of(conn, CASES.c.id, sorted(case_ids))).order_by(CASES.c.id).with_for_update()
    ).all()
    state = {r.id: {"case_no": r.case_no, "status": r.status, "count": r.event_count, "dirty": False,
                    "items": r._mapping["items"] or [], "catalogue_version": r.catalogue_version, "spot": False} for r in rows}
    if state:  # did the window itself decide on the spot (accepted → approved/refused) last?
        last = conn.execute(select(EVENTS.c.case_id, EVENTS.c.from_status, EVENTS.c.to_status, EVENTS.c.source)
                            .join(CASES, (CASES.c.id == EVENTS.c.case_id) & (CASES.c.event_count == EVENTS.c.case_seq))
                            .where(one_of(conn, CASES.c.id, list(state)))).all()
        for e in last:
            state[e.case_id]["spot"] = e.source == "window" and (e.from_status, e.to_status) in ON_THE_SPOT
    return state


def _label(status: str) -> str:
    try:
        return STATUS_LABELS[CaseStatus(status)]
    except ValueError:
        return status


def _parsed(items: list[PushedChange]) -> list[tuple[PushedChange, CaseEventChange]]:
    out = []
    for it in items:
        try:
            ev = it.parsed()
        except RecordError as err:
            it.refuse_record("状态变更", err)
            continue
        assert isinstance(ev, CaseEventChange)
        out.append((it, ev))
    return out


def apply_events(conn: Connection, window_id: str, items: list[PushedChange], now: datetime) -> None:
    rights = Rights(conn, (window_id, window_id[:8], "*"))
    parsed = _parsed(items)
    state = lock_cases(conn, {ev.case_id for _, ev in parsed})
    ids = [ev.id for _, ev in parsed]
    known = set(conn.execute(select(EVENTS.c.id).where(one_of(conn, EVENTS.c.id, ids))).scalars()) if ids else set()
    new_rows: list[dict] = []
    for it, ev in parsed:
        case = state.get(ev.case_id)
        if case is None:
            it.reject(f"中心没有办件 {ev.case_no or ev.case_id}（其收件记录未被中心接收）")
            continue
        if ev.id in known:
            continue  # already known (e.g. carried in the case's own snapshot): applied, no change
        if ev.source != "window":
            it.reject("窗口只能报告窗口的状态变更；审批结果由后台部门报告")
            continue
        try:
            target = check_transition(case["status"], ev.to)
        except (IllegalTransition, ValueError) as exc:
            it.reject(f"办件 {case['case_no']}：中心当前状态为“{_label(case['status'])}”，{exc}")
            continue
        why = refusal(rights, case, case["status"], target.value, ev.actor, case["spot"])
        if why:
            it.reject(f"办件 {case['case_no']}：{why}")
            continue
        case["spot"] = (case["status"], target.value) in ON_THE_SPOT
        case["count"] += 1
        new_rows.append({"id": ev.id, "case_id": ev.case_id, "case_seq": case["count"],
                         "from_status": case["status"], "to_status": target.value, "actor": ev.actor,
                         "source": "window", "note": ev.note, "detail": {}, "device_at": to_utc_naive(ev.at),
                         "received_at": now})
        case["status"], case["dirty"] = target.value, True
        known.add(ev.id)
    if new_rows:
        bulk_insert(conn, EVENTS, new_rows)
        conn.execute(
            update(CASES).where(CASES.c.id == bindparam("b_id"))
            .values(status=bindparam("b_status"), event_count=bindparam("b_count"), updated_at=bindparam("b_now")),
            [{"b_id": cid, "b_status": c["status"], "b_count": c["count"], "b_now": now}
             for cid, c in state.items() if c["dirty"]],
        )
