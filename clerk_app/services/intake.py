"""Commit an intake: the service both the wizard and ``clerk intake`` call.

One transaction per intake: applicant, case (or notice), materials, status event, audit
entry and outbox entry commit together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain import numbers
from clerk_app.domain.application import CaseDecision
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.decision import STATUS_LABELS as MATERIAL_LABELS
from clerk_app.domain.decision import Decision, LineResult, MaterialStatus, Outcome, Verdict, received_counts
from clerk_app.domain.identity import mask_id
from clerk_app.domain.people import Clerk, Party
from clerk_app.intake.flow import FieldError, IntakeFlow
from clerk_app.protocol.query_password import hash_password, new_password
from clerk_app.protocol.records import ItemSnapshot, MaterialLine, PartySnapshot
from clerk_app.services.context import AppContext
from clerk_app.services.records import case_record, clerk_columns, clerk_snapshot, notice_record
from clerk_app.store import audit, outbox
from clerk_app.store.counters import next_value
from clerk_app.store.models import Applicant, Application, Case, CaseEvent, Draft, Notice, new_id

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
class CaseResult:
    """One case (办件) of the application as the result of an intake lists it."""

    number: str
    item: str
    item_name: str
    department: str
    outcome: Outcome
    rules_outcome: Outcome
    due_date: str | None
    supplement_due: str | None

    def to_json(self) -> dict[str, Any]:
        return {"case_no": self.number, "item": self.item, "item_name": self.item_name,
                "department": self.department, "outcome": self.outcome.value,
                "rules_outcome": self.rules_outcome.value, "due_date": self.due_date,
                "supplement_due": self.supplement_due}


@dataclass(frozen=True)
class IntakeResult:
    """The committed intake. For an application (申办) ``number`` is its first case and the
    top-level outcome and dates are the visit's (the latest promised date); ``cases`` lists each
    case with its own outcome and date. A one-time notice has no application and no cases."""

    number: str
    outcome: Outcome
    rules_outcome: Outcome
    due_date: str | None
    supplement_due: str | None
    missing: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    case_id: str | None = None
    application_no: str | None = None
    cases: list[CaseResult] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "application_no": self.application_no,
            "cases": [c.to_json() for c in self.cases],
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


def material_line(r: LineResult, position: int, serves: list[str] | None = None) -> MaterialLine:
    """A decided checklist line as the one material record cases and notices both keep.

    ``serves``: the item codes the line serves in the application (a shared material is
    handed in once and stored on every case that needs it), else the line's own items.
    """
    ln = r.line
    got = received_counts(ln, r.provided)
    return MaterialLine(
        id=new_id(), position=position, key=ln.key, name=ln.name, material_ids=ln.material_ids,
        choice=r.provided.choice, form=ln.form.value, form_label=ln.form_label,
        copies=r.provided.copies or ln.copies, status=r.provided.status.value,
        originals=got.originals if got else None, copies_received=got.copies if got else None,
        originals_returned=got.originals_returned if got and got.originals else None,
        status_label=MATERIAL_LABELS[r.provided.status], verdict=r.verdict.value, problem=r.problem,
        required=ln.required, condition=ln.condition_text, review_points=ln.review_points, standard=ln.standard,
        commitment_text=ln.commitment_text, commitment_after_decision=ln.commitment_after_decision,
        tolerate_days=ln.tolerate_days, items=list(serves) if serves is not None else ln.items,
        supplement_due=r.supplement_due.due if r.supplement_due else None,
        after_decision_days=ln.after_decision_days if (
            r.provided.status is MaterialStatus.COMMITMENT and ln.commitment_after_decision) else None,
    )


def _missing(decision: Decision) -> list[dict[str, Any]]:
    return [{"id": r.line.key, "material_ids": r.line.material_ids, "name": r.line.name, "items": r.line.items,
             "verdict": r.verdict.value, "problem": r.problem} for r in decision.to_notify]


def _item_snapshot(flow: IntakeFlow, code: str, situation: str) -> ItemSnapshot:
    it = flow.catalogue.items[code]
    sit = it.situation(situation)  # the engine resolved every situation before the draft validated
    asked = {c.id for c in it.conditions_for(sit.id)}
    return ItemSnapshot(code=it.code, name=it.name, department=it.department, situation=sit.id,
                        situation_name=sit.name, kind=it.kind.value,
                        promised_days=it.limit_for(flow.draft.channel), legal_days=it.legal_limit_days,
                        legal_basis=it.legal_basis, item_type=it.item_type.value,
                        handling_code=it.handling_code_for(sit.id) or "",
                        conditions_confirmed=sorted(c for c in flow.draft.conditions.get(code, []) if c in asked),
                        tolerated_overdue_outcome=it.tolerated_overdue_outcome or "")


def _items_snapshot(flow: IntakeFlow) -> list[ItemSnapshot]:
    return [_item_snapshot(flow, s.code, s.situation) for s in flow.draft.selections]


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
    from clerk_app.services.staff_login import standing_refusal_in

    now = ctx.clock()
    errors = flow.all_errors(now) + unauthorised_items(flow, clerk)
    if errors:
        raise IntakeRejected(errors)
    d = flow.draft
    # The engine resolved the situations and normalised the parties as they were set.
    applicant = d.applicant
    assert applicant is not None  # all_errors refuses a draft without one
    agent = d.agent
    decision = flow.decision(now)  # the visit as a whole: one notice, or one case per item
    app_decision = flow.application_decision(now)
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
        why = standing_refusal_in(s, clerk)  # disabled since login, or no longer A's B: not theirs to take
        if why:
            raise IntakeRejected([FieldError("clerk", why)])  # rolled back: nothing written
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

        app_no = allocate_number(s, "A", ctx.window_id, received_at)
        application = Application(application_no=app_no, window_id=ctx.window_id, theme_id=d.theme_id,
                                  channel=d.channel, applicant_id=app_row.id, applicant=people["applicant"],
                                  received_at=received_at, clerk_id=clerk.id, clerk_name=clerk.name, created_at=now)
        s.add(application)
        s.flush()
        serves = {ln.key: ln.items for ln in app_decision.checklist.lines}
        made: list[tuple[Case, CaseDecision, Outcome]] = []
        for cd in app_decision.cases:
            case_outcome = (d.override_outcome if flow.overrides(cd.item.code) else None) or cd.outcome
            if case_outcome is Outcome.NOTICE:  # the visit's rules said otherwise; never a case in 告知
                case_outcome = outcome
            made.append((_add_case(s, ctx, flow, clerk, application, cd, case_outcome, serves, received_at, now),
                         cd, case_outcome))
        first = made[0][0]
        if d.notice_no:
            prev = s.execute(select(Notice).where(Notice.notice_no == d.notice_no)).scalar_one_or_none()
            if prev is not None:
                prev.followed_by_case = first.case_no
        for case, cd, case_outcome in made:
            audit.append(s, actor, "case.create", case.case_no, {
                "items": [cd.item.code], "outcome": case_outcome.value, "applicant": mask_id(applicant.id_number),
                "due_date": case.due_date, "supplement_due": case.supplement_due, "application": app_no,
            }, at=now)
            if flow.overrides(cd.item.code) and d.override_outcome is not cd.outcome:
                audit.append(s, actor, "intake.override", case.case_no, {
                    "rules_outcome": cd.outcome.value, "outcome": case_outcome.value, "reason": d.override_reason,
                }, at=now)
            outbox.enqueue(s, "case", case.id, case_record(case).to_json())
        _drop_draft(s, d.draft_id)
        listed = [CaseResult(c.case_no, cd.item.code, cd.item.name, cd.item.department, o, cd.outcome,
                             _iso(c.due_date), _iso(c.supplement_due)) for c, cd, o in made]
        single = len(made) == 1
        due = decision.due if outcome is not Outcome.NOT_ACCEPTED else None
        result = IntakeResult(
            first.case_no, made[0][2] if single else outcome, made[0][1].outcome if single else decision.outcome,
            listed[0].due_date if single else (due.due.isoformat() if due else None),
            listed[0].supplement_due if single else _iso(decision.supplement_due.due if decision.supplement_due
                                                          else None),
            [m for m in _missing(decision) if m["verdict"] == Verdict.TOLERATED.value],
            decision.warnings(), first.id, app_no, listed,
        )
    return result


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _add_case(s: Session, ctx: AppContext, flow: IntakeFlow, clerk: Clerk, application: Application,
              cd: CaseDecision, outcome: Outcome, serves: dict[str, list[str]], received_at: datetime,
              now: datetime) -> Case:
    """One case (办件) of the application: its own item, number, outcome, dates and material lines."""
    d = flow.draft
    no = allocate_number(s, "S", ctx.window_id, received_at)
    status = OUTCOME_STATUS[outcome]
    password = new_password()  # printed on the applicant's voucher; only its digest leaves the window
    due = cd.decision.due
    lines = [material_line(r, i, serves.get(r.line.key)).to_json() for i, r in enumerate(cd.decision.results)]
    case = Case(
        case_no=no, window_id=ctx.window_id, channel=d.channel, status=status.value, outcome=outcome.value,
        catalogue_version=ctx.catalogue.version, theme_id=d.theme_id,
        items=[_item_snapshot(flow, cd.item.code, cd.situation).to_json()], applicant_id=application.applicant_id,
        materials=lines, applicant=application.applicant,
        agent=PartySnapshot.model_validate(d.agent.to_dict()).to_json() if d.agent else None,
        delivery_method=d.delivery_method, delivery_address=d.delivery_address.strip(),
        received_at=received_at, due_date=due.due if due and outcome is not Outcome.NOT_ACCEPTED else None,
        supplement_due=cd.decision.supplement_due.due if cd.decision.supplement_due else None,
        deadline_provisional=bool(due and due.provisional), rules_outcome=cd.outcome.value,
        override_reason=d.override_reason.strip() or None if flow.overrides(cd.item.code) else None,
        not_accepted_reason=d.override_reason.strip() if outcome is Outcome.NOT_ACCEPTED else None,
        refusal_ground=d.refusal_ground if outcome is Outcome.NOT_ACCEPTED else None,
        query_password=password, query_password_hash=hash_password(password),
        refer_to=(d.refer_to or None) if outcome is Outcome.NOT_ACCEPTED else None,
        notice_no=d.notice_no, created_at=now, updated_at=now, application_id=application.id,
        **clerk_columns(clerk_snapshot(clerk)),
    )
    case.application = application
    case.events.append(CaseEvent(at=now, from_status=None, to_status=status.value, actor=clerk.display,
                                 source="window", note=d.override_reason if flow.overrides(cd.item.code) else ""))
    s.add(case)
    s.flush()
    return case


def _drop_draft(s: Session, draft_id: str | None) -> None:
    if draft_id:
        row = s.get(Draft, draft_id)
        if row is not None:
            s.delete(row)
