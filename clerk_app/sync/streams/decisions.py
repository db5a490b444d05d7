"""Apply a back-office decision pulled from the centre to the local case.

The back office owns decisions: the local case moves through the same state machine
(``apply_transition(..., source="back_office", replicate=False)``), and is not sent back.
A decision that cannot apply (the case is unknown here, or has moved on) is reported,
never forced.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.case import STATUS_LABELS, CaseStatus, IllegalTransition, check_transition
from clerk_app.services import clock
from clerk_app.services.cases import apply_transition
from clerk_app.store.models import Case, CaseEvent

SPECIAL = "special_procedure"  # 行政许可法 art. 45: days not counted, no status move
RESULT_STATUSES = {CaseStatus.APPROVED.value, CaseStatus.REFUSED.value}


def _label(status: str) -> str:
    try:
        return STATUS_LABELS[CaseStatus(status)]
    except ValueError:
        return status


def _local_time(text: Any, floor: datetime | None) -> datetime:
    """The decision's time on this window's clock, never before the case's last local event
    (so the local order of events is the order they reached this window)."""
    try:
        at = datetime.fromisoformat(str(text))
        at = at.astimezone().replace(tzinfo=None) if at.tzinfo else at
    except ValueError:
        at = datetime.now()
    if floor is not None and at <= floor:
        at = floor + timedelta(microseconds=1)
    return at


def apply_decision(s: Session, data: dict[str, Any], calendar: WorkCalendar | None = None,
                   catalogue: Any = None) -> str | None:
    """Apply one decision in the caller's transaction; return a reason when it cannot apply.

    With ``calendar`` the case's clock follows: a 补正 suspends it (keeping what is missing), a
    special procedure (art. 45) takes its days out (``services.clock``); a grant dates the
    告知承诺 materials due after the decision.
    """
    case_no, target, event_id = data.get("case_no", ""), str(data.get("to", "")), str(data.get("event_id", ""))
    case = s.get(Case, data.get("case_id")) if data.get("case_id") else None
    if case is None and case_no:
        case = s.execute(select(Case).where(Case.case_no == case_no)).scalar_one_or_none()
    if case is None:
        what = "特别程序" if data.get("action") == SPECIAL else f"审批结果“{_label(target)}”"
        return f"本机没有办件 {case_no}，中心的{what}未能应用"
    if data.get("action") == SPECIAL:
        if calendar is None:
            return f"办件 {case.case_no}：特别程序须按本机节假日安排计算，未能应用"
        last = max((e.at for e in case.events), default=None)
        return clock.special_procedure_in(s, case, data, calendar, catalogue, _local_time(data.get("at"), last))
    if event_id and s.get(CaseEvent, event_id) is not None:
        return None  # already applied
    try:
        check_transition(case.status, target)
    except (IllegalTransition, ValueError) as exc:
        return f"办件 {case.case_no}：中心的审批结果“{_label(target)}”未能应用，本机状态为“{_label(case.status)}”（{exc}）"
    last = max((e.at for e in case.events), default=None)
    ev = apply_transition(s, case, target, str(data.get("actor") or "后台审批"), str(data.get("note") or ""),
                          source="back_office", at=_local_time(data.get("at"), last), replicate=False,
                          calendar=calendar)
    if event_id:
        ev.id = event_id  # the centre's id: the same event is the same row everywhere
    if target in RESULT_STATUSES and data.get("note"):
        case.result_note = str(data["note"])
    s.flush()
    if calendar is not None and target == CaseStatus.SUPPLEMENT_REQUESTED.value:
        missing = data.get("missing") if isinstance(data.get("missing"), list) else []
        clock.ask_correction_in(s, case, ev.id, ev.at.date(), [str(m) for m in missing],
                                str(data.get("note") or ""), ev.actor, calendar, catalogue, ev.at)
    return None
