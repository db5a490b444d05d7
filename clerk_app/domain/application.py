"""一件事 as one application (申办) with one case (办件) per item, each decided by its own item's rules.

An application has one set of materials: a material shared by several items is handed in once
(one line of :attr:`ApplicationChecklist.lines`) and linked to every case that needs it
(:attr:`ChecklistLine.items`). Each case keeps its own checklist — the item's own form and copy
requirements — and is decided on its own (:func:`decide_application`): its own outcome, promised
date, supplement date and 办理项编码. Two rules of real one-thing platforms apply before that:

- a material that another item of the same application produces (the catalogue's
  ``result.material``, e.g. the 营业执照 issued by the first item of 开餐饮店) is not demanded;
- the same person is not asked twice for the same document under two names: for a person
  applying, the 法定代表人（经营者）身份证件 *is* the applicant's own ID (``Material.identity_of``).

This module is pure domain: storing cases per item is the services layer's job.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date

from clerk_app.domain.calendar import DueDate, WorkCalendar
from clerk_app.domain.catalog import Catalogue, Item
from clerk_app.domain.checklist import ChecklistLine, Selection, build_checklist, merge_line
from clerk_app.domain.decision import Decision, Outcome, Provided, decide


@dataclass(frozen=True)
class Waived:
    """A line an item's own rules ask for that this application does not demand, and why."""

    item: str
    line: ChecklistLine
    reason: str


@dataclass
class ApplicationChecklist:
    selections: list[Selection]
    per_item: dict[str, list[ChecklistLine]]  # each case's own checklist (own forms and copies)
    lines: list[ChecklistLine]  # what the applicant hands in: shared materials once
    waived: list[Waived] = field(default_factory=list)


@dataclass
class CaseDecision:
    """One case (办件) of the application: one item, decided by its own rules."""

    item: Item
    situation: str
    handling_code: str | None
    decision: Decision

    @property
    def outcome(self) -> Outcome:
        return self.decision.outcome

    @property
    def due(self) -> DueDate | None:
        return self.decision.item_due.get(self.item.code) if self.decision.item_due else None


@dataclass
class ApplicationDecision:
    cases: list[CaseDecision]
    checklist: ApplicationChecklist

    def case(self, code: str) -> CaseDecision:
        return next(c for c in self.cases if c.item.code == code)


def _identity_role(cat: Catalogue, line: ChecklistLine) -> str | None:
    if len(line.material_ids) != 1:
        return None
    m = cat.materials.get(line.material_ids[0])
    return m.identity_of if m else None


def application_checklist(cat: Catalogue, selections: list[Selection], applicant_kind: str, has_agent: bool,
                          answers: dict[str, dict[str, str]] | None = None,
                          applicant_id_type: str | None = None) -> ApplicationChecklist:
    """Every case's own checklist, the materials produced inside the application waived, and the
    merged list the applicant hands in (shared materials once)."""
    per_item = {sel.code: build_checklist(cat, [sel], applicant_kind, has_agent, answers, applicant_id_type)
                for sel in selections}
    produced = {}
    for sel in selections:
        res = cat.items[sel.code].result
        if res is not None and res.material:
            produced[res.material] = sel.code
    waived: list[Waived] = []
    applicant_id_present = any(_identity_role(cat, ln) == "applicant" for lines in per_item.values() for ln in lines)
    for code, lines in per_item.items():
        keep = []
        for ln in lines:
            makers = [produced[m] for m in ln.material_ids if produced.get(m) not in (None, code)]
            if makers:
                maker = cat.items[makers[0]]
                waived.append(Waived(code, ln, f"由本次一并办理的“{maker.name}”产生，无需申请人提交"))
                continue
            if applicant_kind == "person" and applicant_id_present and _identity_role(cat, ln) == "legal_rep":
                waived.append(Waived(code, ln, "申请人即经营者（法定代表人），与申请人身份证件为同一证件，只收一次"))
                continue
            keep.append(ln)
        per_item[code] = keep
    merged: dict[str, ChecklistLine] = {}
    for lines in per_item.values():
        for ln in lines:
            if ln.key in merged:
                merge_line(merged[ln.key], ln)
            else:
                merged[ln.key] = copy.deepcopy(ln)
    return ApplicationChecklist(list(selections), per_item, list(merged.values()), waived)


def decide_application(cat: Catalogue, checklist: ApplicationChecklist, provided: dict[str, Provided],
                       received_on: date, calendar: WorkCalendar, channel: str = "counter",
                       entered_on: date | None = None) -> ApplicationDecision:
    """One decision per case: each item by its own rules, its own outcome and promised date.

    ``provided`` is keyed by the keys of :attr:`ApplicationChecklist.lines`; a shared material
    recorded once counts for every case that needs it, judged against each case's own requirement.
    """
    cases = []
    for sel in checklist.selections:
        item = cat.items[sel.code]
        lines = checklist.per_item[sel.code]
        d = decide([item], lines, provided, received_on, calendar, channel, entered_on)
        cases.append(CaseDecision(item, sel.situation, item.handling_code_for(sel.situation), d))
    return ApplicationDecision(cases, checklist)
