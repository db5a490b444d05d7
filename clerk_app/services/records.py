"""Stored rows as the typed records of :mod:`clerk_app.protocol.records` (the only place that maps them).

What a service returns, what the outbox carries and what ``--json`` prints are these records.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import object_session

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import (
    CaseEventChange,
    CaseRecord,
    ClerkSnapshot,
    ClockStop,
    Delivery,
    EventRecord,
    ItemSnapshot,
    MaterialLine,
    NoticeRecord,
    PartySnapshot,
)
from clerk_app.store.models import Case, CaseEvent, Notice
from clerk_app.store.window_models import Handout


def clerk_snapshot(c: Clerk) -> ClerkSnapshot:
    return ClerkSnapshot(id=c.id, name=c.name, badge=c.badge, on_behalf_of_id=c.on_behalf_of_id,
                         on_behalf_of_name=c.on_behalf_of_name)


def clerk_columns(c: ClerkSnapshot) -> dict[str, Any]:
    """The clerk as the ``clerk_*`` columns of a case or notice row."""
    return {"clerk_id": c.id, "clerk_name": c.name, "clerk_badge": c.badge, "on_behalf_of_id": c.on_behalf_of_id,
            "on_behalf_of_name": c.on_behalf_of_name}


def _stored_clerk(row: Case | Notice) -> ClerkSnapshot:
    return ClerkSnapshot(id=row.clerk_id, name=row.clerk_name, badge=row.clerk_badge,
                         on_behalf_of_id=row.on_behalf_of_id, on_behalf_of_name=row.on_behalf_of_name)


def _party(d: dict[str, Any] | None) -> PartySnapshot | None:
    return PartySnapshot.model_validate(d) if d else None


def event_record(e: CaseEvent) -> EventRecord:
    return EventRecord.model_validate({"id": e.id, "at": e.at, "from": e.from_status, "to": e.to_status,
                                       "actor": e.actor, "source": e.source, "note": e.note})


def event_change(case: Case, e: CaseEvent) -> CaseEventChange:
    """The ``case_event`` outbox payload."""
    return CaseEventChange.model_validate({**event_record(e).to_json(), "case_id": case.id, "case_no": case.case_no})


def _mailed(c: Case) -> dict[str, str]:
    """A mailed case's courier and tracking number, from its hand-out row (one query, mailed cases only)."""
    s = object_session(c) if c.status == CaseStatus.MAILED else None
    row = s.execute(select(Handout.courier, Handout.tracking_no).where(Handout.case_id == c.id)).first() if s else None
    return {"courier": row.courier, "tracking_no": row.tracking_no} if row else {}


def case_record(c: Case, with_events: bool = True) -> CaseRecord:
    return CaseRecord(**_mailed(c),
        id=c.id, case_no=c.case_no, window_id=c.window_id, channel=c.channel, status=c.status, outcome=c.outcome,
        rules_outcome=c.rules_outcome, override_reason=c.override_reason, not_accepted_reason=c.not_accepted_reason,
        refusal_ground=c.refusal_ground, refer_to=c.refer_to, query_password_hash=c.query_password_hash,
        catalogue_version=c.catalogue_version, theme_id=c.theme_id,
        items=[ItemSnapshot.model_validate(i) for i in c.items], applicant=PartySnapshot.model_validate(c.applicant),
        agent=_party(c.agent), delivery=Delivery(method=c.delivery_method, address=c.delivery_address),
        received_at=c.received_at, due_date=c.due_date, supplement_due=c.supplement_due,
        deadline_provisional=c.deadline_provisional, clerk=_stored_clerk(c), notice_no=c.notice_no,
        application_no=c.application.application_no if c.application else None, result_note=c.result_note, created_at=c.created_at, updated_at=c.updated_at, row_version=c.row_version,
        materials=[MaterialLine.model_validate(m) for m in c.materials or []],
        clock_stops=[ClockStop.model_validate(x) for x in c.clock_stops or []],
        events=[event_record(e) for e in c.events] if with_events else None,
    )


def notice_record(n: Notice) -> NoticeRecord:
    return NoticeRecord(
        id=n.id, notice_no=n.notice_no, window_id=n.window_id, catalogue_version=n.catalogue_version,
        theme_id=n.theme_id, items=[ItemSnapshot.model_validate(i) for i in n.items],
        applicant=PartySnapshot.model_validate(n.applicant), agent=_party(n.agent),
        materials=[MaterialLine.model_validate(m) for m in n.materials or []], created_at=n.created_at,
        clerk=_stored_clerk(n), followed_by_case=n.followed_by_case,
    )
