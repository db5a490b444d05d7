"""A case's clock after intake: 补正 asked and received, special procedures, and how it is shown.

The days not counted are kept on the case (``cases.clock_stops``, ``ClockStop`` records); the
due date is then recomputed by :func:`services.redate.refresh_dates`, the one place a case's
dates are set after intake (also on a holiday-calendar update). Each change here runs in the
caller's transaction, is audited (``case.clock``) and replicates the case record (its new due
date) to the centre. Rules: docs/clock.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from clerk_app.domain import clock
from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.case import ON_THE_CLOCK, CaseStatus
from clerk_app.domain.clock import OVERDUE_OUTCOMES, STOP_LABELS, overdue_tolerated
from clerk_app.domain.redate import recompute
from clerk_app.protocol.records import CaseRecord, ClerkSnapshot, ClockStop, ReceivedPiece
from clerk_app.services.records import case_record
from clerk_app.services.redate import as_stops, refresh_dates, stops_of
from clerk_app.store import audit, outbox
from clerk_app.store.models import Case


def _stops(case: Case) -> list[ClockStop]:
    return [ClockStop.model_validate(x) for x in case.clock_stops or []]


def _save(s: Session, case: Case, stops: list[ClockStop], calendar: WorkCalendar, catalogue, actor: str,
          at: datetime, detail: dict[str, Any]) -> None:
    """Keep the stops, recompute the due date, audit and replicate (the caller's transaction)."""
    case.clock_stops = [x.to_json() for x in stops]
    change = refresh_dates(case, calendar, catalogue, at)
    if change is None:  # the dates did not move, the stops did: still a new version of the case
        case.updated_at = at
        case.row_version += 1
    s.flush()
    audit.append(s, actor, "case.clock", case.case_no, {
        **detail, "due_date": [change.due_before, change.due_after] if change else case.due_date}, at=at)
    outbox.enqueue(s, "case", case.id, case_record(case).to_json())


def ask_correction_in(s: Session, case: Case, stop_id: str, asked_on: date, missing: Sequence[str], note: str,
                      actor: str, calendar: WorkCalendar, catalogue, at: datetime) -> None:
    """A 补正 the back office asked for: the clock is suspended from ``asked_on`` until it arrives."""
    stops = [x for x in _stops(case) if x.id != stop_id]
    for x in stops:  # a new request replaces one still outstanding (its days stay uncounted up to now)
        if x.kind == clock.CORRECTION and x.end is None:
            stops[stops.index(x)] = x.model_copy(update={"end": max(x.start, asked_on)})
    items = [m.strip() for m in missing if m and m.strip()]
    stops.append(ClockStop(id=stop_id, kind=clock.CORRECTION, start=asked_on, note=note, actor=actor,
                           missing=items))
    _save(s, case, stops, calendar, catalogue, actor, at, {"correction": "asked", "missing": items})


def receive_correction_in(s: Session, case: Case, pieces: Sequence[ReceivedPiece], clerk: ClerkSnapshot,
                          actor: str, calendar: WorkCalendar, catalogue, at: datetime) -> ClockStop | None:
    """The supplement arrived: the 补正 ends today and the clock runs again from tomorrow."""
    stops = _stops(case)
    open_ = next((x for x in stops if x.kind == clock.CORRECTION and x.end is None), None)
    if open_ is None:
        return None
    closed = open_.model_copy(update={"end": max(open_.start, at.date()), "received": list(pieces),
                                      "received_at": at, "received_by": clerk})
    stops[stops.index(open_)] = closed
    _save(s, case, stops, calendar, catalogue, actor, at, {
        "correction": "received", "received": [f"{p.name}（{p.form_label}{p.count}份）" for p in pieces]})
    return closed


def special_procedure_in(s: Session, case: Case, data: dict[str, Any], calendar: WorkCalendar, catalogue,
                         at: datetime) -> str | None:
    """A special procedure the back office recorded (validated at the centre, checked again here)."""
    try:
        stop = ClockStop(id=str(data["event_id"]), kind=str(data["procedure"]),
                         start=date.fromisoformat(str(data["start"])),
                         end=date.fromisoformat(str(data["end"])) if data.get("end") else None,
                         days=int(data["days"]) if data.get("days") is not None else None,
                         note=str(data.get("note") or ""), actor=str(data.get("actor") or "后台审批"))
    except (KeyError, TypeError, ValueError) as exc:
        return f"办件 {case.case_no}：中心的特别程序记录不完整（{exc}）"
    if stop.kind not in clock.SPECIAL_PROCEDURES or (stop.end is None) == (stop.days is None):
        return f"办件 {case.case_no}：中心的特别程序记录无效（{stop.kind}）"
    # the centre's own limits, checked again: days of 0 would leave the span open (the case
    # would lose its due date for good), fewer would fail the count, an end before the start is
    # no span at all
    if stop.days is not None and not 1 <= stop.days <= clock.MAX_SPECIAL_DAYS:
        return (f"办件 {case.case_no}：中心的特别程序记录无效（所需工作日须在 1–{clock.MAX_SPECIAL_DAYS} 之间，"
                f"现为 {stop.days}）")
    if stop.end is not None and stop.end < stop.start:
        return f"办件 {case.case_no}：中心的特别程序记录无效（结束日期 {stop.end} 早于开始日期 {stop.start}）"
    if CaseStatus(case.status) not in ON_THE_CLOCK:
        return f"办件 {case.case_no}：已不在办理期限内，特别程序不再计入"
    stops = _stops(case)
    if any(x.id == stop.id for x in stops):
        return None  # already applied
    _save(s, case, [*stops, stop], calendar, catalogue, stop.actor, at, {
        "special_procedure": stop.kind, "start": stop.start, "end": stop.end, "days": stop.days})
    return None


# -- how the clock is shown ------------------------------------------------------------------

@dataclass(frozen=True)
class ClockView:
    """What the case view, the work list and ``clerk case show`` say about a case's time."""

    due: date | None
    paused_since: date | None
    days_left: int | None  # while paused: working days still to run once the supplement arrives
    due_text: str  # "2026-12-07" or "暂停计时（补正中，自 2026-11-24 起，尚余 8 个工作日）"
    stops: tuple[str, ...]  # each stop, described
    overdue: tuple[str, ...]  # tolerated materials not supplied by their date
    overdue_outcome: str  # what the catalogue says happens then (the back office decides)

    @property
    def paused(self) -> bool:
        return self.paused_since is not None


def _describe(x: ClockStop, calendar: WorkCalendar) -> str:
    label = STOP_LABELS.get(x.kind, x.kind)
    end = x.end or (clock.special_end(calendar, x.start, x.days) if x.days else None)
    if x.kind == clock.CORRECTION:
        what = "；".join(x.missing) or "后台未列明"
        if end is None:
            return f"补正：{x.start.isoformat()} 起待补正（{what}），期间不计入办理期限"
        return f"补正：{x.start.isoformat()} 至 {end.isoformat()} 不计入办理期限（{what}）"
    span = f"{x.start.isoformat()} 至 {end.isoformat() if end else '?'}"
    return f"特别程序（{label}）：{span}" + (f"，{x.days} 个工作日" if x.days else "") + " 不计入办理期限"


def overdue_outcome_text(case: CaseRecord) -> str:
    """What the catalogue says happens to a case whose tolerated material is late (kept on the case)."""
    outcomes = {i.tolerated_overdue_outcome for i in case.items if i.tolerated_overdue_outcome}
    if not outcomes:
        return "逾期未补齐的处理由后台部门决定"
    return "按目录，逾期未补齐将" + "或".join(OVERDUE_OUTCOMES.get(o, o) for o in sorted(outcomes)) + "，由后台部门决定"


def view(calendar: WorkCalendar, case: CaseRecord, today: date) -> ClockView:
    """Where ``case``'s time stands on ``today`` (read from the record; nothing is written)."""
    stops = tuple(_describe(x, calendar) for x in case.clock_stops)
    late = overdue_tolerated(case.materials, today) if case.status in ON_THE_CLOCK else []
    paused_since, left = None, None
    open_ = case.open_correction()
    if open_ is not None and case.due_date is None:
        days = {i.code: i.promised_days for i in case.items if i.promised_days is not None}
        dates = recompute(calendar, case.received_at.date(), days, (), as_stops(case.clock_stops, calendar))
        paused_since = open_.start
        left = dates.clock.days_left if dates.clock is not None else None
    if paused_since is not None:
        due_text = f"暂停计时（补正中，自 {paused_since.isoformat()} 起" + (
            f"，尚余 {left} 个工作日）" if left is not None else "）")
    else:
        due_text = case.due_date.isoformat() if case.due_date else "—"
    return ClockView(case.due_date, paused_since, left, due_text, stops,
                     tuple(f"{m.name}（应于 {m.supplement_due} 前补齐）" for m in late),
                     overdue_outcome_text(case) if late else "")


__all__ = ["ClockView", "ask_correction_in", "receive_correction_in", "special_procedure_in", "stops_of", "view"]
