"""Today's work at the window: my open cases with a deadline countdown, and today's notices.

Urgency is counted in working days (``ctx.calendar``): green, yellow within the supervision
view's ``supervision.near_days`` working days (due today included), red when overdue. Cases no longer
running against their deadline (result ready, handed out…) carry no urgency.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.case import ON_THE_CLOCK, OPEN, CaseStatus
from clerk_app.protocol.records import CaseRecord, ItemSnapshot
from clerk_app.services import cases as case_service
from clerk_app.services import clock
from clerk_app.services.context import AppContext

YELLOW_WITHIN = 2


class Urgency(StrEnum):
    NONE = "none"
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


class Filter(StrEnum):
    ALL = "all"  # open cases plus everything received today
    OPEN = "open"  # still running against the deadline
    URGENT = "urgent"  # yellow or red
    READY = "ready"  # result waiting to be handed out
    TODAY = "today"  # received today


FILTER_LABELS = {
    Filter.ALL: "全部",
    Filter.OPEN: "办理中",
    Filter.URGENT: "临近期限/已逾期",
    Filter.READY: "待出件",
    Filter.TODAY: "今日收件",
}


@dataclass(frozen=True)
class WorkRow:
    case_no: str
    status: str
    status_label: str
    items: str
    applicant: str
    received_at: datetime
    due_date: date | None
    days_left: int | None
    urgency: Urgency
    countdown: str
    provisional: bool = False
    paused: bool = False  # a 补正 outstanding: the promised time is suspended
    tolerated_overdue: int = 0  # 容缺 materials not supplied by their date


@dataclass(frozen=True)
class NoticeRow:
    notice_no: str
    items: str
    applicant: str
    created_at: datetime
    missing: int
    followed_by_case: str | None


def urgency(calendar: WorkCalendar, today: date, due: date | None, status: str,
            near_days: int = YELLOW_WITHIN) -> tuple[Urgency, int | None]:
    """(urgency, working days left; negative when overdue) for a case on ``today``."""
    if due is None or CaseStatus(status) not in ON_THE_CLOCK:
        return Urgency.NONE, None
    left = calendar.working_days_between(today, due)
    if due < today:
        return Urgency.RED, left
    if left <= near_days:
        return Urgency.YELLOW, left
    return Urgency.GREEN, left


def countdown_text(u: Urgency, left: int | None, due: date | None) -> str:
    if u is Urgency.NONE or left is None or due is None:
        return ""
    if u is Urgency.RED:
        return f"已逾期 {abs(left)} 个工作日" if left else "已逾期"
    if left == 0:
        return "今日到期"
    return f"剩 {left} 个工作日"


def _items_text(items: list[ItemSnapshot]) -> str:
    names = [i.name for i in items]
    return "、".join(names[:2]) + (f" 等{len(names)}项" if len(names) > 2 else "")


def _row(ctx: AppContext, c: CaseRecord, today: date) -> WorkRow:
    due = c.due_date
    u, left = urgency(ctx.calendar, today, due, c.status, ctx.settings.supervision.near_days)
    countdown = countdown_text(u, left, due)
    time = clock.view(ctx.calendar, c, today)
    if time.paused:  # a 补正 outstanding: the time is suspended, nothing runs late
        countdown = f"补正中暂停计时（余 {time.days_left} 个工作日）" if time.days_left is not None else "补正中暂停计时"
    if time.overdue:  # a 容缺 material not supplied by its date: the back office decides what follows
        countdown = "容缺材料逾期未补齐" + (f"；{countdown}" if countdown else "")
        if u in (Urgency.NONE, Urgency.GREEN):
            u = Urgency.YELLOW
    return WorkRow(
        case_no=c.case_no, status=c.status.value, status_label=c.status_label, items=_items_text(c.items),
        applicant=c.applicant.name, received_at=c.received_at,
        due_date=due, days_left=left, urgency=u, countdown=countdown,
        provisional=c.deadline_provisional, paused=time.paused, tolerated_overdue=len(time.overdue),
    )


def my_cases(ctx: AppContext, clerk_id: str, today: date | None = None,
             also_for: str | None = None) -> list[WorkRow]:
    """My open cases and every case I took today; most urgent first, then newest.

    ``also_for``: the A a substitute stands in for (``Clerk.on_behalf_of_id``): A's open cases
    are listed too — those running against their deadline and the results waiting to be
    handed out — so B can answer for them and hand them out while A is away.
    """
    today = today or ctx.clock().date()
    start = datetime.combine(today, time.min)
    found = {c.case_no: c for c in case_service.list_cases(ctx, clerk_id=clerk_id)
             if c.status in OPEN or c.received_at >= start}
    if also_for and also_for != clerk_id:
        found.update((c.case_no, c) for c in case_service.list_cases(ctx, clerk_id=also_for) if c.status in OPEN)
    rows = [_row(ctx, c, today) for c in found.values()]
    rank = {Urgency.RED: 0, Urgency.YELLOW: 1, Urgency.GREEN: 2, Urgency.NONE: 3}
    rows.sort(key=lambda r: (rank[r.urgency], r.days_left if r.days_left is not None else 9999,
                             -r.received_at.timestamp()))
    return rows


def filter_rows(rows: list[WorkRow], which: Filter | str = Filter.ALL, text: str = "",
                today: date | None = None) -> list[WorkRow]:
    """Rows matching a filter and a free text (number, item, applicant or status)."""
    which = Filter(which)
    t = (text or "").strip().lower()
    out = []
    for r in rows:
        if which is Filter.OPEN and CaseStatus(r.status) not in ON_THE_CLOCK:
            continue
        if which is Filter.URGENT and r.urgency not in (Urgency.YELLOW, Urgency.RED):
            continue
        if which is Filter.READY and r.status != CaseStatus.RESULT_READY:
            continue
        if which is Filter.TODAY and (today is None or r.received_at.date() != today):
            continue
        if t and not any(t in f.lower() for f in (r.case_no, r.items, r.applicant, r.status_label)):
            continue
        out.append(r)
    return out


def todays_notices(ctx: AppContext, clerk_id: str, today: date | None = None) -> list[NoticeRow]:
    """One-time notices I gave today, newest first."""
    today = today or ctx.clock().date()
    rows = case_service.list_notices(ctx, since=datetime.combine(today, time.min), clerk_id=clerk_id)
    return [NoticeRow(
        notice_no=n.notice_no, items=_items_text(n.items), applicant=n.applicant.name, created_at=n.created_at,
        missing=sum(1 for m in n.materials if m.verdict in ("missing", "nonconforming", "tolerated")),
        followed_by_case=n.followed_by_case,
    ) for n in rows]
