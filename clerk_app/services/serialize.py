"""Plain-dict views of stored records: for ``--json`` output, documents and replication."""

from __future__ import annotations

from typing import Any

from clerk_app.domain.case import STATUS_LABELS, CaseStatus
from clerk_app.domain.decision import OUTCOME_LABELS, Outcome
from clerk_app.store.models import Case, CaseEvent, CaseMaterial, Notice


def _d(v) -> str | None:
    return v.isoformat() if v is not None else None


def material_dict(m: CaseMaterial) -> dict[str, Any]:
    return {
        "id": m.id, "position": m.position, "key": m.line_key, "name": m.name, "choice": m.choice,
        "form": m.form, "copies": m.copies, "status": m.status, "verdict": m.verdict, "problem": m.problem,
        "supplement_due": _d(m.supplement_due), "supplied_at": _d(m.supplied_at), "detail": m.detail,
    }


def event_dict(e: CaseEvent) -> dict[str, Any]:
    return {"id": e.id, "at": _d(e.at), "from": e.from_status, "to": e.to_status, "actor": e.actor,
            "source": e.source, "note": e.note}


def case_dict(c: Case, with_events: bool = True) -> dict[str, Any]:
    out = {
        "id": c.id, "case_no": c.case_no, "window_id": c.window_id, "channel": c.channel,
        "status": c.status, "status_label": STATUS_LABELS[CaseStatus(c.status)],
        "outcome": c.outcome, "outcome_label": OUTCOME_LABELS[Outcome(c.outcome)],
        "rules_outcome": c.rules_outcome, "override_reason": c.override_reason,
        "not_accepted_reason": c.not_accepted_reason,
        "catalogue_version": c.catalogue_version, "theme_id": c.theme_id, "items": c.items,
        "applicant": c.applicant, "agent": c.agent,
        "delivery": {"method": c.delivery_method, "address": c.delivery_address},
        "received_at": _d(c.received_at), "due_date": _d(c.due_date), "supplement_due": _d(c.supplement_due),
        "deadline_provisional": c.deadline_provisional,
        "clerk": {"id": c.clerk_id, "name": c.clerk_name, "badge": c.clerk_badge,
                  "on_behalf_of_id": c.on_behalf_of_id, "on_behalf_of_name": c.on_behalf_of_name},
        "notice_no": c.notice_no, "result_note": c.result_note,
        "created_at": _d(c.created_at), "updated_at": _d(c.updated_at), "row_version": c.row_version,
        "materials": [material_dict(m) for m in c.materials],
    }
    if with_events:
        out["events"] = [event_dict(e) for e in c.events]
    return out


def notice_dict(n: Notice) -> dict[str, Any]:
    return {
        "id": n.id, "notice_no": n.notice_no, "window_id": n.window_id, "catalogue_version": n.catalogue_version,
        "theme_id": n.theme_id, "items": n.items, "applicant": n.applicant, "agent": n.agent,
        "materials": n.materials, "created_at": _d(n.created_at),
        "clerk": {"id": n.clerk_id, "name": n.clerk_name, "badge": n.clerk_badge,
                  "on_behalf_of_id": n.on_behalf_of_id, "on_behalf_of_name": n.on_behalf_of_name},
        "followed_by_case": n.followed_by_case,
    }
