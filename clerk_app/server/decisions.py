"""Back-office decisions: validated by the case state machine, then streamed to the case's window."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update

from clerk_app.domain import numbers
from clerk_app.domain.case import CaseStatus, IllegalTransition, check_transition
from clerk_app.protocol.messages import DecisionRequest, DecisionResponse
from clerk_app.protocol.safe_json import text_problem
from clerk_app.protocol.versions import DECISIONS
from clerk_app.server import streams
from clerk_app.server.clock import aware, utcnow
from clerk_app.server.errors import Conflict, Forbidden, NotFound
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
}


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
        select(CASES.c.id, CASES.c.window_id, CASES.c.status, CASES.c.event_count, CASES.c["items"])
        .where(CASES.c.case_no == case_no).with_for_update()
    ).first()
    if case is None:
        raise NotFound(f"中心没有编号为 {case_no} 的办件（窗口可能尚未同步）")
    check_case_scope(caller, case_no, case._mapping["items"])
    done = conn.execute(select(EVENTS.c.from_status, EVENTS.c.to_status).where(EVENTS.c.id == req.decision_id)).first()
    if done is not None:
        cursor = conn.execute(select(ITEMS.c.cursor).where(ITEMS.c.stream == DECISIONS,
                                                           ITEMS.c.key == req.decision_id)).scalar() or 0
        return DecisionResponse(status="duplicate", case_no=case_no, from_status=done.from_status,
                                to_status=done.to_status, cursor=cursor)
    try:
        target = check_transition(case.status, ACTION_TARGET[req.action])
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
