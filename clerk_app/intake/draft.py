"""The state of one intake, from choosing items to the decision. Serialisable for resume.

Saved drafts carry a ``version``. A draft saved by an older release is brought up to date by
the numbered steps in :data:`UPGRADES` when it is loaded (one version at a time), so an
unfinished intake survives an upgrade of the program. ``step`` (the engine's step when it was
saved) is optional: a draft without it resumes at the first step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from clerk_app.domain.checklist import Selection
from clerk_app.domain.decision import MaterialStatus, Outcome, Provided
from clerk_app.domain.people import Party

DRAFT_VERSION = 2


def _v1_to_v2(d: dict[str, Any]) -> dict[str, Any]:
    """v1 kept selections as [code, situation] pairs and materials as [status, choice, copies]."""
    return {
        **d, "version": 2,
        "selections": [{"code": c, "situation": s} for c, s in d.get("selections", [])],
        "provided": {k: {"status": v[0], "choice": v[1], "copies": v[2]} for k, v in d.get("provided", {}).items()},
    }


UPGRADES = {1: _v1_to_v2}


def upgrade(d: dict[str, Any]) -> dict[str, Any]:
    """A saved draft brought to :data:`DRAFT_VERSION` (raises ValueError for one from a newer release)."""
    version = d.get("version", 1)
    if not isinstance(version, int) or not 1 <= version <= DRAFT_VERSION:
        raise ValueError(f"unknown draft version {version!r}")
    while version < DRAFT_VERSION:
        d = UPGRADES[version](d)
        version += 1
    return d


@dataclass
class IntakeDraft:
    channel: str = "counter"  # counter | mail
    received_at: datetime | None = None  # mail only: when the letter arrived
    theme_id: str | None = None
    selections: list[Selection] = field(default_factory=list)
    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    applicant: Party | None = None
    agent: Party | None = None
    provided: dict[str, Provided] = field(default_factory=dict)
    delivery_method: str = "pickup"  # pickup | mail
    delivery_address: str = ""
    notice_no: str | None = None  # a previous one-time notice this visit follows up
    override_outcome: Outcome | None = None
    override_reason: str = ""
    # the item codes (cases) of an application the override applies to; None: every case (a single
    # item, or a draft saved before overrides were per case)
    override_items: list[str] | None = None
    # a refusal (不予受理): its legal ground (domain.refusal.GROUNDS id) and, outside our power, the organ
    refusal_ground: str | None = None
    refer_to: str = ""
    # 受理条件 the clerk confirmed, per item code (condition ids). Kept in the draft only; a
    # draft saved before this field loads with none confirmed, which is what it means.
    conditions: dict[str, list[str]] = field(default_factory=dict)
    draft_id: str | None = None
    step: str | None = None  # the engine's step when saved (IntakeFlow resumes there)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": DRAFT_VERSION,
            "channel": self.channel,
            "received_at": self.received_at.isoformat() if self.received_at else None,
            "theme_id": self.theme_id,
            "selections": [{"code": s.code, "situation": s.situation} for s in self.selections],
            "answers": self.answers,
            "applicant": self.applicant.to_dict() if self.applicant else None,
            "agent": self.agent.to_dict() if self.agent else None,
            "provided": {k: {"status": p.status.value, "choice": p.choice, "copies": p.copies,
                             "originals": p.originals, "originals_returned": p.originals_returned}
                         for k, p in self.provided.items()},
            "delivery_method": self.delivery_method,
            "delivery_address": self.delivery_address,
            "notice_no": self.notice_no,
            "override_outcome": self.override_outcome.value if self.override_outcome else None,
            "override_reason": self.override_reason,
            "override_items": list(self.override_items) if self.override_items is not None else None,
            "refusal_ground": self.refusal_ground,
            "refer_to": self.refer_to,
            "step": self.step,
            "conditions": {c: list(ids) for c, ids in self.conditions.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IntakeDraft:
        d = upgrade(data)
        return cls(
            channel=d.get("channel", "counter"),
            received_at=datetime.fromisoformat(d["received_at"]) if d.get("received_at") else None,
            theme_id=d.get("theme_id"),
            selections=[Selection(s["code"], s["situation"]) for s in d.get("selections", [])],
            answers=d.get("answers", {}),
            applicant=Party.from_dict(d.get("applicant")),
            agent=Party.from_dict(d.get("agent")),
            provided={k: Provided(MaterialStatus(v["status"]), v["choice"], v["copies"], v.get("originals"),
                                  v.get("originals_returned"))
                      for k, v in d.get("provided", {}).items()},
            delivery_method=d.get("delivery_method", "pickup"),
            delivery_address=d.get("delivery_address", ""),
            notice_no=d.get("notice_no"),
            override_outcome=Outcome(d["override_outcome"]) if d.get("override_outcome") else None,
            override_reason=d.get("override_reason", ""),
            override_items=[str(c) for c in d["override_items"]] if isinstance(d.get("override_items"), list)
            else None,
            refusal_ground=d.get("refusal_ground") if isinstance(d.get("refusal_ground"), str) else None,
            refer_to=str(d.get("refer_to") or ""),
            step=d.get("step") if isinstance(d.get("step"), str) else None,
            conditions={str(c): [str(i) for i in ids] for c, ids in (d.get("conditions") or {}).items()},
        )
