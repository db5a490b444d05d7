"""Resolve the material checklist for an intake: items + situations + applicant → lines.

For a "one thing" (several items) a material shared by items appears once, with the
strictest form, the highest copy count, and an alternative (e-licence, commitment,
tolerated gap) only where every item allows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from clerk_app.domain.catalog import FORM_LABELS, Catalogue, Form, Item, MaterialRequirement, Situation
from clerk_app.domain.identity import ID_TYPE_LABELS

_FORM_RANK = {Form.ORIGINAL_OR_COPY: 0, Form.COPY: 1, Form.ORIGINAL: 2, Form.ORIGINAL_AND_COPY: 3}


@dataclass
class ChecklistLine:
    key: str
    name: str
    material_ids: list[str]
    form: Form
    copies: int
    required: bool  # False: conditional, the clerk decides whether it applies
    condition_text: str = ""
    e_license: bool = False
    commitment: bool = False
    commitment_after_decision: bool = False
    after_decision_days: int | None = None  # deadline after the decision for a material promised
    tolerate: bool = False
    tolerate_days: int | None = None
    review_points: list[str] = field(default_factory=list)
    standard: str = ""
    commitment_text: str = ""
    items: list[str] = field(default_factory=list)

    @property
    def form_label(self) -> str:
        return FORM_LABELS[self.form]

    @property
    def is_choice(self) -> bool:
        return len(self.material_ids) > 1


@dataclass(frozen=True)
class Selection:
    """One item of an intake and the situation chosen for it."""

    code: str
    situation: str


class ChecklistError(ValueError):
    pass


def _applies(req: MaterialRequirement, answers: dict[str, str], applicant_kind: str, has_agent: bool,
             id_type: str | None = None) -> bool | None:
    """True/False when the condition is machine-decidable, None when the clerk must decide."""
    c = req.condition
    if c is None:
        return True
    decidable = False
    if c.answers:
        decidable = True
        if any(answers.get(k) != v for k, v in c.answers.items()):
            return False
    if c.applicant_kind is not None:
        decidable = True
        if c.applicant_kind != applicant_kind:
            return False
    if c.has_agent is not None:
        decidable = True
        if c.has_agent != has_agent:
            return False
    if c.id_types is not None and id_type is not None:
        decidable = True
        if id_type not in c.id_types:
            return False
    return True if decidable else None


def _line_for(cat: Catalogue, item: Item, req: MaterialRequirement, machine: bool | None,
              id_type: str | None = None) -> ChecklistLine:
    ids = req.material_ids_for(id_type)
    mats = [cat.materials[m] for m in ids]
    name = req.slot_name or (mats[0].name if len(mats) == 1 else "／".join(m.name for m in mats) + "（任选其一）")
    required = req.required or machine is True
    return ChecklistLine(
        key=req.key,
        name=name,
        material_ids=ids,
        form=req.form,
        copies=req.copies,
        required=required,
        condition_text=(req.condition.text if req.condition else ""),
        e_license=req.e_license,
        commitment=req.commitment,
        commitment_after_decision=req.commitment_after_decision,
        after_decision_days=req.after_decision_days,
        tolerate=req.tolerate,
        tolerate_days=req.tolerate_days,
        review_points=list(req.review_points),
        standard="；".join(m.standard for m in mats if m.standard),
        commitment_text="；".join(m.commitment_text for m in mats if m.commitment_text),
        items=[item.code],
    )


def merge_line(a: ChecklistLine, b: ChecklistLine) -> None:
    """Fold ``b`` (the same material for another item) into ``a``: the strictest requirement wins."""
    if _FORM_RANK[b.form] > _FORM_RANK[a.form]:
        a.form = b.form
    a.copies = max(a.copies, b.copies)
    a.required = a.required or b.required
    a.e_license = a.e_license and b.e_license
    a.commitment = a.commitment and b.commitment
    a.commitment_after_decision = a.commitment_after_decision and b.commitment_after_decision
    days = [d for d in (a.after_decision_days, b.after_decision_days) if d]
    a.after_decision_days = min(days) if a.commitment_after_decision and days else None
    a.tolerate = a.tolerate and b.tolerate
    a.tolerate_days = min(a.tolerate_days, b.tolerate_days) if (a.tolerate and a.tolerate_days and b.tolerate_days) \
        else (a.tolerate_days if a.tolerate else None)
    for p in b.review_points:
        if p not in a.review_points:
            a.review_points.append(p)
    if b.condition_text and b.condition_text not in a.condition_text:
        a.condition_text = "；".join(x for x in (a.condition_text, b.condition_text) if x)
    for code in b.items:
        if code not in a.items:
            a.items.append(code)


def resolve_situation(item: Item, situation: str | None, answers: dict[str, str]) -> Situation:
    if situation:
        try:
            return item.situation(situation)
        except KeyError:
            raise ChecklistError(f"事项“{item.name}”没有情形 {situation}") from None
    picked = item.pick_situation(answers)
    if picked is None:
        raise ChecklistError(f"事项“{item.name}”的情形问题尚未答完")
    return picked


def _check_id_type(item: Item, sit: Situation, id_type: str | None) -> None:
    if id_type is None:
        return
    for what, allowed in ((f"事项“{item.name}”", item.id_types), (f"事项“{item.name}”的情形“{sit.name}”", sit.id_types)):
        if allowed is not None and id_type not in allowed:
            label = ID_TYPE_LABELS.get(id_type, id_type)
            names = "、".join(ID_TYPE_LABELS[t.value] for t in allowed)
            raise ChecklistError(f"{what}不受理持{label}的申请人（限：{names}）")


def build_checklist(
    cat: Catalogue,
    selections: list[Selection],
    applicant_kind: str,
    has_agent: bool,
    answers: dict[str, dict[str, str]] | None = None,
    applicant_id_type: str | None = None,
) -> list[ChecklistLine]:
    """The merged checklist for the chosen items/situations, in catalogue order.

    ``applicant_id_type`` (an ``IdType`` value) applies the catalogue's document-type rules: an
    item or situation restricted to other documents is refused, conditions on ``id_types`` are
    decided, and 任选其一 slots offer the materials listed for that document.
    """
    answers = answers or {}
    lines: dict[str, ChecklistLine] = {}
    for sel in selections:
        if sel.code not in cat.items:
            raise ChecklistError(f"未知的事项编码 {sel.code}")
        item = cat.items[sel.code]
        sit = resolve_situation(item, sel.situation, answers.get(sel.code, {}))
        if applicant_kind not in sit.applicant_kinds:
            who = "个人" if applicant_kind == "person" else "单位"
            raise ChecklistError(f"事项“{item.name}”的情形“{sit.name}”不适用于{who}申请人")
        _check_id_type(item, sit, applicant_id_type)
        for req in sit.materials:
            machine = _applies(req, answers.get(sel.code, {}), applicant_kind, has_agent, applicant_id_type)
            if machine is False:
                continue
            line = _line_for(cat, item, req, machine, applicant_id_type)
            if line.key in lines:
                merge_line(lines[line.key], line)
            else:
                lines[line.key] = line
    return list(lines.values())
