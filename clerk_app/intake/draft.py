"""The state of one intake, from choosing items to the decision. Serialisable for resume."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from clerk_app.domain.checklist import Selection
from clerk_app.domain.decision import MaterialStatus, Outcome, Provided
from clerk_app.domain.people import Party


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
    draft_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "received_at": self.received_at.isoformat() if self.received_at else None,
            "theme_id": self.theme_id,
            "selections": [[s.code, s.situation] for s in self.selections],
            "answers": self.answers,
            "applicant": self.applicant.to_dict() if self.applicant else None,
            "agent": self.agent.to_dict() if self.agent else None,
            "provided": {k: [p.status.value, p.choice, p.copies, p.originals] for k, p in self.provided.items()},
            "delivery_method": self.delivery_method,
            "delivery_address": self.delivery_address,
            "notice_no": self.notice_no,
            "override_outcome": self.override_outcome.value if self.override_outcome else None,
            "override_reason": self.override_reason,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> IntakeDraft:
        return cls(
            channel=d.get("channel", "counter"),
            received_at=datetime.fromisoformat(d["received_at"]) if d.get("received_at") else None,
            theme_id=d.get("theme_id"),
            selections=[Selection(c, s) for c, s in d.get("selections", [])],
            answers=d.get("answers", {}),
            applicant=Party.from_dict(d.get("applicant")),
            agent=Party.from_dict(d.get("agent")),
            provided={k: Provided(MaterialStatus(v[0]), v[1], v[2], v[3] if len(v) > 3 else None)
                      for k, v in d.get("provided", {}).items()},
            delivery_method=d.get("delivery_method", "pickup"),
            delivery_address=d.get("delivery_address", ""),
            notice_no=d.get("notice_no"),
            override_outcome=Outcome(d["override_outcome"]) if d.get("override_outcome") else None,
            override_reason=d.get("override_reason", ""),
        )
