"""Apply pushed ``enquiry`` changes (咨询登记): one row per enquiry, keyed by the window-made id.

An enquiry is written once and never edited; the same id sent again from the same window is
already applied. The id taken by another window's enquiry is a conflict of that change alone.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from clerk_app.protocol.records import EnquiryRecord, RecordError
from clerk_app.server.batch import PushedChange
from clerk_app.server.bulk import bulk_insert
from clerk_app.server.clock import to_utc_naive
from clerk_app.server.db import one_of
from clerk_app.server.models import EnquiryRow

ENQUIRIES = EnquiryRow.__table__


def apply_enquiries(conn: Connection, window_id: str, items: list[PushedChange], now: datetime) -> None:
    rows: list[tuple[dict, PushedChange]] = []
    for it in items:
        try:
            e = it.parsed()
        except RecordError as err:
            it.refuse_record("咨询登记", err)
            continue
        assert isinstance(e, EnquiryRecord)
        if e.window_id != window_id:
            it.reject(f"咨询登记的窗口 {e.window_id} 与发送窗口 {window_id} 不符")
            continue
        rows.append(({"id": e.id, "window_id": window_id, "at": to_utc_naive(e.at) if e.at.tzinfo else e.at,  # as notices: the window's local time
                      "clerk_name": e.clerk.name, "item_code": e.item_code, "item_name": e.item_name,
                      "department": e.department, "data_change_id": it.change.change_id,
                      "received_at": now}, it))
    if not rows:
        return
    found = {f.id: f.window_id for f in conn.execute(
        select(ENQUIRIES.c.id, ENQUIRIES.c.window_id).where(one_of(conn, ENQUIRIES.c.id, [r["id"] for r, _ in rows])))}
    new, seen = [], set(found)
    for r, it in rows:
        if r["id"] in found and found[r["id"]] != window_id:
            it.reject(f"咨询登记 {r['id']} 在中心已属于另一窗口", "conflict")
        elif r["id"] not in seen:
            new.append(r)
            seen.add(r["id"])
    bulk_insert(conn, ENQUIRIES, new)
