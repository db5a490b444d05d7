"""The day's (or any period's) report for the window and for each clerk, from the local store.

Counted from what the store keeps with actor and time: the cases' status events (only those
made at the window, ``source == "window"``), the one-time notices, the rating notes and the
enquiries. Each row is keyed by the actor as recorded: a substitute's work shows as its own row,
e.g. 李四（代张三）, so what B did for A stays visible. Definitions (also in docs/report.md):

- 收件: a case's first event (``from`` none) in the period; 受理: a move into 已受理 or 容缺受理
  from none or 已收件 (a case back from 补正 is not accepted twice); 容缺受理, 不予受理, 窗口出件,
  邮寄出件: moves into those states; 一次性告知: notices issued; 咨询登记: enquiries recorded.
- 逾期办件: a case whose promised date fell in the period (and before today) that left the
  states running against it (``ON_THE_CLOCK``) only after that day, or has not left them yet;
  counted for the clerk who received it.
- 评价: ratings given in the period, per level, for the clerk who served; 好评率 by
  ``domain.ratings.good_rate`` (未评价 not counted).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from clerk_app.domain.case import ON_THE_CLOCK, CaseStatus
from clerk_app.domain.ratings import LEVEL_LABELS, RATED, RatingLevel, good_rate
from clerk_app.domain.supervision import COUNT_LABELS, Counts, total
from clerk_app.protocol.records import CaseRecord, ClerkSnapshot
from clerk_app.services.context import AppContext
from clerk_app.services.enquiries import list_enquiries
from clerk_app.services.records import case_record, notice_record
from clerk_app.services.staff import list_staff
from clerk_app.services.window_notes import ratings
from clerk_app.store.models import Case, Notice

WINDOW_ROW = "全窗口合计"
LEVELS = (*RATED, RatingLevel.NOT_RATED)


class ReportRefused(ValueError):
    """A period that cannot be reported (message in Chinese)."""


@dataclass(frozen=True)
class Row:
    clerk: str
    counts: Counts = Counts()
    ratings: tuple[int, ...] = (0,) * len(LEVELS)  # per LEVELS

    @property
    def good_rate(self) -> float | None:
        return good_rate([lv for lv, n in zip(LEVELS, self.ratings, strict=True) for _ in range(n)])

    @property
    def rated(self) -> int:
        return sum(self.ratings[:len(RATED)])

    def values(self) -> list[object]:
        rate = self.good_rate
        return [self.clerk, *self.counts.astuple(), *self.ratings,
                "" if rate is None else round(rate * 100, 1)]


HEADER = ["窗口人员", *COUNT_LABELS, *(LEVEL_LABELS[lv] for lv in LEVELS), "好评率(%)"]


@dataclass(frozen=True)
class LateCase:
    case_no: str
    items: str
    clerk: str
    due_date: date
    left_clock: date | None  # the day it stopped running against its date; None: still running


@dataclass(frozen=True)
class Report:
    start: date
    end: date
    window_id: str
    window_name: str
    made_at: datetime
    clerks: list[Row] = field(default_factory=list)
    late_cases: list[LateCase] = field(default_factory=list)
    only_clerk: str | None = None

    @property
    def window(self) -> Row:
        return Row(WINDOW_ROW if not self.only_clerk else "合计", total(r.counts for r in self.clerks),
                   tuple(sum(col) for col in zip(*(r.ratings for r in self.clerks), strict=True))
                   if self.clerks else (0,) * len(LEVELS))

    @property
    def period(self) -> str:
        return self.start.isoformat() if self.start == self.end else f"{self.start.isoformat()} 至 {self.end.isoformat()}"

    def rows(self) -> list[list[object]]:
        """The table: one row per clerk, then the window's total."""
        return [r.values() for r in self.clerks] + [self.window.values()]


def _display(k: ClerkSnapshot) -> str:
    return f"{k.name}（代{k.on_behalf_of_name}）" if k.on_behalf_of_name else k.name


