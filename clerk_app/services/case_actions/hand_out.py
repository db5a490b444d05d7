"""Hand the result over at the window (RESULT_READY → HANDED_OUT).

The collector is the applicant in person (a company's registered contact), a company's legal
representative, or an agent (代领人) with an identity document and the applicant's 授权委托书;
the rule is :func:`clerk_app.domain.handout.check_collector`. The full ID number is kept on the
hand-out record; the case's event note, the log and the papers show it masked.
"""

from __future__ import annotations

from datetime import date

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.handout import (
    RECEIVER_ROLES,
    ROLE_SHORT,
    CollectorRefused,
    check_collector,
    person_id_choices,
)
from clerk_app.domain.identity import ID_TYPE_LABELS, IdType, mask_id
from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import CaseRecord, PartySnapshot
from clerk_app.services.case_actions import ActionInput, ActionRefused, CaseAction
from clerk_app.services.case_actions.handouts import READY, move_out, result_default
from clerk_app.services.cases import CaseNotFound, get_case
from clerk_app.services.context import AppContext


def in_person_name(applicant: PartySnapshot) -> str:
    """Who collects when the applicant comes in person: the person, or a company's contact."""
    return applicant.name if applicant.kind == "person" else (applicant.contact or applicant.name)


def earliest_authorisation(received: date) -> date:
    """The earliest signing date of a 授权委托书 taken at hand-out: one year before the case was received."""
    try:
        return received.replace(year=received.year - 1)
    except ValueError:  # 29 February
        return received.replace(year=received.year - 1, day=28)


def authorisation_date_problem(signed: date, received: date) -> str | None:
    """Why a 授权委托书 signed on ``signed`` is implausible for a case received on ``received`` (None: fine).

    A signing date more than a year before the application was received is taken for a typing error
    (such as 0001-01-01) rather than a real authorisation: it would print as the date on the 领取回执.
    (A date after today is refused by ``domain.handout.check_collector``.)
    """
    earliest = earliest_authorisation(received)
    if signed < earliest:
        return (f"授权委托书的签署日期 {signed.isoformat()} 早于收件日期（{received.isoformat()}）一年以上，"
                f"请核对委托书：签署日期不能早于 {earliest.isoformat()}，也不能晚于今天")
    return None


def hand_out(ctx: AppContext, case_no: str, clerk: Clerk, recipient_name: str = "", recipient_id: str = "",
             note: str = "", result: str = "", recipient_phone: str = "", collector: str = "applicant",
             id_type: str = IdType.RESIDENT_ID.value, authorisation_kept: bool = False,
             authorisation_scope: str = "", authorisation_date: date | None = None) -> CaseRecord:
    """The result is handed over at the window to ``collector`` (RESULT_READY → HANDED_OUT).

    ``collector``: ``applicant`` (``recipient_name`` empty: the applicant / a company's contact),
    ``legal_rep`` or ``agent``; an agent needs ``recipient_id`` (of ``id_type``) and
    ``authorisation_kept`` (the 授权委托书 checked and kept).
    """
    t = ACTION.clean_texts(result=result, recipient_name=recipient_name, recipient_id=recipient_id,
                           recipient_phone=recipient_phone, authorisation_scope=authorisation_scope, note=note)
    recipient_name, recipient_id, recipient_phone = t["recipient_name"], t["recipient_id"], t["recipient_phone"]
    authorisation_scope, result, note = t["authorisation_scope"], t["result"], t["note"]
    case = get_case(ctx, case_no)
    if not isinstance(case, CaseRecord):
        raise CaseNotFound(case_no)
    a = case.applicant
    name = recipient_name if (recipient_name or "").strip() or collector != "applicant" else in_person_name(a)
    try:
        who = check_collector(applicant_kind=a.kind, applicant_name=a.name, applicant_contact=a.contact,
                              applicant_id_type=a.id_type, applicant_id_number=a.id_number,
                              role=collector, name=name, id_type=id_type, id_number=recipient_id,
                              phone=recipient_phone, authorisation_kept=bool(authorisation_kept),
                              authorisation_scope=authorisation_scope, authorisation_date=authorisation_date,
                              today=ctx.clock().date())
    except CollectorRefused as exc:
        raise ActionRefused(str(exc)) from None
    if who.authorisation_date is not None:
        why = authorisation_date_problem(who.authorisation_date, case.received_at.date())
        if why:
            raise ActionRefused(why)
    masked = f"{ID_TYPE_LABELS[who.id_type]} {mask_id(who.id_number)}" if who.id_number else ""
    text = (f"领取人：{who.name}（{ROLE_SHORT[who.role]}" + (f"，{masked}" if masked else "") + "）"
            + ("；已查验并留存授权委托书" if who.authorisation_kept else "")
            + (f"；{note.strip()}" if note.strip() else ""))
    record = {"method": "window", "result": result.strip(), "receiver_kind": "person", "receiver_name": who.name,
              "receiver_id_number": who.id_number or None, "receiver_phone": who.phone or None,
              "note": note.strip(), "receiver_role": who.role, "receiver_id_type": who.id_type,
              "authorisation_kept": who.authorisation_kept, "authorisation_scope": who.authorisation_scope,
              "authorisation_date": who.authorisation_date}
    return move_out(ctx, case.case_no, CaseStatus.HANDED_OUT, clerk, text, record)


def _default_role(ctx: AppContext, case: CaseRecord) -> str:
    """The applicant in person, unless a company gave no contact (then someone must be named)."""
    return "applicant" if case.applicant.kind == "person" or case.applicant.contact else "agent"


def _default_name(ctx: AppContext, case: CaseRecord) -> str:
    return in_person_name(case.applicant) if _default_role(ctx, case) == "applicant" else ""


ACTION = CaseAction("hand_out", "出件", READY,
                    (ActionInput("result", "审批结果", max_length=200, default=result_default,
                                 hint="如证照名称、编号及份数"),
                     ActionInput("collector", "领取人身份", "choice", required=True,
                                 choices=tuple(RECEIVER_ROLES.items()), default=_default_role),
                     ActionInput("recipient_name", "领取人姓名", required=True, max_length=50,
                                 default=_default_name),
                     ActionInput("id_type", "领取人证件类型", "choice", choices=person_id_choices(),
                                 default=IdType.RESIDENT_ID.value),
                     ActionInput("recipient_id", "领取人证件号码", max_length=18,
                                 hint="代领人、法定代表人必填；申请人本人可核对后填写"),
                     ActionInput("recipient_phone", "领取人电话", max_length=20),
                     ActionInput("authorisation_kept", "已查验并留存授权委托书（代领时必选）", "bool"),
                     ActionInput("authorisation_scope", "委托事项", max_length=200, hint="如：代为领取办理结果"),
                     ActionInput("authorisation_date", "委托书签署日期", "date"),
                     ActionInput("note", "备注", max_length=200)),
                    hand_out, shortcut="Alt+C")
