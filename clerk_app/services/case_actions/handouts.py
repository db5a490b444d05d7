"""The hand-out record shared by the ``hand_out`` and ``mail`` actions (for the 领取回执, the mailing label and replication)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from clerk_app.domain.case import STATUS_LABELS, CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import CaseRecord, ClerkSnapshot, HandoutRecord, PartySnapshot
from clerk_app.services.case_actions import ActionRefused
from clerk_app.services.cases import CaseNotFound, _load, apply_transition, normalise_number
from clerk_app.services.context import AppContext
from clerk_app.services.records import case_record
from clerk_app.store import outbox
from clerk_app.store.models import Case
from clerk_app.store.window_models import Handout

READY = frozenset({CaseStatus.RESULT_READY})
UNNAMED_RESULT = "审批结果文书"  # what a hand-out records when neither the clerk nor the decision named the result


def result_default(ctx: AppContext, case: CaseRecord) -> str:
    """The 审批结果 the hand-out and mail forms start with: the decision's note, on one line (a back
    office's note may have line breaks; the field is one line on the form and on the paper)."""
    return " ".join((case.result_note or "").split())


def move_out(ctx: AppContext, case_no: str, target: CaseStatus, clerk: Clerk, note: str,
             record: dict[str, Any]) -> CaseRecord:
    """Record the hand-out and move the case to ``target`` in one transaction."""
    now = ctx.clock()
    with ctx.store.transaction() as s:
        case = _load(s, normalise_number(case_no))
        if case is None:
            raise CaseNotFound(case_no)
        if case.status not in READY:
            raise ActionRefused(f"办件当前状态为“{STATUS_LABELS[CaseStatus(case.status)]}”，结果尚未送达窗口，不能出件")
        if not record["result"]:
            record["result"] = case.result_note or UNNAMED_RESULT
        h = Handout(case_id=case.id, handed_at=now, clerk_id=clerk.id, clerk_name=clerk.name,
                    clerk_badge=clerk.badge, on_behalf_of_id=clerk.on_behalf_of_id,
                    on_behalf_of_name=clerk.on_behalf_of_name, **record)
        s.add(h)
        apply_transition(s, case, target, clerk.display, note, at=now)
        s.flush()
        outbox.enqueue(s, "handout", h.id, handout_record(h, case.case_no).to_json())
        s.expire(case, ["events"])  # the new event is not in the loaded collection yet
        return case_record(case)


def handout_record(h: Handout, case_no: str) -> HandoutRecord:
    """The hand-out as its record (for the 领取回执 / mailing label and for replication)."""
    receiver = (PartySnapshot(kind=h.receiver_kind or "person", name=h.receiver_name,
                              id_number=h.receiver_id_number or "", phone=h.receiver_phone or "",
                              id_type=h.receiver_id_type or "")
                if h.receiver_name else None)
    return HandoutRecord(id=h.id, case_id=h.case_id, case_no=case_no, method=h.method, result=h.result,
                         receiver=receiver, courier=h.courier, tracking_no=h.tracking_no, address=h.address,
                         note=h.note, handed_at=h.handed_at,
                         clerk=ClerkSnapshot(id=h.clerk_id, name=h.clerk_name, badge=h.clerk_badge,
                                             on_behalf_of_id=h.on_behalf_of_id,
                                             on_behalf_of_name=h.on_behalf_of_name),
                         receiver_role=h.receiver_role or "", authorisation_kept=bool(h.authorisation_kept),
                         authorisation_scope=h.authorisation_scope or "", authorisation_date=h.authorisation_date,
                         courier_code=h.courier_code or "", cost_bearer=h.cost_bearer or "")


def get_handout(ctx: AppContext, case_id: str) -> HandoutRecord | None:
    with ctx.store.read() as s:
        h = s.execute(select(Handout).where(Handout.case_id == case_id)).scalar_one_or_none()
        if h is None:
            return None
        c = s.get(Case, case_id)
        return handout_record(h, c.case_no if c else "")
