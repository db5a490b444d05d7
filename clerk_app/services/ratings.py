"""好差评 at the window: record the applicant's rating of a service, and read ratings and follow-ups back.

A rating is a case note of kind ``rating`` (``domain.ratings.Rating.detail()``); one per service
(收件, 出件) per case (现场"一次一评"). A 差评 opens a follow-up due ``ratings.followup_days`` working
days later (the work calendar); a supervisor closes it with the ``close_followup`` case action, a
note of kind ``rating_followup_closed``. Nothing else is stored: follow-ups are read from the notes.

Who rates: the applicant, on the applicant-facing window (``ui/rating_window.py``); the clerk's side
of the GUI can only record "not rated". :func:`rate` is also what ``clerk case rate`` calls, for a
rating entered by a script (an evaluator pad's integration, a test).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.domain.ratings import (
    BAD,
    FOLLOWUP_CLOSED_KIND,
    LEVEL_LABELS,
    MAX_COMMENT,
    RATING_KIND,
    SERVICE_LABELS,
    Followup,
    Rating,
    RatingLevel,
    RatingRefused,
    Service,
    check_rating,
    closed_rating_id,
    followup_due,
    served_display,
)
from clerk_app.domain.ratings import open_followups as open_of
from clerk_app.domain.text import TextRule
from clerk_app.protocol.records import NoteRecord
from clerk_app.services.case_actions import ActionRefused, clean_input
from clerk_app.services.case_actions.note import write_note
from clerk_app.services.cases import CaseNotFound, _load, normalise_number
from clerk_app.services.context import AppContext
from clerk_app.store.models import Case, CaseNote
from clerk_app.store.window_models import Handout

__all__ = ["Followup", "RatingLevel", "Service", "case_followups", "open_followups", "rate", "ratings_of",
           "unrated_services"]


# The applicant's own words, one line on the rating screen (a longer one is refused by ``check_rating``).
COMMENT = TextRule("评价意见", MAX_COMMENT * 4)
PROBLEM = TextRule("存在的问题", 50)  # one of the fixed list (``domain.ratings.PROBLEMS``), checked there


@dataclass(frozen=True)
class Served:
    """Who served a service of a case: the clerk's display name (B（代A）) and the A of a substitute."""

    by: str
    for_: str | None


def _level(level: RatingLevel | str) -> RatingLevel:
    try:
        return RatingLevel(level)
    except ValueError:
        raise ActionRefused("评价等级无效，可选：" + "、".join(f"{lv.value}（{lab}）" for lv, lab in
                                                      LEVEL_LABELS.items())) from None


def _service(service: Service | str) -> Service:
    try:
        return Service(service)
    except ValueError:
        raise ActionRefused("评价的服务无效，可选：" + "、".join(f"{sv.value}（{lab}）" for sv, lab in
                                                       SERVICE_LABELS.items())) from None


def _served(s: Session, case: Case, service: Service) -> Served:
    """The clerk who gave ``service`` on ``case``, or ActionRefused when it has not been given."""
    if service is Service.INTAKE:
        return Served(served_display(case.clerk_name, case.on_behalf_of_name), case.on_behalf_of_name)
    h = s.execute(select(Handout).where(Handout.case_id == case.id)).scalar_one_or_none()
    if h is None or case.status not in (CaseStatus.HANDED_OUT, CaseStatus.MAILED):
        raise ActionRefused("该办件尚未出件，不能评价出件服务")
    return Served(served_display(h.clerk_name, h.on_behalf_of_name), h.on_behalf_of_name)


def _ratings(s: Session, case: Case) -> list[Rating]:
    rows = s.scalars(select(CaseNote).where(CaseNote.case_id == case.id, CaseNote.kind == RATING_KIND)
                     .order_by(CaseNote.at, CaseNote.id)).all()
    return [Rating.from_detail(r.id, case.case_no, r.detail) for r in rows]


def rate(ctx: AppContext, case_no: str, clerk: Clerk, service: Service | str, level: RatingLevel | str,
         problems: Iterable[str] = (), comment: str = "") -> NoteRecord:
    """Record the applicant's rating of one service of a case (one per service); a 差评 opens a follow-up.

    ``clerk`` is who is at the window when it is recorded (the note's actor); the rating names the
    clerk who gave the service (from the case or its hand-out), and the A when a substitute served.
    """
    lv, sv = _level(level), _service(service)
    comment = clean_input(comment, COMMENT, "comment")
    problems = [clean_input(p, PROBLEM, "problems") for p in problems]
    now = ctx.clock()
    with ctx.store.transaction() as s:
        case = _load(s, normalise_number(case_no))
        if case is None:
            raise CaseNotFound(case_no)
        served = _served(s, case, sv)
        try:
            given, text = check_rating(_ratings(s, case), sv, lv, problems, comment)
        except RatingRefused as exc:
            raise ActionRefused(str(exc)) from None
        due = followup_due(now.date(), ctx.settings.ratings.followup_days, ctx.calendar) if lv in BAD else None
        rating = Rating("", case.case_no, lv, sv, served.by, served.for_, given, text, due)
        return write_note(s, case, clerk, text, RATING_KIND, rating.detail(), now)


def ratings_of(ctx: AppContext, case_no: str) -> list[Rating]:
    """The ratings recorded on a case, oldest first."""
    with ctx.store.read() as s:
        case = _load(s, normalise_number(case_no))
        if case is None:
            raise CaseNotFound(case_no)
        return _ratings(s, case)


def unrated_services(ctx: AppContext, case_no: str) -> list[Service]:
    """The services of a case given at the window and not rated yet (what the applicant may still rate)."""
    with ctx.store.read() as s:
        case = _load(s, normalise_number(case_no))
        if case is None:
            raise CaseNotFound(case_no)
        rated = {r.service for r in _ratings(s, case)}
        out = [Service.INTAKE]
        h = s.execute(select(Handout).where(Handout.case_id == case.id)).scalar_one_or_none()
        if h is not None and h.method == "window" and case.status == CaseStatus.HANDED_OUT:
            out.append(Service.HAND_OUT)
        return [sv for sv in out if sv not in rated]


def followups_in(s: Session, today: date, case_id: str | None = None) -> list[Followup]:
    q = select(CaseNote, Case.case_no).join(Case, Case.id == CaseNote.case_id).where(
        CaseNote.kind.in_((RATING_KIND, FOLLOWUP_CLOSED_KIND)))
    if case_id is not None:
        q = q.where(CaseNote.case_id == case_id)
    ratings, closed = [], []
    for note, case_no in s.execute(q.order_by(CaseNote.at, CaseNote.id)).all():
        if note.kind == RATING_KIND:
            ratings.append(Rating.from_detail(note.id, case_no, note.detail))
        else:
            closed.append(closed_rating_id(note.detail))
    return open_of(ratings, closed, today)


def open_followups(ctx: AppContext, today: date) -> list[Followup]:
    """Every 差评 follow-up not closed yet at this window, soonest due first, ``overdue`` after its due day."""
    with ctx.store.read() as s:
        return followups_in(s, today)


def case_followups(ctx: AppContext, case_no: str, today: date | None = None) -> list[Followup]:
    """The open follow-ups of one case."""
    with ctx.store.read() as s:
        case = _load(s, normalise_number(case_no))
        if case is None:
            raise CaseNotFound(case_no)
        return followups_in(s, today or ctx.clock().date(), case.id)
