"""好差评: the five levels a citizen rates a service on, and how a rating is kept on a case.

A rating is a case note (``NoteRecord``) of kind :data:`RATING_KIND`; its ``detail`` holds the
keys below. A 差评 (不满意, 非常不满意) opens a follow-up due by ``followup_due``; a supervisor
closes it with a note of kind :data:`FOLLOWUP_CLOSED_KIND` whose detail names the rating's note
id. Notes are append-only, so the follow-up's state is read from the notes, never stored twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from clerk_app.domain.calendar import WorkCalendar

RATING_KIND = "rating"
FOLLOWUP_CLOSED_KIND = "rating_followup_closed"


class RatingLevel(StrEnum):
    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    BASIC = "basic"
    DISSATISFIED = "dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied"
    NOT_RATED = "not_rated"  # the applicant left without rating; the only level a clerk may record


LEVEL_LABELS: dict[RatingLevel, str] = {
    RatingLevel.VERY_SATISFIED: "非常满意",
    RatingLevel.SATISFIED: "满意",
    RatingLevel.BASIC: "基本满意",
    RatingLevel.DISSATISFIED: "不满意",
    RatingLevel.VERY_DISSATISFIED: "非常不满意",
    RatingLevel.NOT_RATED: "未评价",
}
RATED = (RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.BASIC,
         RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED)
BAD = frozenset({RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED})  # 差评
GOOD = frozenset({RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.BASIC})  # 好评


class Service(StrEnum):
    """The service rated: one rating per service (现场"一次一评")."""

    INTAKE = "intake"
    HAND_OUT = "hand_out"


@dataclass(frozen=True)
class Rating:
    """A rating as read back from a note's ``detail``."""

    note_id: str
    case_no: str
    level: RatingLevel
    service: Service
    served_by: str  # the clerk who served (display name, as on the case's events)
    served_for: str | None = None  # the A when a substitute B served
    problems: tuple[str, ...] = ()
    comment: str = ""
    followup_due: date | None = None  # set for a 差评

    @property
    def is_bad(self) -> bool:
        return self.level in BAD

    def detail(self) -> dict[str, Any]:
        """The note ``detail`` this rating is stored as."""
        return {"level": self.level.value, "service": self.service.value, "served_by": self.served_by,
                "served_for": self.served_for, "problems": list(self.problems), "comment": self.comment,
                "followup_due": self.followup_due.isoformat() if self.followup_due else None}

    @classmethod
    def from_detail(cls, note_id: str, case_no: str, d: Mapping[str, Any]) -> Rating:
        due = d.get("followup_due")
        return cls(note_id=note_id, case_no=case_no, level=RatingLevel(d["level"]), service=Service(d["service"]),
                   served_by=str(d.get("served_by") or ""), served_for=d.get("served_for") or None,
                   problems=tuple(d.get("problems") or ()), comment=str(d.get("comment") or ""),
                   followup_due=date.fromisoformat(due) if due else None)


def good_rate(levels: Iterable[RatingLevel]) -> float | None:
    """好评率: share of rated services (not 'not rated') rated 基本满意 or better; None when none rated."""
    rated = [lv for lv in levels if lv is not RatingLevel.NOT_RATED]
    return sum(lv in GOOD for lv in rated) / len(rated) if rated else None


# -- the rules of rating (added with the rating work; compatible with the contract above) ------------

SERVICE_LABELS: dict[Service, str] = {Service.INTAKE: "收件", Service.HAND_OUT: "出件"}

# What the applicant may name as wrong (fixed list; stored in ``problems`` as these labels).
PROBLEMS: tuple[str, ...] = ("等候时间长", "服务态度", "业务不熟", "一次性告知不到位", "材料要求不清", "其他")
MAX_COMMENT = 200
MAX_FOLLOWUP_ACTION = 500


class RatingRefused(ValueError):
    """The rating cannot be recorded; ``str()`` is a message for the clerk."""


def served_display(name: str, on_behalf_of_name: str | None) -> str:
    """How the clerk who served is named on a rating, as on the case's events: ``B（代A）`` for a substitute."""
    return f"{name}（代{on_behalf_of_name}）" if on_behalf_of_name else name


def followup_due(served_on: date, working_days: int, calendar: WorkCalendar) -> date:
    """The day a 差评's follow-up is due: the ``working_days``-th working day after the day it was given."""
    if working_days < 1:
        raise ValueError("working_days must be >= 1")
    return calendar.add_working_days(served_on, working_days).due


def check_rating(existing: Iterable[Rating], service: Service, level: RatingLevel,
                 problems: Iterable[str] = (), comment: str = "") -> tuple[tuple[str, ...], str]:
    """The problems and comment to store, or :class:`RatingRefused` saying why not (一次一评, a fixed list).

    A service of a case is rated once: a second rating of it, even after 'not rated', is refused.
    """
    for r in existing:
        if r.service is service:
            raise RatingRefused(f"该办件的{SERVICE_LABELS[service]}服务已评价（{LEVEL_LABELS[r.level]}），"
                                "一次服务只能评价一次")
    given = tuple(dict.fromkeys(p.strip() for p in problems if p and p.strip()))
    unknown = [p for p in given if p not in PROBLEMS]
    if unknown:
        raise RatingRefused(f"问题类型“{'、'.join(unknown)}”无效，可选：{'、'.join(PROBLEMS)}")
    text = (comment or "").strip()
    if len(text) > MAX_COMMENT:
        raise RatingRefused(f"评价意见不能超过{MAX_COMMENT}字（现为{len(text)}字）")
    if level is RatingLevel.NOT_RATED and (given or text):
        raise RatingRefused("未评价时不能记录问题或意见")
    return given, text


@dataclass(frozen=True)
class Followup:
    """An open 差评 follow-up: which rating, who served, when it is due, and whether it is overdue."""

    case_no: str
    rating_id: str  # the rating's note id
    level: RatingLevel
    service: Service
    served_by: str
    served_for: str | None
    due: date
    overdue: bool
    problems: tuple[str, ...] = ()  # what the applicant said was wrong
    comment: str = ""

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]

    @property
    def note_id(self) -> str:
        """The rating's note id (the same as ``rating_id``; a rating's own name for it)."""
        return self.rating_id


def open_followups(ratings: Iterable[Rating], closed_ids: Iterable[str], today: date) -> list[Followup]:
    """The 差评 not yet closed (their rating id not in ``closed_ids``), soonest due first; late ones flagged."""
    closed = set(closed_ids)
    found = [Followup(r.case_no, r.note_id, r.level, r.service, r.served_by, r.served_for, r.followup_due,
                      r.followup_due < today, r.problems, r.comment)
             for r in ratings if r.is_bad and r.followup_due is not None and r.note_id not in closed]
    return sorted(found, key=lambda f: (f.due, f.case_no, f.rating_id))


def closed_rating_id(detail: Mapping[str, Any]) -> str:
    """The rating a ``rating_followup_closed`` note closes."""
    return str(detail.get("rating_id") or "")


def closure_detail(rating_id: str, action: str) -> dict[str, Any]:
    """The ``detail`` of a ``rating_followup_closed`` note."""
    return {"rating_id": rating_id, "action": action}
