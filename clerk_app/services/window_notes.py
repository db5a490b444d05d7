"""Reading case notes back for supervision and the report: ratings (好差评) and their follow-ups.

The open 差评 follow-ups are ``services.ratings.open_followups`` (the ratings action's own reading).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from clerk_app.domain.ratings import RATING_KIND, Rating
from clerk_app.services.context import AppContext
from clerk_app.store.models import Case, CaseNote


def ratings(ctx: AppContext, start: date | None = None, end: date | None = None) -> list[tuple[datetime, Rating]]:
    """(when, rating) of every rating note at this window from ``start`` to ``end`` (days included)."""
    q = (select(CaseNote, Case.case_no).join(Case, Case.id == CaseNote.case_id)
         .where(CaseNote.kind == RATING_KIND, Case.window_id == ctx.window_id).order_by(CaseNote.at))
    if start:
        q = q.where(CaseNote.at >= datetime.combine(start, time.min))
    if end:
        q = q.where(CaseNote.at < datetime.combine(end + timedelta(days=1), time.min))
    out: list[tuple[datetime, Rating]] = []
    with ctx.store.read() as s:
        for note, case_no in s.execute(q).all():
            try:
                out.append((note.at, Rating.from_detail(note.id, case_no, note.detail or {})))
            except (KeyError, ValueError):  # a note not written by the rating action: not a rating
                continue
    return out

