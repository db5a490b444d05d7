"""Post the result (RESULT_READY → MAILED) with the courier's tracking number."""

from __future__ import annotations

import re

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import CaseRecord
from clerk_app.services.case_actions import ActionInput, ActionRefused, CaseAction
from clerk_app.services.case_actions.handouts import READY, move_out
from clerk_app.services.context import AppContext

_TRACKING = re.compile(r"^[0-9A-Za-z]{6,30}$")


def mail_result(ctx: AppContext, case_no: str, clerk: Clerk, courier: str, tracking_no: str,
                note: str = "", address: str = "", result: str = "") -> CaseRecord:
    """The result is posted (RESULT_READY → MAILED) with the courier's tracking number."""
    courier = (courier or "").strip()
    tracking = re.sub(r"\s+", "", tracking_no or "")
    if not courier:
        raise ActionRefused("请填写快递公司（如 EMS）")
    if not _TRACKING.match(tracking):
        raise ActionRefused("快递单号应为6至30位字母或数字")
    text = f"{courier} 单号 {tracking}" + (f"；{note.strip()}" if note.strip() else "")
    record = {"method": "mail", "result": result.strip(), "courier": courier, "tracking_no": tracking,
              "address": address.strip(), "note": note.strip()}
    return move_out(ctx, case_no, CaseStatus.MAILED, clerk, text, record)


ACTION = CaseAction("mail", "邮寄送达", READY,
                    (ActionInput("result", "审批结果", max_length=200, default=lambda ctx, case: case.result_note or ""),
                     ActionInput("courier", "快递公司", required=True, max_length=30, default="EMS"),
                     ActionInput("tracking_no", "快递单号", required=True, max_length=30),
                     ActionInput("address", "邮寄地址", max_length=200,
                                 default=lambda ctx, case: case.delivery.address),
                     ActionInput("note", "备注", max_length=200)),
                    mail_result, shortcut="Alt+Y")
