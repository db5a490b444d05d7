"""What the window does with a case after intake: supplements received, results handed out.

Each function is one user action in one transaction (status event, audit, outbox).
"""

from __future__ import annotations

from typing import Any

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.identity import IdentityError, check_id, check_phone, mask_id
from clerk_app.domain.people import Clerk, Party
from clerk_app.services.cases import CaseNotFound, _load, apply_transition, normalise_number
from clerk_app.services.context import AppContext
from clerk_app.services.serialize import case_dict
from clerk_app.store import audit, outbox
from clerk_app.store.window_models import Handout


class ActionRefused(ValueError):
    """The action is not possible now; the message is for the clerk."""


def record_supplement(ctx: AppContext, case_no: str, keys: list[str], clerk: Clerk, note: str = "") -> dict[str, Any]:
    """Tolerated (容缺) or requested (补正) materials handed in later.

    When the last tolerated material arrives, a 容缺受理 case becomes an ordinary accepted one;
    a case waiting for 补正 goes back to review.
    """
    if not keys:
        raise ActionRefused("请选择补交的材料")
    now = ctx.clock()
    with ctx.store.transaction() as s:
        case = _load(s, normalise_number(case_no))
        if case is None:
            raise CaseNotFound(case_no)
        if case.status not in (CaseStatus.ACCEPTED_TOLERATED, CaseStatus.SUPPLEMENT_REQUESTED, CaseStatus.RECEIVED):
            raise ActionRefused("该办件当前状态不需要补交材料")
        by_key = {m.line_key: m for m in case.materials}
        unknown = [k for k in keys if k not in by_key]
        if unknown:
            raise ActionRefused(f"该办件没有这些材料：{'、'.join(unknown)}")
        names = []
        for k in keys:
            m = by_key[k]
            if m.supplied_at is not None:
                raise ActionRefused(f"“{m.name}”已于 {m.supplied_at:%Y-%m-%d %H:%M} 补交")
            m.supplied_at = now
            names.append(m.name)
        case.updated_at = now
        case.row_version += 1
        s.flush()
        audit.append(s, clerk.display, "case.supplement", case.case_no, {"materials": names, "note": note}, at=now)
        outbox.enqueue(s, "supplement", case.id, {
            "case_id": case.id, "case_no": case.case_no, "keys": keys, "at": now.isoformat(), "actor": clerk.display})
        if case.status == CaseStatus.ACCEPTED_TOLERATED:
            outstanding = [m for m in case.materials if m.verdict == "tolerated" and m.supplied_at is None]
            if not outstanding:
                apply_transition(s, case, CaseStatus.ACCEPTED, clerk.display, "容缺材料已全部补齐", at=now)
        elif case.status == CaseStatus.SUPPLEMENT_REQUESTED:
            apply_transition(s, case, CaseStatus.IN_REVIEW, clerk.display, "补正材料已收", at=now)
        return case_dict(case)


def hand_out(ctx: AppContext, case_no: str, clerk: Clerk, method: str, result: str,
             receiver: Party | None = None, courier: str = "", tracking_no: str = "", address: str = "",
             note: str = "") -> dict[str, Any]:
    """Hand the result over at the window (method "window") or record it as mailed ("mail")."""
    problems = []
    if method not in ("window", "mail"):
        problems.append("出件方式须为窗口领取或邮寄")
    if not result.strip():
        problems.append("请填写办理结果（如证照名称及编号）")
    if method == "window" and receiver is not None:
        try:
            check_id(receiver.kind, receiver.id_number)
        except IdentityError as e:
            problems.append(f"领取人{e}")
        if receiver.phone:
            try:
                check_phone(receiver.phone)
            except IdentityError as e:
                problems.append(f"领取人{e}")
    if method == "mail":
        if not tracking_no.strip():
            problems.append("邮寄送达须填写快递单号")
        if len(address.strip()) < 6:
            problems.append("邮寄送达须填写完整地址")
    if problems:
        raise ActionRefused("；".join(problems))
    now = ctx.clock()
    with ctx.store.transaction() as s:
        case = _load(s, normalise_number(case_no))
        if case is None:
            raise CaseNotFound(case_no)
        if case.status != CaseStatus.RESULT_READY:
            raise ActionRefused("办理结果尚未送达窗口（状态须为“待出件”）")
        h = Handout(case_id=case.id, method=method, result=result.strip(),
                    receiver_kind=receiver.kind if receiver else None,
                    receiver_name=receiver.name if receiver else None,
                    receiver_id_number=check_id(receiver.kind, receiver.id_number) if receiver else None,
                    receiver_phone=receiver.phone if receiver else None,
                    courier=courier.strip(), tracking_no=tracking_no.strip(), address=address.strip(),
                    note=note.strip(), handed_at=now, clerk_id=clerk.id, clerk_name=clerk.name,
                    clerk_badge=clerk.badge, on_behalf_of_id=clerk.on_behalf_of_id,
                    on_behalf_of_name=clerk.on_behalf_of_name)
        s.add(h)
        target = CaseStatus.HANDED_OUT if method == "window" else CaseStatus.MAILED
        apply_transition(s, case, target, clerk.display, note or ("邮寄 " + tracking_no if method == "mail" else ""),
                         at=now)
        audit.append(s, clerk.display, "case.handout", case.case_no, {
            "method": method, "receiver": mask_id(receiver.id_number) if receiver else None,
            "tracking_no": tracking_no or None}, at=now)
        outbox.enqueue(s, "handout", h.id, handout_dict(h, case.case_no))
        return case_dict(case)


def handout_dict(h: Handout, case_no: str) -> dict[str, Any]:
    return {
        "id": h.id, "case_id": h.case_id, "case_no": case_no, "method": h.method, "result": h.result,
        "receiver": ({"kind": h.receiver_kind, "name": h.receiver_name, "id_number": h.receiver_id_number,
                      "phone": h.receiver_phone} if h.receiver_name else None),
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
        from clerk_app.store.models import Case

        c = s.get(Case, case_id)
        return handout_dict(h, c.case_no if c else "")


