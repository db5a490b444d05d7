"""The applicant's progress lookup (扫码或凭办件编号和查询密码查询进度): case number + 查询密码.

The password is checked in constant time against the salted digest the window replicated with
the case (``CaseRecord.query_password_hash``); it is never stored or logged here. A wrong
password and an unknown number get the same answer, so the lookup does not tell which numbers
exist. Wrong tries are rate-limited per client address and per case number.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import Connection, func, select

from clerk_app.domain import numbers
from clerk_app.domain.case import STATUS_LABELS, CaseStatus
from clerk_app.protocol.messages import ProgressOut, ProgressRequest
from clerk_app.protocol.query_password import matches
from clerk_app.protocol.records import CaseRecord, RecordError, parse_payload
from clerk_app.protocol.safe_json import text_problem
from clerk_app.server.clock import utcnow
from clerk_app.server.errors import ApiError, Unauthorized
from clerk_app.server.models import CaseRow, Change, ProgressAttempt

log = logging.getLogger(__name__)
CASES = CaseRow.__table__
CH = Change.__table__
ATTEMPTS = ProgressAttempt.__table__
WINDOW = timedelta(minutes=15)
MAX_PER_CLIENT = 10  # wrong tries from one address in WINDOW
MAX_PER_CASE = 5  # wrong tries on one case number in WINDOW, from anywhere
WRONG = "办件编号或查询密码不正确（查询密码印在受理凭证申请人联上）"


class TooManyTries(ApiError):
    status = 429
    code = "too_many_attempts"


def case_number(text: str) -> str:
    """The number as typed, normalised (what attempts are counted under; "?" for one no case can have)."""
    no = str(numbers.parse(text) or text.strip().upper())[:40]
    return "?" if text_problem(no, 40) else no


def check_rate(conn: Connection, client: str, case_no: str) -> None:
    since = utcnow() - WINDOW
    wrong = ATTEMPTS.c.ok.is_(False) & (ATTEMPTS.c.at > since)
    mine = conn.execute(select(func.count()).where(wrong, ATTEMPTS.c.client == client[:64])).scalar() or 0
    on_case = conn.execute(select(func.count()).where(wrong, ATTEMPTS.c.case_no == case_no)).scalar() or 0
    if mine >= MAX_PER_CLIENT or on_case >= MAX_PER_CASE:
        log.warning("progress lookup refused: too many wrong passwords (client %s: %d, case: %d)",
                    client, mine, on_case)
        raise TooManyTries(f"查询密码错误次数过多，请 {int(WINDOW.total_seconds() // 60)} 分钟后再试，"
                           "或携带受理凭证到窗口查询")


def record_attempt(conn: Connection, client: str, case_no: str, ok: bool) -> None:
    conn.execute(ATTEMPTS.insert().values(client=client[:64], case_no=case_no, at=utcnow(), ok=ok))
    if not ok:
        log.warning("wrong progress password from %s", client)  # never the password, nor the number tried


def lookup(conn: Connection, req: ProgressRequest) -> ProgressOut:
    """The case's progress when the password matches its replicated digest, else :class:`Unauthorized`."""
    no = case_number(req.case_no)
    if no == "?" or text_problem(req.password, 20):
        raise Unauthorized(WRONG, code="bad_query_password")
    row = conn.execute(select(CASES).where(CASES.c.case_no == no)).mappings().first()
    stored = None
    record: CaseRecord | None = None
    if row is not None:
        payload = conn.execute(select(CH.c.payload).where(CH.c.change_id == row["data_change_id"])).scalar() or {}
        try:
            parsed = parse_payload("case", payload)
        except RecordError:
            parsed = None
        if isinstance(parsed, CaseRecord):
            record, stored = parsed, parsed.query_password_hash
    if record is None or row is None or not matches(req.password, stored):
        raise Unauthorized(WRONG, code="bad_query_password")
    status = CaseStatus(row["status"])
    return ProgressOut(case_no=no, status=status.value, status_label=STATUS_LABELS[status],
                       items=[i.name for i in record.items], updated_at=row["updated_at"])
