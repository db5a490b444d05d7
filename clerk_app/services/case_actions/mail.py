"""Post the result (RESULT_READY → MAILED): recipient, full address, courier, tracking number, who pays.

The tracking number is checked against the courier's forms (:mod:`clerk_app.domain.tracking`);
a courier not in the table is recorded as 其他快递 under its own name, with a length check only.
"""

from __future__ import annotations

from clerk_app.documents import mail_label
from clerk_app.documents.model import HandoutDocument, PrintedClerk, PrintedParty
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.handout import COST_BEARERS
from clerk_app.domain.identity import IdentityError, check_phone
from clerk_app.domain.people import Clerk
from clerk_app.domain.text import TextRule
from clerk_app.domain.tracking import (
    COURIER_CHOICES,
    OTHER,
    TrackingError,
    check_mail_address,
    check_tracking,
    courier_code,
    courier_label,
)
from clerk_app.protocol.records import CaseRecord
from clerk_app.services.case_actions import ActionInput, ActionRefused, CaseAction, clean_input
from clerk_app.services.case_actions.hand_out import in_person_name
from clerk_app.services.case_actions.handouts import READY, UNNAMED_RESULT, move_out, result_default
from clerk_app.services.cases import CaseNotFound, get_case
from clerk_app.services.context import AppContext

# ``courier`` is a code of the table, or (called directly, not through the form) a courier's own name.
COURIER_TEXT = TextRule("快递公司", 30)


def mailing_label_problem(ctx: AppContext, case: CaseRecord, *, name: str, phone: str, address: str, courier: str,
                          tracking_no: str, cost_bearer: str, result: str) -> str | None:
    """Why the 邮寄标签 of this mailing could not be printed (None: it can).

    Mailing is final (MAILED has no way back), and the label is the paper that carries the address,
    courier and tracking number: a recipient, address and result that do not fit on the 150 × 100 mm
    label are refused before anything is recorded, not found out at the printer.
    """
    doc = HandoutDocument(case_no=case.case_no, items=(), applicant=PrintedParty(kind="person", name=name),
                          result=result.strip() or case.result_note or UNNAMED_RESULT,  # as handouts.move_out records it
                          handed_at=ctx.clock(), clerk=PrintedClerk(name=""), method="mail",
                          receiver=PrintedParty(kind="person", name=name, phone=phone), courier=courier,
                          tracking_no=tracking_no, address=address, cost_bearer=cost_bearer)
    return mail_label.label_problem(doc, ctx.settings)


def mail_result(ctx: AppContext, case_no: str, clerk: Clerk, courier: str, tracking_no: str,
                note: str = "", address: str = "", result: str = "", recipient_name: str = "",
                recipient_phone: str = "", cost_bearer: str = "", courier_name: str = "") -> CaseRecord:
    """The result is posted (RESULT_READY → MAILED) with the courier's tracking number.

    ``courier``: a code of ``domain.tracking.COURIERS`` (or a courier's name); an unknown name is
    kept as 其他快递 under that name. Empty ``address``, ``recipient_name``, ``recipient_phone``
    and ``cost_bearer`` take the case's delivery address, the applicant (a company's contact),
    the applicant's phone and the centre's default (``mailing.cost_bearer``).
    """
    given = clean_input(courier, COURIER_TEXT, "courier")
    t = ACTION.clean_texts(result=result, courier_name=courier_name, tracking_no=tracking_no,
                           recipient_name=recipient_name, recipient_phone=recipient_phone, address=address, note=note)
    courier_name, tracking_no, recipient_name = t["courier_name"], t["tracking_no"], t["recipient_name"]
    recipient_phone, address, result, note = t["recipient_phone"], t["address"], t["result"], t["note"]
    case = get_case(ctx, case_no)
    if not isinstance(case, CaseRecord):
        raise CaseNotFound(case_no)
    if not given:
        raise ActionRefused("请选择快递公司")
    code = courier_code(given)
    other_name = courier_name.strip()
    if code is None:  # a courier the table does not know: 其他快递, by the name given
        code, other_name = OTHER, given
    if code == OTHER and not other_name:
        raise ActionRefused("选择“其他快递”时请填写快递公司名称")
    if len(other_name) > 30:
        raise ActionRefused("快递公司名称不能超过30字")
    problems = []
    tracking = full_address = phone = ""
    try:
        tracking = check_tracking(code, tracking_no)
    except TrackingError as exc:
        problems.append(str(exc))
    try:
        full_address = check_mail_address(address or case.delivery.address)
    except TrackingError as exc:
        problems.append(str(exc))
    name = (recipient_name or "").strip() or in_person_name(case.applicant)
    if len(name) < 2:
        problems.append("请填写收件人姓名")
    try:
        phone = check_phone(recipient_phone or case.applicant.phone)
    except IdentityError as exc:
        problems.append(f"收件人{exc}")
    bearer = cost_bearer or ctx.settings.mailing.cost_bearer
    if bearer not in COST_BEARERS:
        problems.append("请选择邮寄费用承担方：" + "、".join(COST_BEARERS.values()))
    if problems:
        raise ActionRefused("；".join(problems))
    label = courier_label(code, other_name)
    label_problem = mailing_label_problem(ctx, case, name=name, phone=phone, address=full_address, courier=label,
                                          tracking_no=tracking, cost_bearer=bearer, result=result)
    if label_problem:
        raise ActionRefused(label_problem)
    text = f"{label} 单号 {tracking}；{COST_BEARERS[bearer]}" + (f"；{note.strip()}" if note.strip() else "")
    record = {"method": "mail", "result": result.strip(), "courier": label, "courier_code": code,
              "tracking_no": tracking, "address": full_address, "note": note.strip(), "receiver_kind": "person",
              "receiver_name": name, "receiver_phone": phone, "cost_bearer": bearer}
    return move_out(ctx, case.case_no, CaseStatus.MAILED, clerk, text, record)


ACTION = CaseAction("mail", "邮寄送达", READY,
                    (ActionInput("result", "审批结果", max_length=200, default=result_default,
                                 hint="如证照名称、编号及份数"),
                     ActionInput("courier", "快递公司", "choice", required=True, choices=COURIER_CHOICES,
                                 default="ems"),
                     ActionInput("courier_name", "其他快递公司名称", max_length=30, hint="选择“其他快递”时填写"),
                     ActionInput("tracking_no", "快递单号", required=True, max_length=40),
                     ActionInput("recipient_name", "收件人", required=True, max_length=50,
                                 default=lambda ctx, case: in_person_name(case.applicant)),
                     ActionInput("recipient_phone", "收件人电话", required=True, max_length=20,
                                 default=lambda ctx, case: case.applicant.phone),
                     ActionInput("address", "邮寄地址", required=True, max_length=200,
                                 default=lambda ctx, case: case.delivery.address, hint="省（市）、区（县）、街道及门牌号"),
                     ActionInput("cost_bearer", "邮寄费用", "choice", required=True, choices=tuple(COST_BEARERS.items()),
                                 default=lambda ctx, case: ctx.settings.mailing.cost_bearer),
                     ActionInput("note", "备注", max_length=200)),
                    mail_result, shortcut="Alt+Y")
