"""What a window may read back from the centre: its own cases, and per-day tallies to compare."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, select

from clerk_app.domain import numbers
from clerk_app.protocol.messages import CaseEventOut, CaseOut, DayTally, TallyResponse
from clerk_app.protocol.records import CaseRecord, parse_payload
from clerk_app.protocol.safe_json import text_problem
from clerk_app.server.decisions import check_case_scope
from clerk_app.server.errors import Forbidden, NotFound
from clerk_app.server.models import CaseEventRow, CaseRow, Change, NoticeRow
from clerk_app.server.windows import Caller, require_window

CASES = CaseRow.__table__
EVENTS = CaseEventRow.__table__
NOTICES = NoticeRow.__table__
CH = Change.__table__


def get_case(conn: Connection, caller: Caller, case_no: str) -> CaseOut:
    """A case with its events; a window may read only its own (others: 403, even if unknown)."""
    no = str(numbers.parse(case_no) or case_no.strip().upper())
    if text_problem(no, 32):  # a NUL or an odd length: no case has such a number (and PostgreSQL refuses NUL)
        raise NotFound(f"中心没有编号为 {no[:40]!r} 的办件")
    parsed = numbers.parse(no)
    if caller.kind == "window" and parsed is not None and parsed.window_id != caller.window_id:
        raise Forbidden(f"本窗口不能读取其他窗口的办件（{no}）")
    row = conn.execute(select(CASES).where(CASES.c.case_no == no)).mappings().first()
    if row is None:
        raise NotFound(f"中心没有编号为 {no} 的办件")
    if caller.kind == "window" and row["window_id"] != caller.window_id:
        raise Forbidden(f"本窗口不能读取其他窗口的办件（{no}）")
    check_case_scope(caller, no, row["items"])
    stored = conn.execute(select(CH.c.payload).where(CH.c.change_id == row["data_change_id"])).scalar() or {}
    data = parse_payload("case", stored)  # it parsed on arrival; an older version is upgraded here
    assert isinstance(data, CaseRecord)
    events = conn.execute(select(EVENTS).where(EVENTS.c.case_id == row["id"]).order_by(EVENTS.c.case_seq)).mappings()
    return CaseOut(id=row["id"], case_no=row["case_no"], window_id=row["window_id"], status=row["status"],
                   catalogue_version=row["catalogue_version"], received_at=row["received_at"], data=data,
                   events=[CaseEventOut(**{k: e[k] for k in CaseEventOut.model_fields}) for e in events])


def day_digest(numbers_of_day: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(numbers_of_day)).encode()).hexdigest()


def tally(conn: Connection, caller: Caller, window_id: str, since: date) -> TallyResponse:
    """Cases and notices per day of their number (the window's receipt day), with a digest of the numbers."""
    wid = require_window(caller, window_id)
    start = datetime.combine(since, datetime.min.time())
    per_day: dict[date, dict[str, list[str]]] = defaultdict(lambda: {"cases": [], "notices": []})
    for (no,) in conn.execute(select(CASES.c.case_no).where(CASES.c.window_id == wid,
                                                             CASES.c.received_at >= start - timedelta(days=1))):
        n = numbers.parse(no)
        if n is not None and n.day >= since:
            per_day[n.day]["cases"].append(no)
    for (no,) in conn.execute(select(NOTICES.c.notice_no).where(NOTICES.c.window_id == wid,
                                                               NOTICES.c.created_at >= start - timedelta(days=1))):
        n = numbers.parse(no)
        if n is not None and n.day >= since:
            per_day[n.day]["notices"].append(no)
    days = [DayTally(day=d, cases=len(v["cases"]), notices=len(v["notices"]), digest=day_digest(v["cases"] + v["notices"]))
            for d, v in sorted(per_day.items())]
    return TallyResponse(window_id=wid, days=days)
