"""What the window does to a case after intake: take a supplement, hand out or mail the result.

The rules live here (not in the UI): who may receive, what a mailing needs, which
statuses allow a supplement, and when a tolerated-gap case becomes fully accepted.
Each function is one transaction with its status event, audit entry and outbox entry.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from clerk_app.domain.case import STATUS_LABELS, CaseStatus
from clerk_app.domain.identity import IdentityError, check_resident_id, mask_id
from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import CaseMaterialChange, CaseRecord, MaterialLine
from clerk_app.services.cases import CaseNotFound, _load, apply_transition, normalise_number
from clerk_app.services.context import AppContext
from clerk_app.services.records import case_record
from clerk_app.store import audit, outbox
from clerk_app.store.models import Case
from clerk_app.store.window_models import Handout

_TRACKING = re.compile(r"^[0-9A-Za-z]{6,30}$")


class ActionRefused(ValueError):
    """The action is not allowed; ``str()`` is a message for the clerk."""


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
    return _move(ctx, case_no, CaseStatus.HANDED_OUT, clerk, text, record)


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
    return _move(ctx, case_no, CaseStatus.MAILED, clerk, text, record)


def _move(ctx: AppContext, case_no: str, target: CaseStatus, clerk: Clerk, note: str,
          record: dict[str, Any]) -> CaseRecord:
    now = ctx.clock()
    with ctx.store.transaction() as s:
        case = _load(s, normalise_number(case_no))
        if case is None:
            raise CaseNotFound(case_no)
        if case.status != CaseStatus.RESULT_READY:
            raise ActionRefused(f"办件当前状态为“{STATUS_LABELS[CaseStatus(case.status)]}”，结果尚未送达窗口，不能出件")
        if record["method"] == "mail" and not record["address"]:
            record["address"] = case.delivery_address
            if len(record["address"]) < 6:
                raise ActionRefused("邮寄送达须填写完整的邮寄地址")
        if not record["result"]:
            record["result"] = case.result_note or "审批结果文书"
        h = Handout(case_id=case.id, handed_at=now, clerk_id=clerk.id, clerk_name=clerk.name,
                    clerk_badge=clerk.badge, on_behalf_of_id=clerk.on_behalf_of_id,
                    on_behalf_of_name=clerk.on_behalf_of_name, **record)
        s.add(h)
        apply_transition(s, case, target, clerk.display, note, at=now)
        s.flush()
        outbox.enqueue(s, "handout", h.id, handout_dict(h, case.case_no))
        s.expire(case, ["events"])  # the new event is not in the loaded collection yet
        return case_record(case)


def supplement_due_keys(case: CaseRecord) -> list[str]:
    """Keys of the tolerated materials still to be brought."""
    return case.pending_supplement()


def record_supplement(ctx: AppContext, case_no: str, clerk: Clerk, material_keys: list[str],
                      note: str = "") -> CaseRecord:
    """Record materials brought later: tolerated-gap materials, or a back office's 补正 request.

    When the last tolerated material arrives the case becomes fully accepted; a 补正
    goes back to the back office for review.
    """
    keys = list(dict.fromkeys(material_keys))
    now = ctx.clock()
    with ctx.store.transaction() as s:
        case = _load(s, normalise_number(case_no))
        if case is None:
            raise CaseNotFound(case_no)
        status = CaseStatus(case.status)
        if status not in (CaseStatus.ACCEPTED_TOLERATED, CaseStatus.SUPPLEMENT_REQUESTED):
            raise ActionRefused(f"办件当前状态为“{STATUS_LABELS[status]}”，没有待补交的材料")
        lines = case_record(case, with_events=False).materials
        by_key = {m.key: m for m in lines}
        unknown = [k for k in keys if k not in by_key]
        if unknown:
            raise ActionRefused("本办件没有这些材料：" + "、".join(unknown))
        if status is CaseStatus.ACCEPTED_TOLERATED:
            pending = {m.key for m in lines if m.verdict == "tolerated" and m.supplied_at is None}
            wrong = [by_key[k].name for k in keys if k not in pending]
            if wrong:
                raise ActionRefused("以下材料不是待补交的容缺材料：" + "、".join(wrong))
        if not keys and not note.strip():
            raise ActionRefused("请勾选补交的材料，或写明收到的补正材料")
        lines = _supplied(lines, set(keys), now)
        case.materials = [m.to_json() for m in lines]
        for m in lines:
            if m.key in keys:
                change = CaseMaterialChange.model_validate({**m.to_json(), "case_id": case.id, "case_no": case.case_no})
                outbox.enqueue(s, "case_material", m.id, change.to_json())
        names = [by_key[k].name for k in keys]
        audit.append(s, clerk.display, "case.supplement", case.case_no,
                     {"materials": names, "note": note.strip()}, at=now)
        text = "收到补交材料：" + ("、".join(names) or note.strip())
        if status is CaseStatus.ACCEPTED_TOLERATED:
            if all(m.supplied_at is not None for m in lines if m.verdict == "tolerated"):
                apply_transition(s, case, CaseStatus.ACCEPTED, clerk.display, text + "（容缺材料已补齐）", at=now)
        else:
            apply_transition(s, case, CaseStatus.IN_REVIEW, clerk.display, text, at=now)
        s.flush()
        s.expire(case, ["events"])
        return case_record(case)


def _supplied(lines: list[MaterialLine], keys: set[str], at: datetime) -> list[MaterialLine]:
    """The lines with those brought now marked as supplied (records are frozen: new ones)."""
    return [m.model_copy(update={"supplied_at": at}) if m.key in keys else m for m in lines]


def handout_dict(h: Handout, case_no: str) -> dict[str, Any]:
    """The hand-out record (for the 出件回执 and for replication)."""
    return {
        "id": h.id, "case_id": h.case_id, "case_no": case_no, "method": h.method, "result": h.result,
        "receiver": ({"kind": h.receiver_kind or "person", "name": h.receiver_name,
                      "id_number": h.receiver_id_number or "", "phone": h.receiver_phone or ""}
                     if h.receiver_name else None),
        "courier": h.courier, "tracking_no": h.tracking_no, "address": h.address, "note": h.note,
        "handed_at": h.handed_at.isoformat(),
        "clerk": {"id": h.clerk_id, "name": h.clerk_name, "badge": h.clerk_badge,
                  "on_behalf_of_id": h.on_behalf_of_id, "on_behalf_of_name": h.on_behalf_of_name},
    }


def get_handout(ctx: AppContext, case_id: str) -> dict[str, Any] | None:
    from sqlalchemy import select

    with ctx.store.read() as s:
        h = s.execute(select(Handout).where(Handout.case_id == case_id)).scalar_one_or_none()
        if h is None:
            return None
        c = s.get(Case, case_id)
        return handout_dict(h, c.case_no if c else "")


def on_spot_refusal(ctx: AppContext, case: CaseRecord, clerk: Clerk) -> str | None:
    """Why this clerk may not decide this case at the window (None: they may)."""
    from clerk_app.auth.authorisation import may_decide_on_spot

    if not getattr(clerk, "chief_rep", False):
        return "只有首席事务代表可以当场作出决定"
    if case.status is not CaseStatus.ACCEPTED:
        return "只有已受理（材料齐全）的办件可以当场决定"
    for it in case.items:
        item = ctx.catalogue.items.get(it.code)
        if item is None or not may_decide_on_spot(clerk, item):
            return f"事项“{it.name}”未授权当场决定"
    return None


def decide_on_spot(ctx: AppContext, case_no: str, clerk: Clerk, approve: bool, result: str,
                   note: str = "") -> CaseRecord:
    """A chief representative (首席事务代表) decides at the window: approved/refused → result ready."""
    result = (result or "").strip()
    if len(result) < 2:
        raise ActionRefused("请写明决定内容（如准予许可及证照编号，或不予许可的理由）")
    now = ctx.clock()
    with ctx.store.transaction() as s:
        case = _load(s, normalise_number(case_no))
        if case is None:
            raise CaseNotFound(case_no)
        why = on_spot_refusal(ctx, case_record(case, with_events=False), clerk)
        if why is None:
            target = CaseStatus.APPROVED if approve else CaseStatus.REFUSED
            label = "当场准予" if approve else "当场不予"
            apply_transition(s, case, target, clerk.display, f"{label}：{result}" + (f"；{note}" if note else ""),
                             at=now)
            case.result_note = result
            apply_transition(s, case, CaseStatus.RESULT_READY, clerk.display, "首席事务代表当场决定，结果待出件",
                             at=now)
            s.flush()
            s.expire(case, ["events"])
            return case_record(case)
    with ctx.store.transaction() as s:  # the refused attempt is recorded on its own
        audit.append(s, clerk.display, "case.decide_refused", normalise_number(case_no), {"reason": why}, at=now)
    raise ActionRefused(why)
