"""Re-create a local case from the centre's copy (``clerk recover``), the inverse of ``case_dict``.

The centre holds the window's own case payload (what the window pushed) and every status
event since, including the back office's. Nothing is queued for the centre (it has it all)
and no audit entry is written (the centre's audit entries were copied back already).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from clerk_app.domain.people import Party
from clerk_app.protocol.messages import CaseOut
from clerk_app.services.intake import upsert_applicant
from clerk_app.store.models import Case, CaseEvent, CaseMaterial


def _dt(v: Any) -> datetime | None:
    return datetime.fromisoformat(v) if v else None


def _d(v: Any) -> date | None:
    return date.fromisoformat(v) if v else None


def _naive(d: datetime | None) -> datetime | None:
    return d.replace(tzinfo=None) if d is not None and d.tzinfo is not None else d


def restore_case(s: Session, out: CaseOut, now: datetime) -> Case:
    d = out.data
    party = Party.from_dict(d.get("applicant"))
    if party is None:
        raise ValueError(f"中心的办件 {out.case_no} 没有申请人信息")
    applicant = upsert_applicant(s, party, now)
    clerk = d.get("clerk") or {}
    delivery = d.get("delivery") or {}
    case = Case(
        id=out.id, case_no=out.case_no, window_id=out.window_id, channel=d.get("channel", "counter"),
        status=out.status, outcome=d["outcome"], rules_outcome=d.get("rules_outcome") or d["outcome"],
        override_reason=d.get("override_reason"), not_accepted_reason=d.get("not_accepted_reason"),
        catalogue_version=out.catalogue_version, theme_id=d.get("theme_id"), items=d.get("items") or [],
        applicant_id=applicant.id, applicant=d.get("applicant") or {}, agent=d.get("agent"),
        delivery_method=delivery.get("method") or "pickup", delivery_address=delivery.get("address") or "",
        received_at=_dt(d.get("received_at")) or _naive(out.received_at) or now,
        due_date=_d(d.get("due_date")), supplement_due=_d(d.get("supplement_due")),
        deadline_provisional=bool(d.get("deadline_provisional")),
        clerk_id=clerk.get("id") or "", clerk_name=clerk.get("name") or "", clerk_badge=clerk.get("badge") or "",
        on_behalf_of_id=clerk.get("on_behalf_of_id"), on_behalf_of_name=clerk.get("on_behalf_of_name"),
        notice_no=d.get("notice_no"), result_note=d.get("result_note"),
        created_at=_dt(d.get("created_at")) or now, updated_at=now, row_version=int(d.get("row_version") or 1),
    )
    case.materials = [CaseMaterial(
        id=m["id"], position=m["position"], line_key=m["key"], name=m["name"], choice=m.get("choice"),
        form=m["form"], copies=m.get("copies", 1), status=m["status"], verdict=m["verdict"],
        problem=m.get("problem") or "", supplement_due=_d(m.get("supplement_due")),
        supplied_at=_dt(m.get("supplied_at")), detail=m.get("detail") or {}) for m in d.get("materials") or []]
    case.events = [CaseEvent(
        id=e.id, at=_naive(e.device_at or e.received_at), from_status=e.from_status, to_status=e.to_status,
        actor=e.actor, source=e.source, note=e.note) for e in out.events]
    s.add(case)
    s.flush()
    return case
