"""The handover summary (交接): what substitutes did in A's place while A was away.

Cases and notices carry ``on_behalf_of_id``; later actions (hand-outs, supplements) are
case events whose actor is the substitute's display name ("李四（代张三）"), taken only
within the substitute's sessions for A, so a namesake elsewhere is not counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_app.domain.case import STATUS_LABELS, CaseStatus
from clerk_app.services.context import AppContext
from clerk_app.store.models import Case, CaseEvent, Notice
from clerk_app.store.staff_models import Staff, StaffSession

HANDOUT_STATUSES = (CaseStatus.HANDED_OUT.value, CaseStatus.MAILED.value)


@dataclass(frozen=True)
class SubstituteShift:
    staff_no: str
    name: str
    started_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True)
class HandoverSummary:
    holder_no: str
    holder_name: str
    since: datetime | None
    until: datetime
    shifts: list[SubstituteShift] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)
    notices: list[dict[str, Any]] = field(default_factory=list)
    handouts: list[dict[str, Any]] = field(default_factory=list)
    other_actions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.shifts or self.cases or self.notices or self.handouts or self.other_actions)

    def headline(self) -> str:
        who = "、".join(dict.fromkeys(s.name for s in self.shifts)) or "B角"
        return (f"您不在岗期间，{who} 代您顶岗：收件 {len(self.cases)} 件，一次性告知 {len(self.notices)} 份，"
                f"出件 {len(self.handouts)} 件，其他办理 {len(self.other_actions)} 项。")

    def lines(self) -> list[str]:
        """The summary as plain text (``clerk staff handover`` and the log of the handover)."""
        out = [self.headline()]
        for sh in self.shifts:
            end = f"{sh.ended_at:%m-%d %H:%M}" if sh.ended_at else "至今"
            out.append(f"  代岗：{sh.name}（{sh.staff_no}） {sh.started_at:%m-%d %H:%M} – {end}")
        for c in self.cases:
            out.append(f"  收件 {c['case_no']} {c['items']} 申请人 {c['applicant']} {c['status_label']}（{c['by']}）")
        for n in self.notices:
            out.append(f"  告知 {n['notice_no']} {n['items']} 申请人 {n['applicant']} 缺 {n['missing']} 项（{n['by']}）")
        for h in self.handouts:
            out.append(f"  出件 {h['case_no']} {h['label']} {h['note']}（{h['by']}）")
        for a in self.other_actions:
            out.append(f"  办理 {a['case_no']} {a['label']} {a['note']}（{a['by']}）")
        return out


def _items(items: list[dict[str, Any]]) -> str:
    return "、".join(i.get("name", i.get("code", "")) for i in items or [])


def _missing(materials: list[dict[str, Any]]) -> int:
    return sum(1 for m in materials or [] if m.get("verdict") in ("missing", "nonconforming", "tolerated"))


def handover_summary(session: Session, holder_no: str, since: datetime | None, until: datetime) -> HandoverSummary:
    """What was done in ``holder_no``'s place after ``since`` (None: ever) up to ``until``."""
    holder = session.get(Staff, holder_no)
    holder_name = holder.name if holder else holder_no
    q = select(StaffSession).where(StaffSession.on_behalf_of_no == holder_no, StaffSession.started_at <= until)
    if since is not None:
        q = q.where((StaffSession.ended_at.is_(None)) | (StaffSession.ended_at > since))
    sessions = list(session.execute(q.order_by(StaffSession.started_at)).scalars())
    names = {r.staff_no: r.name for r in session.execute(select(Staff)).scalars()}
    shifts = [SubstituteShift(x.staff_no, names.get(x.staff_no, x.staff_no), x.started_at, x.ended_at)
              for x in sessions]

    def after(col):
        return col > since if since is not None else col.is_not(None)

    cases = list(session.execute(select(Case).where(Case.on_behalf_of_id == holder_no, after(Case.created_at),
                                                    Case.created_at <= until).order_by(Case.created_at)).scalars())
    notices = list(session.execute(select(Notice).where(Notice.on_behalf_of_id == holder_no,
                                                        after(Notice.created_at), Notice.created_at <= until)
                                   .order_by(Notice.created_at)).scalars())
    case_rows = [{
        "case_no": c.case_no, "received_at": c.received_at, "items": _items(c.items),
        "applicant": (c.applicant or {}).get("name", ""), "status": c.status,
        "status_label": STATUS_LABELS[CaseStatus(c.status)], "by": c.clerk_name,
    } for c in cases]
    notice_rows = [{
        "notice_no": n.notice_no, "created_at": n.created_at, "items": _items(n.items),
        "applicant": (n.applicant or {}).get("name", ""), "missing": _missing(n.materials), "by": n.clerk_name,
    } for n in notices]

    handouts: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    created_here = {c.id for c in cases}
    seen: set[str] = set()
    for x in sessions:
        actor = f"{names.get(x.staff_no, x.staff_no)}（代{holder_name}）"
        lo = max(x.started_at, since) if since is not None else x.started_at
        hi = min(x.ended_at or until, until)
        rows = session.execute(
            select(CaseEvent, Case.case_no).join(Case, Case.id == CaseEvent.case_id)
            .where(CaseEvent.actor == actor, CaseEvent.at >= lo, CaseEvent.at <= hi).order_by(CaseEvent.at)
        ).all()
        for ev, case_no in rows:
            if ev.id in seen or (ev.from_status is None and ev.case_id in created_here):
                continue
            seen.add(ev.id)
            row = {"case_no": case_no, "at": ev.at, "status": ev.to_status,
                   "label": STATUS_LABELS[CaseStatus(ev.to_status)], "note": ev.note,
                   "by": names.get(x.staff_no, x.staff_no)}
            (handouts if ev.to_status in HANDOUT_STATUSES else others).append(row)
    return HandoverSummary(holder_no, holder_name, since, until, shifts, case_rows, notice_rows, handouts, others)


def summary_for(ctx: AppContext, staff_no: str) -> HandoverSummary | None:
    """What was done in this person's place since they last looked (None: no such staff)."""
    from clerk_app.services.staff import normalise_staff_no

    with ctx.store.read() as s:
        row = s.get(Staff, normalise_staff_no(staff_no))
        if row is None:
            return None
        return handover_summary(s, row.staff_no, row.handover_seen_until, ctx.clock())
