"""Back-office decisions: validated by the case state machine, then streamed to the case's window."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, select, update

from clerk_app.domain import numbers
from clerk_app.domain.case import ON_THE_CLOCK, STATUS_LABELS, CaseStatus, IllegalTransition, check_transition
from clerk_app.domain.clock import MAX_SPECIAL_DAYS, SPECIAL_PROCEDURES
from clerk_app.protocol.messages import DecisionRequest, DecisionResponse
from clerk_app.protocol.safe_json import text_problem
from clerk_app.protocol.versions import DECISIONS
from clerk_app.server import streams
from clerk_app.server.clock import aware, utcnow
from clerk_app.server.errors import Conflict, Forbidden, Invalid, NotFound
from clerk_app.server.models import CaseEventRow, CaseRow, StreamItem
from clerk_app.server.windows import Caller

CASES = CaseRow.__table__
EVENTS = CaseEventRow.__table__
ITEMS = StreamItem.__table__

ACTION_TARGET: dict[str, CaseStatus] = {
    "accept": CaseStatus.ACCEPTED,
    "review": CaseStatus.IN_REVIEW,
    "supplement": CaseStatus.SUPPLEMENT_REQUESTED,
    "approve": CaseStatus.APPROVED,
    "refuse": CaseStatus.REFUSED,
    "ready": CaseStatus.RESULT_READY,
    "withdraw": CaseStatus.WITHDRAWN,  # e.g. a 容缺 material not supplied, where the catalogue says 视为撤回
}
SPECIAL = "special_procedure"  # 行政许可法 art. 45: time not counted, no status move
SPECIAL_FIELDS = ("procedure", "start", "end", "days")


def special_problems(req: DecisionRequest, received_on: date | None) -> list[str]:
    """What is wrong with a special-procedure decision, each naming its field (empty: nothing)."""
    if req.action != SPECIAL:
        given = [f for f in SPECIAL_FIELDS if getattr(req, f) is not None]
        return [f"{f}：仅用于特别程序（action = {SPECIAL}）" for f in given]
    out = []
    if req.procedure not in SPECIAL_PROCEDURES:
        out.append("procedure：须为 " + "、".join(f"{k}（{v}）" for k, v in SPECIAL_PROCEDURES.items()))
    if req.start is None:
        out.append("start：须填写特别程序开始日期")
    if (req.end is None) == (req.days is None):
        out.append("end / days：须且只能填写结束日期（end）或所需工作日（days）之一")
    if req.days is not None and not 1 <= req.days <= MAX_SPECIAL_DAYS:
        out.append(f"days：所需工作日须在 1–{MAX_SPECIAL_DAYS} 之间（现为 {req.days}）")
    if req.start is not None and req.end is not None:
        if req.end < req.start:
            out.append(f"end：结束日期 {req.end} 早于开始日期 {req.start}")
        elif (req.end - req.start).days > 366:
            out.append("end：一次特别程序不能超过一年，请分段记录")
    if req.start is not None and received_on is not None and req.start < received_on:
        out.append(f"start：开始日期 {req.start} 早于办件收件日期 {received_on}")
    return out


def _special(conn: Connection, req: DecisionRequest, case: Any, case_no: str) -> DecisionResponse:
    """Record a special procedure: not a status move, only streamed to the window (which recounts)."""
    if CaseStatus(case.status) not in ON_THE_CLOCK:
        raise Conflict(f"办件 {case_no} 已不在办理期限内（{STATUS_LABELS[CaseStatus(case.status)]}），"
                       "不能再记录特别程序", code="illegal_transition")
    now = utcnow()
    cursor = streams.publish(conn, DECISIONS, case.window_id, req.decision_id, {
        "event_id": req.decision_id, "case_id": case.id, "case_no": case_no, "action": SPECIAL,
        "procedure": req.procedure, "start": req.start.isoformat() if req.start else None,
        "end": req.end.isoformat() if req.end else None, "days": req.days, "actor": req.actor,
        "note": req.note, "at": aware(now).isoformat(),
    })
    return DecisionResponse(status="applied", case_no=case_no, from_status=case.status, to_status=case.status,
                            cursor=cursor)


def _note(req: DecisionRequest) -> str:
    if req.action == "supplement" and req.missing:
        head = "需补正：" + "；".join(m.strip() for m in req.missing if m.strip())
        return f"{head}。{req.note}" if req.note else head
    return req.note


def in_scope(scope: dict[str, Any] | None, items: list[dict[str, str]] | None) -> bool:
    """Whether a back-office client with ``scope`` may read and decide a case with ``items``."""
    if not scope:
        return False
    if scope.get("all"):
        return True
    codes, deps = set(scope.get("items") or ()), set(scope.get("departments") or ())
    return any(i.get("code") in codes or i.get("department") in deps for i in items or [] if isinstance(i, dict))


def check_case_scope(caller: Caller | None, case_no: str, items: list[dict[str, str]] | None) -> None:
    if caller is not None and caller.kind == "back_office" and not in_scope(caller.scope, items):
        raise Forbidden(f"本部门（{caller.name}）无权查看或处理办件 {case_no}：不属于本部门的事项",
                        code="out_of_scope")


def decide(conn: Connection, req: DecisionRequest, caller: Caller | None = None) -> DecisionResponse:
    """``caller`` None: the centre's own admin (``clerk server decide``), not limited to a department."""
    case_no = str(numbers.parse(req.case_no) or req.case_no.strip().upper())
    if text_problem(case_no, 32):
        raise NotFound(f"中心没有编号为 {case_no!r} 的办件")
    case = conn.execute(
        select(CASES.c.id, CASES.c.window_id, CASES.c.status, CASES.c.event_count, CASES.c["items"],
               CASES.c.received_at)
        .where(CASES.c.case_no == case_no).with_for_update()
    ).first()
    if case is None:
        raise NotFound(f"中心没有编号为 {case_no} 的办件（窗口可能尚未同步）")
    check_case_scope(caller, case_no, case._mapping["items"])
    problems = special_problems(req, case.received_at.date() if case.received_at else None)
    if problems:
        raise Invalid(f"办件 {case_no}：" + "；".join(problems), code="bad_decision")
    if req.action == SPECIAL:
        cursor = conn.execute(select(ITEMS.c.cursor).where(ITEMS.c.stream == DECISIONS,
                                                           ITEMS.c.key == req.decision_id)).scalar()
        if cursor is not None:  # a retry of the same decision
            return DecisionResponse(status="duplicate", case_no=case_no, from_status=case.status,
                                    to_status=case.status, cursor=cursor)
        return _special(conn, req, case, case_no)
    done = conn.execute(select(EVENTS.c.from_status, EVENTS.c.to_status).where(EVENTS.c.id == req.decision_id)).first()
    if done is not None:
        cursor = conn.execute(select(ITEMS.c.cursor).where(ITEMS.c.stream == DECISIONS,
                                                           ITEMS.c.key == req.decision_id)).scalar() or 0
        return DecisionResponse(status="duplicate", case_no=case_no, from_status=done.from_status,
                                to_status=done.to_status, cursor=cursor)
    try:
        target = check_transition(case.status, ACTION_TARGET[str(req.action)])
    except IllegalTransition as exc:
        raise Conflict(f"办件 {case_no}：{exc}", code="illegal_transition") from exc
    now = utcnow()
    note = _note(req)
    conn.execute(EVENTS.insert().values(
        id=req.decision_id, case_id=case.id, case_seq=case.event_count + 1, from_status=case.status,
        to_status=target.value, actor=req.actor, source="back_office", note=note,
        detail={"action": req.action, "missing": req.missing}, device_at=None, received_at=now))
    conn.execute(update(CASES).where(CASES.c.id == case.id).values(
        status=target.value, event_count=case.event_count + 1, updated_at=now))
    cursor = streams.publish(conn, DECISIONS, case.window_id, req.decision_id, {
        "event_id": req.decision_id, "case_id": case.id, "case_no": case_no, "action": req.action,
        "from": case.status, "to": target.value, "actor": req.actor, "note": note, "missing": req.missing,
        "at": aware(now).isoformat(),
    })
    return DecisionResponse(status="applied", case_no=case_no, from_status=case.status, to_status=target.value,
                            cursor=cursor)
