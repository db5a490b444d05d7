"""Who may push what: a window writes only its own cases, notices and events.

Checked for the whole batch *before* anything is written, so a batch that touches
another window's data is refused with 403 and nothing of it is stored.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from clerk_app.domain import numbers
from clerk_app.protocol.safe_json import text_problem
from clerk_app.server.batch import PushedChange
from clerk_app.server.db import one_of
from clerk_app.server.errors import Forbidden
from clerk_app.server.models import CaseRow, NoticeRow

CASES = CaseRow.__table__
NOTICES = NoticeRow.__table__
NUMBER_KEYS = ("case_no", "notice_no", "number", "followed_by_case")


def _foreign(window_id: str, value: Any) -> bool:
    n = numbers.parse(value) if isinstance(value, str) else None
    return n is not None and n.window_id != window_id


def _shown(value: Any) -> str:
    text = str(value)[:40]
    return repr(text) if text_problem(text) else text


def _refused(window_id: str, other: str) -> Forbidden:
    return Forbidden(f"本窗口（{window_id}）不能提交其他窗口的数据（{other}），整批未保存")


def check_batch(conn: Connection, window_id: str, items: list[PushedChange]) -> None:
    case_ids: set[str] = set()
    notice_ids: set[str] = set()
    for it in items:
        c, p = it.change, it.payload
        wid = p.get("window_id")
        if wid not in (None, "", window_id):
            raise _refused(window_id, f"窗口 {_shown(wid)}")
        for key in NUMBER_KEYS:
            if _foreign(window_id, p.get(key)):
                raise _refused(window_id, f"编号 {_shown(p.get(key))}")
        if c.kind == "case" and isinstance(p.get("id"), str):
            case_ids.add(p["id"])
        elif c.kind == "notice" and isinstance(p.get("id"), str):
            notice_ids.add(p["id"])
        if isinstance(p.get("case_id"), str):
            case_ids.add(p["case_id"])
    if case_ids:
        other = conn.execute(
            select(CASES.c.case_no).where(one_of(conn, CASES.c.id, case_ids), CASES.c.window_id != window_id).limit(1)
        ).first()
        if other:
            raise _refused(window_id, f"办件 {other.case_no}")
    if notice_ids:
        other = conn.execute(
            select(NOTICES.c.notice_no).where(one_of(conn, NOTICES.c.id, notice_ids), NOTICES.c.window_id != window_id).limit(1)
        ).first()
        if other:
            raise _refused(window_id, f"告知书 {other.notice_no}")
