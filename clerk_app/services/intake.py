"""Commit an intake: the service both the wizard and ``clerk intake`` call.

One transaction per intake: applicant, case (or notice), materials, status event, audit
entry and outbox entry commit together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain import numbers
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.decision import STATUS_LABELS as MATERIAL_LABELS
from clerk_app.domain.decision import Decision, LineResult, Outcome, Verdict
from clerk_app.domain.identity import mask_id
from clerk_app.domain.people import Clerk, Party
from clerk_app.intake.flow import FieldError, IntakeFlow
from clerk_app.protocol.records import ItemSnapshot, MaterialLine, PartySnapshot
from clerk_app.services.context import AppContext
from clerk_app.services.records import case_record, clerk_columns, clerk_snapshot, notice_record
from clerk_app.store import audit, outbox
from clerk_app.store.counters import next_value
from clerk_app.store.models import Applicant, Case, CaseEvent, Draft, Notice, new_id

OUTCOME_STATUS = {
    Outcome.ACCEPTED: CaseStatus.ACCEPTED,
    Outcome.ACCEPTED_TOLERATED: CaseStatus.ACCEPTED_TOLERATED,
    Outcome.RECEIVED: CaseStatus.RECEIVED,
    Outcome.NOT_ACCEPTED: CaseStatus.NOT_ACCEPTED,
}


class IntakeRejected(ValueError):
    """The intake cannot be committed; ``errors`` lists every problem."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


@dataclass(frozen=True)
class IntakeResult:
    number: str
    outcome: Outcome
    rules_outcome: Outcome
    due_date: str | None
    supplement_due: str | None
    missing: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    case_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "case_no": self.number,
            "outcome": self.outcome.value,
            "rules_outcome": self.rules_outcome.value,
            "due_date": self.due_date,
            "supplement_due": self.supplement_due,
            "missing": self.missing,
            "warnings": self.warnings,
        }


def allocate_number(session: Session, prefix: str, window_id: str, day: datetime) -> str:
    seq = next_value(session, f"{prefix}:{window_id}:{day:%y%m%d}")
    return numbers.make(prefix, window_id, day.date(), seq)


def upsert_applicant(session: Session, p: Party, now: datetime) -> Applicant:
    from clerk_app.domain.identity import ID_TYPES, parse_id_type

    unique = ID_TYPES[parse_id_type(p.id_type)].unique  # an exemption names no one: always a new row
    row = None if not unique else session.execute(
        select(Applicant).where(Applicant.kind == p.kind, Applicant.id_type == p.id_type,
                                Applicant.id_number == p.id_number)
    ).scalar_one_or_none()
    if row is None:
        row = Applicant(kind=p.kind, id_type=p.id_type, name=p.name, id_number=p.id_number, phone=p.phone,
                        address=p.address, updated_at=now)
        session.add(row)
    else:
        row.name, row.phone, row.updated_at = p.name, p.phone, now
        if p.address:
            row.address = p.address
    session.flush()
    return row


def find_applicant(ctx: AppContext, kind: str, id_number: str, id_type: str = "") -> Party | None:
    """An applicant seen before, so the clerk confirms instead of typing again."""
    from clerk_app.domain.identity import (
        ID_TYPES,
        IdentityError,
        check_id_for_kind,
        default_id_type,
        parse_id_type,
    )

    try:
        norm = check_id_for_kind(kind, id_type, id_number)
        t = parse_id_type(id_type) if id_type else default_id_type(kind)
    except IdentityError:
        return None
    if not ID_TYPES[t].unique:
        return None  # an exemption does not identify the body
    with ctx.store.read() as s:
        row = s.execute(select(Applicant).where(Applicant.kind == kind, Applicant.id_type == t.value,
                                                Applicant.id_number == norm)).scalar_one_or_none()
        if row is None:
            return None
        return Party(row.kind, row.name, row.id_number, row.phone, row.address, id_type=row.id_type)


def material_line(r: LineResult, position: int) -> MaterialLine:
    """A decided checklist line as the one material record cases and notices both keep."""
    ln = r.line
    return MaterialLine(
        id=new_id(), position=position, key=ln.key, name=ln.name, material_ids=ln.material_ids,
        choice=r.provided.choice, form=ln.form.value, form_label=ln.form_label,
        copies=r.provided.copies or ln.copies, status=r.provided.status.value,
        status_label=MATERIAL_LABELS[r.provided.status], verdict=r.verdict.value, problem=r.problem,
        required=ln.required, condition=ln.condition_text, review_points=ln.review_points, standard=ln.standard,
        commitment_text=ln.commitment_text, commitment_after_decision=ln.commitment_after_decision,
        tolerate_days=ln.tolerate_days, items=ln.items,
        supplement_due=r.supplement_due.due if r.supplement_due else None,
    )


def _missing(decision: Decision) -> list[dict[str, Any]]:
    return [{"id": r.line.key, "material_ids": r.line.material_ids, "name": r.line.name,
             "verdict": r.verdict.value, "problem": r.problem} for r in decision.to_notify]


def _items_snapshot(flow: IntakeFlow) -> list[ItemSnapshot]:
    out = []
    for s in flow.draft.selections:
        it = flow.catalogue.items[s.code]
        sit = it.situation(s.situation)  # the engine resolved every situation before the draft validated
        out.append(ItemSnapshot(code=it.code, name=it.name, department=it.department, situation=sit.id,
                                situation_name=sit.name, kind=it.kind.value,
                                promised_days=it.limit_for(flow.draft.channel), legal_days=it.legal_limit_days,
                                legal_basis=it.legal_basis, item_type=it.item_type.value))
    return out


