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
