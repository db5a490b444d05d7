"""The intake decision from the checklist: accept, accept with a tolerated gap, receive, or notify."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from clerk_app.domain.calendar import DueDate, WorkCalendar
from clerk_app.domain.catalog import Form, Item
from clerk_app.domain.checklist import ChecklistLine
from clerk_app.domain.mail import overdue_at_entry_warning


class MaterialStatus(StrEnum):
    ORIGINAL = "original"  # 原件已收
    COPY = "copy"  # 复印件已收
    E_LICENSE = "e-license"  # 电子证照（免提交）
    COMMITMENT = "commitment"  # 告知承诺
    TOLERATED = "tolerated"  # 容缺
    MISSING = "missing"  # 缺
    NOT_APPLICABLE = "n/a"  # 条件不适用


STATUS_LABELS = {
    MaterialStatus.ORIGINAL: "已收原件",
    MaterialStatus.COPY: "已收复印件",
    MaterialStatus.E_LICENSE: "电子证照",
    MaterialStatus.COMMITMENT: "告知承诺",
    MaterialStatus.TOLERATED: "容缺",
    MaterialStatus.MISSING: "未提交",
    MaterialStatus.NOT_APPLICABLE: "不适用",
}


class Verdict(StrEnum):
    OK = "ok"
    TOLERATED = "tolerated"
    MISSING = "missing"
    NONCONFORMING = "nonconforming"
    NOT_APPLICABLE = "not_applicable"


class Outcome(StrEnum):
    ACCEPTED = "accepted"  # 受理
    ACCEPTED_TOLERATED = "accepted_tolerated"  # 容缺受理
    RECEIVED = "received"  # 收件（待部门受理）
    NOTICE = "notice"  # 一次性告知
    NOT_ACCEPTED = "not_accepted"  # 不予受理（窗口人员决定）


OUTCOME_LABELS = {
    Outcome.ACCEPTED: "受理",
    Outcome.ACCEPTED_TOLERATED: "容缺受理",
    Outcome.RECEIVED: "收件",
    Outcome.NOTICE: "一次性告知",
    Outcome.NOT_ACCEPTED: "不予受理",
}


@dataclass(frozen=True)
class Provided:
    """What the clerk recorded for one checklist line."""

    status: MaterialStatus
    choice: str | None = None  # for 任选其一: the material handed in
    copies: int | None = None  # copies handed in; None = not counted (taken as required)
    originals: int | None = None  # originals handed in (or shown); None = not counted
    originals_returned: bool | None = None  # originals shown and handed back (核验后退回); None = by the form


@dataclass
class LineResult:
    line: ChecklistLine
    provided: Provided
    verdict: Verdict
    problem: str = ""
    supplement_due: DueDate | None = None


@dataclass
class Decision:
    outcome: Outcome
    results: list[LineResult]
    due: DueDate | None
    item_due: dict[str, DueDate] = field(default_factory=dict)
    supplement_due: DueDate | None = None
    entered_on: date | None = None  # the day the clerk enters it (after received_on for a letter)

    @property
    def problems(self) -> list[LineResult]:
        return [r for r in self.results if r.verdict in (Verdict.MISSING, Verdict.NONCONFORMING)]

    @property
    def tolerated(self) -> list[LineResult]:
        return [r for r in self.results if r.verdict is Verdict.TOLERATED]

    @property
    def to_notify(self) -> list[LineResult]:
        """Everything the applicant still has to bring (one-time notice lists all of it)."""
        return [r for r in self.results if r.verdict in (Verdict.MISSING, Verdict.NONCONFORMING, Verdict.TOLERATED)]

    def warnings(self) -> list[str]:
        out: list[str] = []
        for d in [self.due, self.supplement_due, *self.item_due.values()]:
            w = d.warning() if d else None
            if w and w not in out:
                out.append(w)
        if self.entered_on and self.item_due:
            first = min(self.item_due.values(), key=lambda d: d.due)
            late = overdue_at_entry_warning(first.due, self.entered_on)
            if late:
                out.append(late)
        return out


def required_counts(line: ChecklistLine) -> tuple[int, int]:
    """(originals, copies) the line asks for; for 原件或复印件 the count is of pieces of either kind."""
    n = line.copies
    if line.form is Form.ORIGINAL:
        return n, 0
    if line.form is Form.COPY:
        return 0, n
    if line.form is Form.ORIGINAL_AND_COPY:
        return 1, n
    return 0, n  # ORIGINAL_OR_COPY: n pieces, originals count too


def originals_returned_by_default(line: ChecklistLine) -> bool:
    """Where the line asks for 原件及复印件 the original is only shown (核验后退回) and the copy kept;
    an original asked for on its own (原件, 原件或复印件) is kept with the file."""
    return line.form is Form.ORIGINAL_AND_COPY


@dataclass(frozen=True)
class Received:
    """What was handed in for a paper line: originals (kept or returned after checking) and copies."""

    originals: int
    copies: int
    originals_returned: bool

    def text(self) -> str:
        """"原件1份（核验后退回）、复印件2份"."""
        parts = []
        if self.originals:
            parts.append(f"原件{self.originals}份" + ("（核验后退回）" if self.originals_returned else ""))
        if self.copies:
            parts.append(f"复印件{self.copies}份")
        return "、".join(parts) or "0份"


def received_counts(line: ChecklistLine, p: Provided) -> Received | None:
    """The originals and copies handed in for a line given on paper (None otherwise).

    A count the clerk did not give is what the status means as the line asks it: 已收原件 is
    the originals the line asks for (its pieces, for 原件或复印件/复印件) plus the copies of a
    原件及复印件 line; 已收复印件 is the copies the line asks for and no original.
    """
    if p.status not in (MaterialStatus.ORIGINAL, MaterialStatus.COPY):
        return None
    need_orig, need_copies = required_counts(line)
    if p.status is MaterialStatus.ORIGINAL:
        orig = need_orig or line.copies
        copies = need_copies if line.form is Form.ORIGINAL_AND_COPY else 0
    else:
        orig, copies = 0, line.copies
    returned = p.originals_returned if p.originals_returned is not None else originals_returned_by_default(line)
    return Received(p.originals if p.originals is not None else orig,
                    p.copies if p.copies is not None else copies, returned)


def count_problem(line: ChecklistLine, p: Provided) -> str:
    """What is short in the counted pieces ("" when enough or not counted)."""
    if p.status not in (MaterialStatus.ORIGINAL, MaterialStatus.COPY) or line.copies == 0:
        return ""
    need_orig, need_copies = required_counts(line)
    got_orig, got_copies = p.originals, p.copies
    if line.form is Form.ORIGINAL_OR_COPY:
        if got_orig is None and got_copies is None:
            return ""
        got = (got_orig or 0) + (got_copies or 0)
        return "" if got >= need_copies else f"须提交 {need_copies} 份，仅收 {got} 份"
    if line.form is Form.COPY:  # an original handed in stands in for a copy
        if got_orig is None and got_copies is None:
            return ""
        got = (got_orig or 0) + (got_copies or 0)
        return "" if got >= need_copies else f"复印件须 {need_copies} 份，仅收 {got} 份"
    out = []
    if got_orig is not None and got_orig < need_orig:
        out.append(f"原件须 {need_orig} 份，仅收 {got_orig} 份")
    if got_copies is not None and got_copies < need_copies:
        out.append(f"复印件须 {need_copies} 份，仅收 {got_copies} 份")
    return "；".join(out)


_VERDICT_RANK = {Verdict.OK: 0, Verdict.TOLERATED: 1, Verdict.NOT_APPLICABLE: 2, Verdict.NONCONFORMING: 3,
                 Verdict.MISSING: 4}


def best_offer(line: ChecklistLine, offers: list[Provided]) -> Provided:
    """The one record that stands for a checklist line when several were given for it.

    A 任选其一 slot may be named several times (the ID handed in, the 社保卡 marked missing):
    the slot is satisfied by its best offer, whatever the order they came in. Ties go to the
    material listed first in the catalogue, so the choice is deterministic too.
    """
    if not offers:
        return Provided(MaterialStatus.MISSING)

    def rank(p: Provided) -> tuple[int, int, str]:
        pos = line.material_ids.index(p.choice) if p.choice in line.material_ids else len(line.material_ids)
        return _VERDICT_RANK[judge(line, p)[0]], pos, p.status.value

    return min(offers, key=rank)


def judge(line: ChecklistLine, p: Provided) -> tuple[Verdict, str]:
    verdict, problem = _judge_status(line, p)
    if verdict is Verdict.OK:
        short = count_problem(line, p)
        if short:
            return Verdict.NONCONFORMING, short
    return verdict, problem


def _judge_status(line: ChecklistLine, p: Provided) -> tuple[Verdict, str]:
    s = p.status
    if s is MaterialStatus.NOT_APPLICABLE:
        if not line.required:
            return Verdict.NOT_APPLICABLE, ""
        return Verdict.MISSING, "本材料为必需材料，不能标记为不适用"
    if p.choice is not None and p.choice not in line.material_ids:
        return Verdict.NONCONFORMING, "所选材料不在本项可选范围内"
    if s is MaterialStatus.ORIGINAL:
        return Verdict.OK, ""
    if s is MaterialStatus.COPY:
        if line.form in (Form.COPY, Form.ORIGINAL_OR_COPY):
            return Verdict.OK, ""
        return Verdict.NONCONFORMING, f"须提交{line.form_label}，仅有复印件"
    if s is MaterialStatus.E_LICENSE:
        if line.e_license:
            return Verdict.OK, ""
        return Verdict.NONCONFORMING, "本材料不能以电子证照代替"
    if s is MaterialStatus.COMMITMENT:
        if line.commitment:
            return Verdict.OK, ""
        return Verdict.NONCONFORMING, "本材料不适用告知承诺"
    if s is MaterialStatus.TOLERATED:
        if line.tolerate:
            return Verdict.TOLERATED, ""
        return Verdict.MISSING, "本材料不属于可容缺材料，须当场提交"
    if not line.required:
        return Verdict.MISSING, "条件性材料：如适用须提交，不适用请标记“不适用”"
    return Verdict.MISSING, "未提交"


def supplement_due(calendar: WorkCalendar, received_on: date, days: int, case_dues: list[DueDate]) -> DueDate:
    """When a tolerated material must be brought: ``days`` working days, never after the case's own date."""
    d = calendar.add_working_days(received_on, days)
    if not case_dues:
        return d
    earliest = min(case_dues, key=lambda x: x.due)
    return earliest if earliest.due < d.due else d