def unauthorised_items(flow: IntakeFlow, clerk: Clerk) -> list[FieldError]:
    """One error per chosen item the clerk (or the A they stand in for) is not authorised to receive."""
    out = []
    for i, sel in enumerate(flow.draft.selections):
        if not clerk.may_take(sel.code):
            item = flow.catalogue.items.get(sel.code)
            name = f"“{item.name}”（{sel.code}）" if item else sel.code
            out.append(FieldError(f"items[{i}]", f"{clerk.display} 未获授权受理事项{name}，请转由有授权的窗口人员受理"))
    return out


def submit(ctx: AppContext, flow: IntakeFlow, clerk: Clerk) -> IntakeResult:
    """Validate the whole draft, decide, and commit it in one transaction."""
    now = ctx.clock()
    errors = flow.all_errors(now) + unauthorised_items(flow, clerk)
    if errors:
        raise IntakeRejected(errors)
    d = flow.draft
    # The engine resolved the situations and normalised the parties as they were set.
    applicant = d.applicant
    assert applicant is not None  # all_errors refuses a draft without one
    agent = d.agent
    decision = flow.decision(now)
    outcome = flow.final_outcome(decision)
    received_at = flow.received_at(now)
    lines = [material_line(r, i) for i, r in enumerate(decision.results)]
    stored_lines = [ln.to_json() for ln in lines]
    items = _items_snapshot(flow)
    stored_items = [i.to_json() for i in items]
    actor = clerk.display
    by = clerk_columns(clerk_snapshot(clerk))
    people = {"applicant": PartySnapshot.model_validate(applicant.to_dict()).to_json(),
              "agent": PartySnapshot.model_validate(agent.to_dict()).to_json() if agent else None}

    with ctx.store.transaction() as s:
        app_row = upsert_applicant(s, applicant, now)
        if outcome is Outcome.NOTICE:
            no = allocate_number(s, "N", ctx.window_id, received_at)
            notice = Notice(notice_no=no, window_id=ctx.window_id, catalogue_version=ctx.catalogue.version,
                            theme_id=d.theme_id, items=stored_items, applicant_id=app_row.id,
                            materials=stored_lines, created_at=now, **people, **by)
            s.add(notice)
            s.flush()
            audit.append(s, actor, "notice.create", no, {
                "items": [i.code for i in items], "applicant": mask_id(applicant.id_number),
                "missing": [m.name for m in lines if m.verdict in ("missing", "nonconforming", "tolerated")],
                "rules_outcome": decision.outcome.value,
                "override_reason": d.override_reason or None,
            }, at=now)
            outbox.enqueue(s, "notice", notice.id, notice_record(notice).to_json())
            _drop_draft(s, d.draft_id)
            return IntakeResult(no, outcome, decision.outcome, None, None, _missing(decision), decision.warnings())

        no = allocate_number(s, "S", ctx.window_id, received_at)
        status = OUTCOME_STATUS[outcome]
        due = decision.due
        case = Case(
            case_no=no, window_id=ctx.window_id, channel=d.channel, status=status.value, outcome=outcome.value,
            catalogue_version=ctx.catalogue.version, theme_id=d.theme_id, items=stored_items, applicant_id=app_row.id,
            materials=stored_lines, **people,
            delivery_method=d.delivery_method, delivery_address=d.delivery_address.strip(),
            received_at=received_at, due_date=due.due if due and outcome is not Outcome.NOT_ACCEPTED else None,
            supplement_due=decision.supplement_due.due if decision.supplement_due else None,
            deadline_provisional=bool(due and due.provisional), rules_outcome=decision.outcome.value,
            override_reason=d.override_reason.strip() or None if d.override_outcome else None,
            not_accepted_reason=d.override_reason.strip() if outcome is Outcome.NOT_ACCEPTED else None,
            notice_no=d.notice_no, created_at=now, updated_at=now, **by,
        )
        case.events.append(CaseEvent(at=now, from_status=None, to_status=status.value, actor=actor,
                                     source="window", note=d.override_reason if d.override_outcome else ""))
        s.add(case)
        s.flush()
        if d.notice_no:
            prev = s.execute(select(Notice).where(Notice.notice_no == d.notice_no)).scalar_one_or_none()
            if prev is not None:
                prev.followed_by_case = no
        audit.append(s, actor, "case.create", no, {
            "items": [i.code for i in items], "outcome": outcome.value, "applicant": mask_id(applicant.id_number),
            "due_date": case.due_date, "supplement_due": case.supplement_due,
        }, at=now)
        if d.override_outcome and d.override_outcome is not decision.outcome:
            audit.append(s, actor, "intake.override", no, {
                "rules_outcome": decision.outcome.value, "outcome": outcome.value, "reason": d.override_reason,
            }, at=now)
        outbox.enqueue(s, "case", case.id, case_record(case).to_json())
        _drop_draft(s, d.draft_id)
        result = IntakeResult(
            no, outcome, decision.outcome,
            case.due_date.isoformat() if case.due_date else None,
            case.supplement_due.isoformat() if case.supplement_due else None,
            [m for m in _missing(decision) if m["verdict"] == Verdict.TOLERATED.value],
            decision.warnings(), case.id,
        )
    return result


def _drop_draft(s: Session, draft_id: str | None) -> None:
    if draft_id:
        row = s.get(Draft, draft_id)
        if row is not None:
            s.delete(row)