# The days a report (or a supervision, a list by date) may be asked for: none of the window's records is
# older than 2000, and a few years ahead is as far as a promised date reaches. A day outside is a typing
# error (0001-01-01, 9999-12-31), refused before it overflows a date computation.
EARLIEST_DAY = date(2000, 1, 1)
YEARS_AHEAD = 5


def latest_day(today: date) -> date:
    """The last day that may be asked for: :data:`YEARS_AHEAD` years after ``today``."""
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def day_problem(day: date, today: date, what: str = "日期") -> str | None:
    """Why ``day`` is out of the sane range (``what`` names it, e.g. 开始日期), or None."""
    last = latest_day(today)
    if EARLIEST_DAY <= day <= last:
        return None
    return (f"{what} {day.isoformat()} 超出可查询的范围：应在 {EARLIEST_DAY.isoformat()} 至 {last.isoformat()}"
            f"（今天起 {YEARS_AHEAD} 年内）之间")


def _day_range(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)


def _left_clock(c: CaseRecord) -> date | None:
    for e in c.events or []:
        if e.to not in ON_THE_CLOCK:
            return e.at.date()
    return None


def count_cases(cases: list[CaseRecord], start: date, end: date, today: date,
                add: dict[str, Counts]) -> list[LateCase]:
    """Add each case's moves in the period to ``add`` (per actor); the late cases, too."""
    lo, hi = _day_range(start, end)
    late: list[LateCase] = []

    def bump(who: str, **k: int) -> None:
        add[who] = add.get(who, Counts()) + Counts(**k)

    for c in cases:
        intake_by = _display(c.clerk)
        for e in c.events or []:
            if not (lo <= e.at < hi) or e.source != "window":
                continue
            who = e.actor or intake_by
            if e.from_ is None:
                bump(who, received=1)
            if e.to in (CaseStatus.ACCEPTED, CaseStatus.ACCEPTED_TOLERATED) and e.from_ in (None, CaseStatus.RECEIVED):
                bump(who, accepted=1, tolerated=int(e.to is CaseStatus.ACCEPTED_TOLERATED))
            elif e.to is CaseStatus.NOT_ACCEPTED:
                bump(who, not_accepted=1)
            elif e.to is CaseStatus.HANDED_OUT:
                bump(who, handed_out=1)
            elif e.to is CaseStatus.MAILED:
                bump(who, mailed=1)
        due = c.due_date
        if due is not None and start <= due <= end and due < today:
            left = _left_clock(c)
            if left is None or left > due:
                bump(intake_by, late=1)
                late.append(LateCase(c.case_no, "、".join(i.name for i in c.items), intake_by, due, left))
    return late


def _who(ctx: AppContext, clerk: str, ids: dict[str, str], rows: list[Row]) -> str:
    """The name the rows of ``clerk`` (a 工号 or a name, as typed) are under; :class:`ReportRefused` when
    nobody of that number or name is on the staff or in the period's records (a typing error would
    otherwise print a report of zeros, as if that person had done nothing)."""
    given = clerk.strip()
    if not given:
        raise ReportRefused("请填写要查看的窗口人员（工号或姓名）")
    if given in ids:
        return ids[given]
    if any(r.clerk == given or r.clerk.startswith(given + "（代") for r in rows):
        return given
    for person in list_staff(ctx):
        if given in (person.staff_no, person.name):
            return person.name
    raise ReportRefused(f"没有工号或姓名为“{given}”的窗口人员")


