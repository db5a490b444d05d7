"""Hand the result over at the window (RESULT_READY → HANDED_OUT)."""

from __future__ import annotations

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.identity import IdentityError, check_resident_id, mask_id
from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import CaseRecord, PartySnapshot
from clerk_app.services.case_actions import ActionInput, ActionRefused, CaseAction
from clerk_app.services.case_actions.handouts import READY, move_out
from clerk_app.services.context import AppContext


def in_person_name(applicant: PartySnapshot) -> str:
    """Who collects when the applicant comes in person: the person, or a company's contact."""
    return applicant.name if applicant.kind == "person" else (applicant.contact or applicant.name)


def hand_out(ctx: AppContext, case_no: str, clerk: Clerk, recipient_name: str, recipient_id: str = "",
             note: str = "", result: str = "", recipient_phone: str = "") -> CaseRecord:
    """The result is handed over at the window (RESULT_READY → HANDED_OUT)."""
    name = (recipient_name or "").strip()
    if len(name) < 2:
        raise ActionRefused("请填写领取人姓名")
    masked, full_id = "", None
    if recipient_id.strip():
        try:
            full_id = check_resident_id(recipient_id)
        except IdentityError as exc:
            raise ActionRefused(f"领取人{exc}") from None
        masked = mask_id(full_id)
    text = f"领取人：{name}" + (f"（{masked}）" if masked else "") + (f"；{note.strip()}" if note.strip() else "")
    record = {"method": "window", "result": result.strip(), "receiver_kind": "person", "receiver_name": name,
              "receiver_id_number": full_id, "receiver_phone": recipient_phone.strip() or None,
              "note": note.strip()}
    return move_out(ctx, case_no, CaseStatus.HANDED_OUT, clerk, text, record)


ACTION = CaseAction("hand_out", "出件", READY,
                    (ActionInput("result", "审批结果", max_length=200, default=lambda ctx, case: case.result_note or ""),
                     ActionInput("recipient_name", "领取人姓名", required=True, max_length=50,
                                 default=lambda ctx, case: in_person_name(case.applicant)),
                     ActionInput("recipient_id", "领取人身份证号", max_length=18),
                     ActionInput("recipient_phone", "领取人电话", max_length=20),
                     ActionInput("note", "备注", max_length=200)),
                    hand_out, shortcut="Alt+C")
