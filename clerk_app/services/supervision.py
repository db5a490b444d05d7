"""督办 (supervision): what at this window is about to run late, in one read.

Every open case with its working days left (yellow within ``supervision.near_days``, red when
late), 容缺 materials coming due, 补正 outstanding, results not collected for more than
``supervision.uncollected_days`` working days, and 差评 follow-ups open. The colours and
counts come from ``domain.supervision``; the view and ``clerk supervise`` only show this.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from clerk_app.domain.case import ON_THE_CLOCK, OPEN, CaseStatus
from clerk_app.domain.ratings import LEVEL_LABELS
from clerk_app.domain.supervision import Level, deadline_level, left_text, waited_too_long
from clerk_app.protocol.records import CaseRecord
from clerk_app.services import clock
from clerk_app.services.context import AppContext
from clerk_app.services.ratings import open_followups
from clerk_app.services.records import case_record
from clerk_app.services.report import day_problem
from clerk_app.store.models import Case


@dataclass(frozen=True)
class Dated:
    """A date to watch and how near it is (``level`` None: no deadline running)."""

    due: date | None
    days_left: int | None
    level: Level | None
    text: str


@dataclass(frozen=True)
class OpenCase:
    case_no: str
    items: str
    applicant: str
    clerk: str
    status: str
    deadline: Dated
    provisional: bool = False


@dataclass(frozen=True)
class SupplementDue:
    case_no: str
    items: str
    applicant: str
    materials: str
    deadline: Dated


@dataclass(frozen=True)
class Correction:
    """补正 outstanding: the back office asked for more, the applicant has not brought it."""

    case_no: str
    items: str
    applicant: str
    since: date | None
    note: str


@dataclass(frozen=True)
class Uncollected:
    case_no: str
    items: str
    applicant: str
    ready_since: date
    waited_days: int


@dataclass(frozen=True)
class Followup:
    case_no: str
    rating: str
    served_by: str
    comment: str
    deadline: Dated


@dataclass(frozen=True)
class Supervision:
    today: date
    near_days: int
    uncollected_days: int
    cases: list[OpenCase] = field(default_factory=list)
    supplements: list[SupplementDue] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    uncollected: list[Uncollected] = field(default_factory=list)
    followups: list[Followup] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def late(self) -> int:
        return sum(1 for c in self.cases if c.deadline.level is Level.LATE)

    @property
    def near(self) -> int:
        return sum(1 for c in self.cases if c.deadline.level is Level.NEAR)


def dated(ctx: AppContext, today: date, due: date | None, near_days: int) -> Dated:
    if due is None:
        return Dated(None, None, None, "")
    left = ctx.calendar.working_days_between(today, due)
    level = deadline_level(today, due, left, near_days)
    return Dated(due, left, level, left_text(level, left))


def _items(c: CaseRecord) -> str:
    names = [i.name for i in c.items]
    return "、".join(names)


def _clerk(c: CaseRecord) -> str:
    k = c.clerk
    return f"{k.name}（代{k.on_behalf_of_name}）" if k.on_behalf_of_name else k.name


def _since(c: CaseRecord, status: CaseStatus) -> tuple[date | None, str]:
    """The day (and note) of the latest move into ``status``."""
    for e in reversed(c.events or []):
        if e.to is status:
            return e.at.date(), e.note
    return None, ""


_RANK = {Level.LATE: 0, Level.NEAR: 1, Level.OK: 2, None: 3}


def open_cases(ctx: AppContext) -> list[CaseRecord]:
    """Every open case at this window, with its events."""
    q = (select(Case).where(Case.window_id == ctx.window_id, Case.status.in_([s.value for s in OPEN]))
         .options(selectinload(Case.events)).order_by(Case.received_at))
    with ctx.store.read() as s:
        return [case_record(c) for c in s.execute(q).scalars()]


class SupervisionRefused(ValueError):
    """The day asked for is out of range; ``str()`` says so in Chinese."""


def supervise(ctx: AppContext, today: date | None = None) -> Supervision:
    """The supervision as of ``today`` (default: the clock's day); a day outside what a report may ask
    for (``report.day_problem``: a typing error such as 0001-01-01) is :class:`SupervisionRefused`."""
    if today is not None:
        why = day_problem(today, ctx.clock().date())
        if why:
            raise SupervisionRefused(why)
    today = today or ctx.clock().date()
    cfg = ctx.settings.supervision
    out = Supervision(today, cfg.near_days, cfg.uncollected_days)
    for c in open_cases(ctx):
        on_clock = c.status in ON_THE_CLOCK
        d = dated(ctx, today, c.due_date if on_clock else None, cfg.near_days)
        time = clock.view(ctx.calendar, c, today)
        if on_clock and time.paused:  # a 补正 outstanding: the promised time is suspended, nothing runs late
            d = Dated(None, time.days_left, None, "补正中暂停计时" + (
                f"（余 {time.days_left} 个工作日）" if time.days_left is not None else ""))
        out.cases.append(OpenCase(c.case_no, _items(c), c.applicant.name, _clerk(c), c.status_label, d,
                                  c.deadline_provisional))
        pending = [m for m in c.materials if m.verdict == "tolerated" and m.supplied_at is None]
        if pending and on_clock:
            dues = [d for d in (m.supplement_due or c.supplement_due for m in pending) if d is not None]
            due = min(dues) if dues else None
            out.supplements.append(SupplementDue(c.case_no, _items(c), c.applicant.name,
                                                 "、".join(m.name for m in pending), dated(ctx, today, due, cfg.near_days)))
        if c.status is CaseStatus.SUPPLEMENT_REQUESTED:
            since, note = _since(c, CaseStatus.SUPPLEMENT_REQUESTED)
            out.corrections.append(Correction(c.case_no, _items(c), c.applicant.name, since, note))
        if c.status is CaseStatus.RESULT_READY:
            ready, _ = _since(c, CaseStatus.RESULT_READY)
            ready = ready or c.updated_at.date()
            waited = max(0, ctx.calendar.working_days_between(ready, today))
            if waited_too_long(waited, cfg.uncollected_days):
                out.uncollected.append(Uncollected(c.case_no, _items(c), c.applicant.name, ready, waited))
    for r in open_followups(ctx, today):
        out.followups.append(Followup(r.case_no, LEVEL_LABELS[r.level], r.served_by, r.comment,
                                      dated(ctx, today, r.due, cfg.near_days)))
    out.cases.sort(key=lambda x: (_RANK[x.deadline.level], x.deadline.days_left if x.deadline.days_left is not None
                                  else 9999, x.case_no))
    out.supplements.sort(key=lambda x: (x.deadline.due or date.max, x.case_no))
    out.uncollected.sort(key=lambda x: (-x.waited_days, x.case_no))
    return out
