"""When a year's holiday calendar arrives, recompute the open cases' dates (one transaction, audited).

A case keeps what its dates were computed from: the received day, each item's promised
working days (``ItemSnapshot.promised_days``) and each tolerated material's days
(``MaterialLine.tolerate_days``). Every open case with a due date is recomputed with the new
calendar; a changed case gets its new dates and provisional flag, an audit entry
``case.redate`` and an outbox entry with its record, so the centre sees the new dates. The
changes are returned, for the clerk to see which cases moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.case import OPEN
from clerk_app.domain.clock import Stop, special_end
from clerk_app.domain.redate import ToleratedLine, recompute
from clerk_app.protocol.records import ClockStop
from clerk_app.services.records import case_record
from clerk_app.store import audit, outbox
from clerk_app.store.models import Case

CALENDAR_ACTOR = "节假日安排更新"


@dataclass(frozen=True)
class DateChange:
    """One case whose dates moved when the calendar changed."""

    case_no: str
    due_before: date | None
    due_after: date | None
    supplement_before: date | None
    supplement_after: date | None
    provisional: bool  # still provisional after the recompute (another year still unpublished)

    def describe(self) -> str:
        parts = []
        if self.due_before != self.due_after:
            parts.append(f"办结期限 {_d(self.due_before)} → {_d(self.due_after)}".replace("无", "暂停计时"))
        if self.supplement_before != self.supplement_after:
            parts.append(f"容缺补齐期限 {_d(self.supplement_before)} → {_d(self.supplement_after)}")
        if not parts:
            parts.append("期限不变，不再是暂定日期" if not self.provisional else "期限不变")
        return f"{self.case_no}：" + "；".join(parts)


def _d(d: date | None) -> str:
    return d.isoformat() if d else "无"


def _item_days(case: Case, catalogue) -> dict[str, int] | None:
    """Each item's promised working days as kept on the case (the catalogue's only for old records)."""
    out: dict[str, int] = {}
    for it in case.items:
        days = it.get("promised_days")
        if days is None:
            item = catalogue.items.get(it.get("code")) if catalogue is not None else None
            if item is None:
                return None  # cannot tell what was promised: leave the case as it is
            days = item.limit_for(case.channel)
        out[str(it.get("code"))] = int(days)
    return out


def as_stops(stops: list[ClockStop], calendar: WorkCalendar) -> list[Stop]:
    """Records of the days not counted as the domain's stops (a span given in working days ends
    on its last working day by ``calendar``, so it follows a holiday update too)."""
    return [Stop(x.start, x.end or (special_end(calendar, x.start, x.days) if x.days else None), x.kind)
            for x in stops]


def stops_of(case: Case, calendar: WorkCalendar) -> list[Stop]:
    """The days the case's promised time does not count, as the domain's stops."""
    return as_stops([ClockStop.model_validate(x) for x in case.clock_stops or []], calendar)


def refresh_dates(case: Case, calendar: WorkCalendar, catalogue, at: datetime) -> DateChange | None:
    """Recompute ``case``'s due date (and 容缺 dates) from what it kept; the change, or None.

    The one place a case's dates are set after intake: a calendar year arriving, a 补正 asked
    or received, a special procedure recorded. The caller audits and replicates.
    """
    days = _item_days(case, catalogue)
    if not days:
        return None
    lines = list(case.materials or [])
    tol_idx = [i for i, m in enumerate(lines) if m.get("verdict") == "tolerated" and m.get("tolerate_days")]
    dates = recompute(calendar, case.received_at.date(), days,
                      [ToleratedLine(int(lines[i]["tolerate_days"]), tuple(lines[i].get("items") or ()))
                       for i in tol_idx], stops_of(case, calendar))
    new_due = dates.due.due if dates.due is not None else None
    new_sup = dates.supplement.due if case.supplement_due is not None and dates.supplement else case.supplement_due
    new_lines = [dict(m) for m in lines]
    for i, d in zip(tol_idx, dates.lines, strict=True):
        if d is not None:
            new_lines[i]["supplement_due"] = d.due.isoformat()
    provisional = dates.provisional
    if (new_due, new_sup, provisional, new_lines) == (case.due_date, case.supplement_due,
                                                      case.deadline_provisional, lines):
        return None
    change = DateChange(case.case_no, case.due_date, new_due, case.supplement_due, new_sup, provisional)
    case.due_date, case.supplement_due, case.deadline_provisional = new_due, new_sup, provisional
    case.materials = new_lines
    case.updated_at = at
    case.row_version += 1
    return change


def _open_cases(only_provisional: bool):
    # A case whose clock is suspended (补正 outstanding) has no due date but is recomputed too.
    q = select(Case).where(Case.status.in_([st.value for st in OPEN]))
    if only_provisional:
        q = q.where(Case.deadline_provisional.is_(True))
    return q.order_by(Case.case_no)


def redate_in(s: Session, calendar: WorkCalendar, catalogue, at: datetime, actor: str = CALENDAR_ACTOR,
              only_provisional: bool = False) -> list[DateChange]:
    """Recompute the open cases' dates in the caller's transaction; the cases that changed."""
    changes: list[DateChange] = []
    rows = s.scalars(_open_cases(only_provisional))
    for case in rows:
        change = refresh_dates(case, calendar, catalogue, at)
        if change is None:
            continue
        s.flush()
        audit.append(s, actor, "case.redate", case.case_no, {
            "due_date": [change.due_before, change.due_after],
            "supplement_due": [change.supplement_before, change.supplement_after],
            "provisional": change.provisional,
        }, at=at)
        outbox.enqueue(s, "case", case.id, case_record(case).to_json())
        changes.append(change)
    return changes


def redate_open_cases(ctx, actor: str = CALENDAR_ACTOR, only_provisional: bool = False) -> list[DateChange]:
    """Recompute with ``ctx.calendar`` in one transaction; remembered on ``ctx.redated`` for the UI.

    At start only the provisional cases are looked at (a year file may have arrived); when
    nothing is provisional no write transaction is opened.
    """
    if only_provisional:
        with ctx.store.read() as s:
            if s.scalars(_open_cases(True).limit(1)).first() is None:
                return []
    with ctx.store.transaction() as s:
        changes = redate_in(s, ctx.calendar, ctx.catalogue, ctx.clock(), actor, only_provisional)
    if changes:
        ctx.redated = changes
    return changes
