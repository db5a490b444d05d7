"""A date computed without its year's official holidays is provisional; when the year arrives
(a file at start, or the centre's calendar stream) the open cases' dates are recomputed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from store.samples import sole_proprietor_tolerated, submit_request

from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.redate import ToleratedLine, recompute
from clerk_app.protocol.messages import StreamRow
from clerk_app.services import cases
from clerk_app.services.context import open_context
from clerk_app.store.models import AuditEntry, OutboxEntry
from clerk_app.sync.appliers import CalendarApplier

# 2027's National Day week (not in the calendar the app ships): 10-01 … 10-07 off, 10-09 (Sat) worked.
HOLIDAYS_2027 = [f"2027-10-0{d}" for d in range(1, 8)]
WORKDAYS_2027 = ["2027-10-09"]
YEAR_FILE = 'year = 2027\nholidays = [{}]\nworkdays = ["2027-10-09"]\n'.format(
    ", ".join(f'"{d}"' for d in HOLIDAYS_2027))


def _provisional_case(ctx, clock):
    clock.now = datetime(2027, 9, 28, 10, 0)  # a Tuesday before an unpublished National Day
    r = submit_request(ctx, sole_proprietor_tolerated())
    c = cases.get_case(ctx, r.number)
    assert c.deadline_provisional is True
    # Counted over plain weekends: 3 working days → Fri 10-01; the item's own days from 09-28.
    assert c.supplement_due == date(2027, 10, 1)
    return r.number, c


def test_pure_recompute_follows_the_published_year():
    weekends = WorkCalendar()
    published = WorkCalendar.of([date.fromisoformat(d) for d in HOLIDAYS_2027],
                                [date.fromisoformat(d) for d in WORKDAYS_2027], [2027])
    before = recompute(weekends, date(2027, 9, 28), {"a": 5}, [ToleratedLine(3, ("a",))])
    after = recompute(published, date(2027, 9, 28), {"a": 5}, [ToleratedLine(3, ("a",))])
    assert before.provisional and not after.provisional
    assert before.due.due == date(2027, 10, 5) and after.due.due == date(2027, 10, 11)
    assert before.lines[0].due == date(2027, 10, 1) and after.lines[0].due == date(2027, 10, 8)


def test_year_file_picked_up_at_start_recomputes_open_cases(ctx, clock, clerk_home):
    number, before = _provisional_case(ctx, clock)
    ctx.close()
    (clerk_home / "calendar").mkdir(exist_ok=True)
    (clerk_home / "calendar" / "2027.toml").write_text(YEAR_FILE, encoding="utf-8")

    ctx2 = open_context(clock=clock)
    try:
        after = cases.get_case(ctx2, number)
        assert after.deadline_provisional is False
        assert after.supplement_due == date(2027, 10, 8)  # 09-29, 09-30, then Fri 10-08 after the holiday week
        assert after.due_date > before.due_date
        (line,) = [m for m in after.materials if m.verdict == "tolerated"]
        assert line.supplement_due == date(2027, 10, 8)
        assert after.row_version == before.row_version + 1
        (ch,) = ctx2.redated
        assert (ch.case_no, ch.due_before, ch.due_after) == (number, before.due_date, after.due_date)
        assert (ch.supplement_before, ch.supplement_after) == (date(2027, 10, 1), date(2027, 10, 8))
        assert "容缺补齐期限 2027-10-01 → 2027-10-08" in ch.describe()
        with ctx2.store.read() as s:
            (audit,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "case.redate")).all()
            assert audit.subject == number and audit.detail["provisional"] is False
            last = s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc())).first()
            assert (last.kind, last.payload["due_date"]) == ("case", after.due_date.isoformat())
            assert last.payload["deadline_provisional"] is False
    finally:
        ctx2.close()

    ctx3 = open_context(clock=clock)  # nothing left to recompute: no second audit entry
    try:
        assert ctx3.redated == []
        with ctx3.store.read() as s:
            assert len(s.scalars(select(AuditEntry).where(AuditEntry.action == "case.redate")).all()) == 1
    finally:
        ctx3.close()


def test_calendar_stream_recomputes_in_the_install_transaction(ctx, clock):
    from clerk_app.protocol.messages import StreamPage
    from clerk_app.sync.pull import apply_page

    number, before = _provisional_case(ctx, clock)
    row = StreamRow(cursor=7, key="2027", data={"year": 2027, "holidays": HOLIDAYS_2027,
                                                  "workdays": WORKDAYS_2027})
    applied, bad = apply_page(ctx, CalendarApplier(), StreamPage(rows=[row], next_cursor=7, more=False))
    assert (applied, bad) == (1, 0)
    after = cases.get_case(ctx, number)
    assert after.deadline_provisional is False and after.supplement_due == date(2027, 10, 8)
    assert [c.case_no for c in ctx.redated] == [number]
    assert ctx.calendar.is_published(2027)
    with ctx.store.read() as s:
        actions = [a.action for a in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))]
    assert actions[-2:] == ["calendar.install", "case.redate"]