def period_report(ctx: AppContext, start: date, end: date, clerk: str | None = None) -> Report:
    """The report of ``start``..``end`` (both included); ``clerk``: only that clerk's rows (name or 工号)."""
    today = ctx.clock().date()
    for day, what in ((start, "开始日期"), (end, "结束日期")):
        why = day_problem(day, today, what)
        if why:
            raise ReportRefused(why)
    if end < start:
        raise ReportRefused(f"结束日期 {end} 早于开始日期 {start}")
    if (end - start).days > 366:
        raise ReportRefused("报表期间不能超过一年")
    lo, hi = _day_range(start, end)
    counts: dict[str, Counts] = {}
    ids: dict[str, str] = {}  # staff number → name, to accept --clerk 1001
    with ctx.store.read() as s:
        # cases with an event in the period, or a promised date in it
        q = (select(Case).where(Case.window_id == ctx.window_id)
             .where((Case.updated_at >= lo) | (Case.due_date.between(start, end)) | (Case.received_at >= lo))
             .where(Case.received_at < hi)
             .options(selectinload(Case.events)))
        cases = [case_record(c) for c in s.execute(q).scalars()]
        notices = [notice_record(n) for n in s.execute(
            select(Notice).where(Notice.window_id == ctx.window_id, Notice.created_at >= lo, Notice.created_at < hi))
            .scalars()]
    late = count_cases(cases, start, end, today, counts)
    for n in notices:
        who = _display(n.clerk)
        counts[who] = counts.get(who, Counts()) + Counts(notices=1)
        ids[n.clerk.id] = n.clerk.name
    for c in cases:
        ids[c.clerk.id] = c.clerk.name
    for e in list_enquiries(ctx, start, end):
        who = _display(e.clerk)
        counts[who] = counts.get(who, Counts()) + Counts(enquiries=1)
        ids[e.clerk.id] = e.clerk.name
    levels: dict[str, list[int]] = defaultdict(lambda: [0] * len(LEVELS))
    for _, r in ratings(ctx, start, end):
        who = f"{r.served_by}（代{r.served_for}）" if r.served_for and "（代" not in r.served_by else r.served_by
        levels[who][LEVELS.index(r.level)] += 1
    names = sorted(set(counts) | set(levels))
    rows = [Row(n, counts.get(n, Counts()), tuple(levels[n]) if n in levels else (0,) * len(LEVELS)) for n in names]
    if clerk:
        who = _who(ctx, clerk, ids, rows)
        rows = [r for r in rows if r.clerk == who or r.clerk.startswith(who + "（代")]
        late = [x for x in late if x.clerk == who or x.clerk.startswith(who + "（代")]
    return Report(start, end, ctx.window_id, ctx.settings.window.name, ctx.clock(), rows,
                    sorted(late, key=lambda x: (x.due_date, x.case_no)), clerk)


# -- the same report as tables and charts (the app, the CSV/XLSX and the PDF all use these) ------------

COUNT_HEADER = ["窗口人员", *COUNT_LABELS]
RATING_HEADER = ["窗口人员", *(LEVEL_LABELS[lv] for lv in LEVELS), "好评率(%)"]
LATE_HEADER = ["办件编号", "事项", "收件人员", "承诺办结日", "停止计时日"]


def count_rows(report: Report) -> list[list[object]]:
    return [[r[0], *r[1:1 + len(COUNT_LABELS)]] for r in report.rows()]


def rating_rows(report: Report) -> list[list[object]]:
    return [[r[0], *r[1 + len(COUNT_LABELS):]] for r in report.rows()]


def late_rows(report: Report) -> list[list[object]]:
    return [[x.case_no, x.items, x.clerk, x.due_date.isoformat(), x.left_clock.isoformat() if x.left_clock else "尚未办结"]
            for x in report.late_cases]


@dataclass(frozen=True)
class ChartData:
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]


def charts(report: Report) -> list[ChartData]:
    """Two bar charts: each clerk's work (收件, 受理, 一次性告知, 出件), and the window's ratings per level."""
    names = tuple(r.clerk for r in report.clerks)
    work = ChartData("各窗口人员办件量", names, (
        ("收件", tuple(r.counts.received for r in report.clerks)),
        ("受理", tuple(r.counts.accepted for r in report.clerks)),
        ("一次性告知", tuple(r.counts.notices for r in report.clerks)),
        ("出件", tuple(r.counts.handed_out + r.counts.mailed for r in report.clerks)),
        ("咨询", tuple(r.counts.enquiries for r in report.clerks)),
    ))
    w = report.window
    rate = w.good_rate
    title = "评价等级分布（全窗口" + (f"，好评率 {rate * 100:.1f}%）" if rate is not None else "，尚无评价）")
    marks = ChartData(title, tuple(LEVEL_LABELS[lv] for lv in LEVELS), (("评价数", w.ratings),))
    return [work, marks]
