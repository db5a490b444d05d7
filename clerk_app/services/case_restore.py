"""Re-create a local case from the centre's copy (``clerk recover``), the inverse of ``case_record``.

The centre holds the window's own case payload (what the window pushed) and every status
event since, including the back office's. The payload is upgraded and parsed as a
:class:`~clerk_app.protocol.records.CaseRecord` (so a payload written by an older window
comes back in today's shape). Nothing is queued for the centre (it has it all) and no
audit entry is written (the centre's audit entries were copied back already).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain import numbers
from clerk_app.domain.people import Party
from clerk_app.protocol.messages import CaseOut
from clerk_app.protocol.records import CaseRecord, RecordError, parse_payload
from clerk_app.services.intake import upsert_applicant
from clerk_app.store import counters
from clerk_app.store.models import Application, Case, CaseEvent


def _naive(d: datetime | None) -> datetime | None:
    return d.replace(tzinfo=None) if d is not None and d.tzinfo is not None else d


def _application(s: Session, rec: CaseRecord, window_id: str, applicant_id: str, received_at: datetime,
                 now: datetime) -> Application | None:
    """The case's application (申办), found or made again from its number; its day's counter raised past it."""
    n = numbers.parse(rec.application_no or "")
    if n is None or n.prefix != "A":
        return None
    row = s.execute(select(Application).where(Application.application_no == str(n))).scalar_one_or_none()
    if row is None:
        row = Application(application_no=str(n), window_id=window_id, theme_id=rec.theme_id, channel=rec.channel,
                          applicant_id=applicant_id, applicant=rec.applicant.to_json(), received_at=received_at,
                          clerk_id=rec.clerk.id, clerk_name=rec.clerk.name, created_at=_naive(rec.created_at) or now)
        s.add(row)
        s.flush()
    name = f"A:{n.window_id}:{n.day:%y%m%d}"
    if counters.peek(s, name) < n.seq:
        counters.set_value(s, name, n.seq)
    return row


def restore_case(s: Session, out: CaseOut, now: datetime) -> Case:
    rec = out.data
    if not isinstance(rec, CaseRecord):  # a centre that answers the stored payload as it came
        try:
            rec = parse_payload("case", rec)
        except RecordError as err:
            raise ValueError(f"中心的办件 {out.case_no} 数据不完整：{err}") from None
    assert isinstance(rec, CaseRecord)
    party = Party.from_dict(rec.applicant.to_json())
    assert party is not None
    applicant = upsert_applicant(s, party, now)
    received_at = _naive(rec.received_at) or _naive(out.received_at) or now
    application = _application(s, rec, out.window_id, applicant.id, received_at, now)
    case = Case(
        id=out.id, case_no=out.case_no, window_id=out.window_id, channel=rec.channel,
        status=out.status, outcome=rec.outcome.value, rules_outcome=rec.rules_outcome.value,
        override_reason=rec.override_reason, not_accepted_reason=rec.not_accepted_reason,
        refusal_ground=rec.refusal_ground, refer_to=rec.refer_to, query_password_hash=rec.query_password_hash,
        catalogue_version=out.catalogue_version, theme_id=rec.theme_id,
        items=[i.to_json() for i in rec.items], applicant_id=applicant.id, applicant=rec.applicant.to_json(),
        agent=rec.agent.to_json() if rec.agent else None,
        delivery_method=rec.delivery.method, delivery_address=rec.delivery.address,
        received_at=received_at, application_id=application.id if application else None,
        due_date=rec.due_date, supplement_due=rec.supplement_due, deadline_provisional=rec.deadline_provisional,
        clerk_id=rec.clerk.id, clerk_name=rec.clerk.name, clerk_badge=rec.clerk.badge,
        on_behalf_of_id=rec.clerk.on_behalf_of_id, on_behalf_of_name=rec.clerk.on_behalf_of_name,
        notice_no=rec.notice_no, result_note=rec.result_note,
        created_at=_naive(rec.created_at) or now, updated_at=now, row_version=rec.row_version,
        materials=[m.to_json() for m in rec.materials], clock_stops=[x.to_json() for x in rec.clock_stops],
    )
    case.events = [CaseEvent(
        id=e.id, at=_naive(e.device_at or e.received_at), from_status=e.from_status, to_status=e.to_status,
        actor=e.actor, source=e.source, note=e.note) for e in out.events]
    s.add(case)
    s.flush()
    return case
