"""Reading cases and notices, and moving a case through its lifecycle."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from clerk_app.domain import numbers
from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.case import STATUS_LABELS, CaseStatus, check_transition
from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import CaseMaterialChange, CaseRecord, MaterialLine, NoticeRecord
from clerk_app.services.context import AppContext
from clerk_app.services.records import case_record, event_change, notice_record
from clerk_app.store import audit, outbox
from clerk_app.store.models import Application, Case, CaseEvent, Notice


class CaseNotFound(LookupError):
    def __init__(self, number: str):
        super().__init__(f"没有编号为 {number} 的办件")


def normalise_number(text: str) -> str:
    n = numbers.parse(text)
    return str(n) if n else (text or "").strip().upper()


def get_case(ctx: AppContext, case_no: str) -> CaseRecord | None:
    with ctx.store.read() as s:
        c = _load(s, normalise_number(case_no))
        return case_record(c) if c else None


def query_password(ctx: AppContext, case_no: str) -> str | None:
    """The 查询密码 printed on the applicant's voucher (None for a case stored before it was kept)."""
    with ctx.store.read() as s:
        return s.scalar(select(Case.query_password).where(Case.case_no == normalise_number(case_no)))


def application_cases(ctx: AppContext, application_no: str) -> list[CaseRecord]:
    """Every case (办件) of an application (申办), in the order the items were chosen."""
    with ctx.store.read() as s:
        rows = s.scalars(select(Case).join(Case.application).where(
            Application.application_no == normalise_number(application_no)).order_by(Case.case_no)
            .options(selectinload(Case.events))).all()
        return [case_record(c) for c in rows]


def get_notice(ctx: AppContext, notice_no: str) -> NoticeRecord | None:
    with ctx.store.read() as s:
        n = s.execute(select(Notice).where(Notice.notice_no == normalise_number(notice_no))).scalar_one_or_none()
        return notice_record(n) if n else None


def get_any(ctx: AppContext, number: str) -> CaseRecord | NoticeRecord | None:
    """A case or a notice by its (scanned) number; an application's number gives its first case."""
    n = numbers.parse(number)
    if n is not None and n.prefix == "A":
        found = application_cases(ctx, str(n))
        return found[0] if found else None
    return get_case(ctx, number) or get_notice(ctx, number)


def _load(s: Session, case_no: str) -> Case | None:
    return s.execute(
        select(Case).where(Case.case_no == case_no).options(selectinload(Case.events))
    ).scalar_one_or_none()


def known_status(status: str) -> str:
    """``status`` as stored (a value or its Chinese label, e.g. ``accepted`` or 已受理), or
    ValueError listing them: an unknown one would silently list nothing."""
    wanted = status.strip()
    for value, label in STATUS_LABELS.items():
        if wanted in (value.value, label):
            return value.value
    names = "、".join(f"{v.value}（{label}）" for v, label in STATUS_LABELS.items())
    raise ValueError(f"没有“{wanted}”这种办件状态，可选：{names}")


def list_cases(ctx: AppContext, status: str | None = None, clerk_id: str | None = None,
               since: datetime | None = None, limit: int = 1000) -> list[CaseRecord]:
    q = select(Case).order_by(Case.received_at.desc()).limit(limit)
    if status:
        q = q.where(Case.status == known_status(status))
    if clerk_id:
        q = q.where((Case.clerk_id == clerk_id) | (Case.on_behalf_of_id == clerk_id))
    if since:
        q = q.where(Case.received_at >= since)
    with ctx.store.read() as s:
        return [case_record(c, with_events=False) for c in s.execute(q).scalars()]


def list_notices(ctx: AppContext, since: datetime | None = None, clerk_id: str | None = None,
                 limit: int = 1000) -> list[NoticeRecord]:
    q = select(Notice).order_by(Notice.created_at.desc()).limit(limit)
    if since:
        q = q.where(Notice.created_at >= since)
    if clerk_id:
        q = q.where((Notice.clerk_id == clerk_id) | (Notice.on_behalf_of_id == clerk_id))
    with ctx.store.read() as s:
        return [notice_record(n) for n in s.execute(q).scalars()]


def apply_transition(s: Session, case: Case, target: CaseStatus | str, actor: str, note: str = "",
                     source: str = "window", at: datetime | None = None, replicate: bool = True,
                     calendar: WorkCalendar | None = None) -> CaseEvent:
    """Move ``case`` in the caller's transaction: status, event, audit, and (window-made) outbox.

    With ``calendar``, a decision to grant (准予) dates the materials promised for after the
    decision (:func:`date_commitments`)."""
    tgt = check_transition(case.status, target)
    at = at or datetime.now()
    ev = CaseEvent(case_id=case.id, at=at, from_status=case.status, to_status=tgt.value, actor=actor,
                   source=source, note=note)
    s.add(ev)
    case.status = tgt.value
    case.updated_at = at
    case.row_version += 1
    s.flush()
    audit.append(s, actor, "case.status", case.case_no,
                 {"from": ev.from_status, "to": ev.to_status, "note": note, "source": source}, at=at)
    if replicate:
        outbox.enqueue(s, "case_event", case.id, event_change(case, ev).to_json())
    if tgt is CaseStatus.APPROVED and calendar is not None:
        date_commitments(s, case, at, calendar, actor, replicate)
    return ev


def date_commitments(s: Session, case: Case, decided_at: datetime, calendar: WorkCalendar, actor: str,
                     replicate: bool = True) -> list[MaterialLine]:
    """Date each material promised for after the decision (告知承诺) from the day of the decision,
    on the case's own lines (the one place papers, the case view and ``clerk case show`` read),
    audited and (window-made) replicated as ``case_material`` changes. Returns the lines dated."""
    lines = [MaterialLine.model_validate(m) for m in case.materials or []]
    dated: list[MaterialLine] = []
    out: list[MaterialLine] = []
    for m in lines:
        if m.after_decision_days and m.deliver_by is None:
            m = m.model_copy(update={"deliver_by": calendar.add_working_days(
                decided_at.date(), m.after_decision_days).due})
            dated.append(m)
        out.append(m)
    if not dated:
        return []
    case.materials = [m.to_json() for m in out]
    audit.append(s, actor, "case.commitments_due", case.case_no,
                 {"materials": {m.name: m.deliver_by.isoformat() for m in dated if m.deliver_by}}, at=decided_at)
    if replicate:
        for m in dated:
            change = CaseMaterialChange.model_validate({**m.to_json(), "case_id": case.id, "case_no": case.case_no})
            outbox.enqueue(s, "case_material", m.id, change.to_json())
    return dated


def transition(ctx: AppContext, case_no: str, target: CaseStatus | str, clerk: Clerk, note: str = "") -> CaseRecord:
    """One user action: move a case to ``target`` (raises IllegalTransition / CaseNotFound)."""
    with ctx.store.transaction() as s:
        case = _load(s, normalise_number(case_no))
        if case is None:
            raise CaseNotFound(case_no)
        apply_transition(s, case, target, clerk.display, note, at=ctx.clock(), calendar=ctx.calendar)
        return case_record(case)
