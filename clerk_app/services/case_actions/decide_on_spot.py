"""A chief representative (首席事务代表) decides at the window: approved/refused → result ready."""

from __future__ import annotations

from sqlalchemy.orm import Session

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import CaseRecord
from clerk_app.services.case_actions import ActionInput, ActionRefused, CaseAction
from clerk_app.services.cases import CaseNotFound, _load, apply_transition, normalise_number
from clerk_app.services.context import AppContext
from clerk_app.services.records import case_record
from clerk_app.store import audit
from clerk_app.store.staff_models import Staff

STATUSES = frozenset({CaseStatus.ACCEPTED})


def on_spot_refusal(ctx: AppContext, case: CaseRecord, clerk: Clerk) -> str | None:
    """Why this clerk may not decide this case at the window (None: they may)."""
    from clerk_app.auth.authorisation import may_decide_on_spot

    if not getattr(clerk, "chief_rep", False):
        return "只有首席事务代表可以当场作出决定"
    if case.status not in STATUSES:
        return "只有已受理（材料齐全）的办件可以当场决定"
    for it in case.items:
        item = ctx.catalogue.items.get(it.code)
        if item is None or not may_decide_on_spot(clerk, item):
            return f"事项“{it.name}”未授权当场决定"
    return None


def _still_chief_rep(s: Session, clerk: Clerk) -> str | None:
    """The 首席事务代表 role as the staff rows hold it now, not as it was at login: an admin or the roster
    may withdraw it from the clerk (or, standing in, from A) mid-session. A clerk with no staff row
    (the local clerk) is judged by ``clerk.chief_rep`` alone."""
    person = s.get(Staff, clerk.id)
    if person is None or not clerk.chief_rep:
        return None
    holder = s.get(Staff, clerk.on_behalf_of_id) if clerk.on_behalf_of_id else None
    if not person.chief_rep or (clerk.on_behalf_of_id and not (holder and holder.chief_rep)):
        return "首席事务代表资格已被取消（登录后人员授权有变更），不能当场作出决定，请重新登录"
    return None


def decide_on_spot(ctx: AppContext, case_no: str, clerk: Clerk, approve: bool, result: str,
                   note: str = "") -> CaseRecord:
    """Approve or refuse on the spot; the result is then ready to hand out."""
    result = ACTION.clean("result", result)
    note = ACTION.clean("note", note)
    if len(result) < 2:
        raise ActionRefused("请写明决定内容（如准予许可及证照编号，或不予许可的理由）")
    now = ctx.clock()
    with ctx.store.transaction() as s:
        case = _load(s, normalise_number(case_no))
        if case is None:
            raise CaseNotFound(case_no)
        why = _still_chief_rep(s, clerk) or on_spot_refusal(ctx, case_record(case, with_events=False), clerk)
        if why is None:
            target = CaseStatus.APPROVED if approve else CaseStatus.REFUSED
            label = "当场准予" if approve else "当场不予"
            apply_transition(s, case, target, clerk.display, f"{label}：{result}" + (f"；{note}" if note else ""),
                             at=now, calendar=ctx.calendar)
            case.result_note = result
            apply_transition(s, case, CaseStatus.RESULT_READY, clerk.display, "首席事务代表当场决定，结果待出件",
                             at=now)
            s.flush()
            s.expire(case, ["events"])
            return case_record(case)
    with ctx.store.transaction() as s:  # the refused attempt is recorded on its own
        audit.append(s, clerk.display, "case.decide_refused", normalise_number(case_no), {"reason": why}, at=now)
    raise ActionRefused(why)


# The status is checked by on_spot_refusal itself, with the message a chief representative expects.
ACTION = CaseAction("decide_on_spot", "当场决定", frozenset(),
                    (ActionInput("approve", "准予（不勾选为不予）", "bool", default=True),
                     ActionInput("result", "决定内容", required=True, max_length=200,
                                 hint="如准予许可及证照编号，或不予许可的理由"),
                     ActionInput("note", "备注", max_length=200)),
                    decide_on_spot, rule=on_spot_refusal, shortcut="Alt+J", command="decide")