def after_decision_due(calendar: WorkCalendar, decided_on: date, line: ChecklistLine,
                       provided: Provided) -> DueDate | None:
    """When a material promised under 告知承诺 must be delivered after the decision (None if not such)."""
    if provided.status is not MaterialStatus.COMMITMENT or not line.commitment_after_decision:
        return None
    if not line.after_decision_days:
        return None
    return calendar.add_working_days(decided_on, line.after_decision_days)


def decide(
    items: list[Item],
    lines: list[ChecklistLine],
    provided: dict[str, Provided],
    received_on: date,
    calendar: WorkCalendar,
    channel: str = "counter",
    entered_on: date | None = None,
) -> Decision:
    """Apply the intake rules. ``provided`` is keyed by checklist line key; absent = missing.

    ``entered_on`` (the day of entry, later than ``received_on`` for a letter) flags a promised
    date that has already passed in :meth:`Decision.warnings`.
    """
    item_due = {it.code: calendar.add_working_days(received_on, it.limit_for(channel)) for it in items}
    results: list[LineResult] = []
    for line in lines:
        p = provided.get(line.key, Provided(MaterialStatus.MISSING))
        verdict, problem = judge(line, p)
        r = LineResult(line, p, verdict, problem)
        if verdict is Verdict.TOLERATED and line.tolerate_days:
            r.supplement_due = supplement_due(calendar, received_on, line.tolerate_days,
                                              [item_due[c] for c in line.items if c in item_due])
        results.append(r)

    due = max(item_due.values(), key=lambda d: d.due) if item_due else None
    if due is not None:
        years = sorted({y for d in item_due.values() for y in d.provisional_years})
        due = DueDate(due.due, tuple(years))

    if any(r.verdict in (Verdict.MISSING, Verdict.NONCONFORMING) for r in results):
        return Decision(Outcome.NOTICE, results, None, {})
    tolerated = [r for r in results if r.verdict is Verdict.TOLERATED]
    if tolerated:
        sup = min((r.supplement_due for r in tolerated if r.supplement_due), key=lambda d: d.due, default=None)
        return Decision(Outcome.ACCEPTED_TOLERATED, results, due, item_due, sup, entered_on)
    if all(it.accept_on_receipt for it in items):
        return Decision(Outcome.ACCEPTED, results, due, item_due, None, entered_on)
    return Decision(Outcome.RECEIVED, results, due, item_due, None, entered_on)
