"""Record materials brought later: tolerated-gap materials, or a back office's 补正 request.

When the last tolerated material arrives the case becomes fully accepted; a 补正 goes back
to the back office for review.
"""

from __future__ import annotations

from datetime import datetime

from clerk_app.domain.case import STATUS_LABELS, CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import CaseMaterialChange, CaseRecord, MaterialLine
from clerk_app.services.case_actions import ActionInput, ActionRefused, CaseAction
from clerk_app.services.cases import CaseNotFound, _load, apply_transition, normalise_number
from clerk_app.services.context import AppContext
from clerk_app.services.records import case_record
from clerk_app.store import audit, outbox

STATUSES = frozenset({CaseStatus.ACCEPTED_TOLERATED, CaseStatus.SUPPLEMENT_REQUESTED})


def _supplied(lines: list[MaterialLine], keys: set[str], at: datetime) -> list[MaterialLine]:
    """The lines with those brought now marked as supplied (records are frozen: new ones)."""
    return [m.model_copy(update={"supplied_at": at}) if m.key in keys else m for m in lines]


def record_supplement(ctx: AppContext, case_no: str, clerk: Clerk, material_keys: list[str],
                      note: str = "") -> CaseRecord:
    """Mark the materials brought, then accept the case (last tolerated one) or send it back to review."""
    keys = list(dict.fromkeys(material_keys))
    now = ctx.clock()
    with ctx.store.transaction() as s:
        case = _load(s, normalise_number(case_no))
        if case is None:
            raise CaseNotFound(case_no)
        status = CaseStatus(case.status)
        if status not in STATUSES:
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


def pending_materials(ctx: AppContext, case: CaseRecord) -> list[tuple[str, str]]:
    """The case's materials not yet brought, tolerated ones first, with their due dates."""
    mats = sorted((m for m in case.materials if m.supplied_at is None), key=lambda m: m.verdict != "tolerated")
    return [(m.key, m.name + (f"（{m.supplement_due.isoformat()}）" if m.supplement_due else "")) for m in mats]


ACTION = CaseAction("supplement", "登记补交材料", STATUSES,
                    (ActionInput("material_keys", "补交的材料", "multi_choice", choices=pending_materials),
                     ActionInput("note", "备注", max_length=200)),
                    record_supplement, shortcut="Alt+B")
