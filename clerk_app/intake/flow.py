"""The UI-neutral intake flow: steps, per-step validation, checklist and decision.

The Qt wizard hosts these steps; ``clerk intake --json`` fills a draft and runs the same
checks, so both always decide the same way. Nothing here touches Qt or the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.catalog import Catalogue, Item, Question
from clerk_app.domain.checklist import ChecklistError, ChecklistLine, Selection, build_checklist
from clerk_app.domain.decision import Decision, MaterialStatus, Outcome, Provided, decide
from clerk_app.domain.identity import IdentityError, check_id_for_kind, check_phone
from clerk_app.domain.mail import DEFAULT_MAIL_MAX_AGE_DAYS, mail_received_error
from clerk_app.domain.people import Party
from clerk_app.intake.draft import IntakeDraft


class Step(StrEnum):
    ITEMS = "items"
    SITUATION = "situation"
    APPLICANT = "applicant"
    MATERIALS = "materials"
    DECISION = "decision"


STEPS = list(Step)
STEP_TITLES = {
    Step.ITEMS: "选择事项",
    Step.SITUATION: "确定情形",
    Step.APPLICANT: "申请人信息",
    Step.MATERIALS: "材料核验",
    Step.DECISION: "受理决定",
}


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def check_party(prefix: str, p: Party | None, who: str) -> list[FieldError]:
    if p is None:
        return [FieldError(prefix, f"请填写{who}信息")]
    errs: list[FieldError] = []
    if p.kind not in ("person", "company"):
        errs.append(FieldError(f"{prefix}.kind", "申请人类型须为个人（person）或单位（company）"))
        return errs
    if not p.name.strip():
        errs.append(FieldError(f"{prefix}.name", f"请填写{who}{'姓名' if p.kind == 'person' else '名称'}"))
    try:
        check_id_for_kind(p.kind, p.id_type, p.id_number)
    except IdentityError as e:
        errs.append(FieldError(f"{prefix}.{e.field}", f"{who}{e}"))
    try:
        check_phone(p.phone)
    except IdentityError as e:
        errs.append(FieldError(f"{prefix}.phone", f"{who}{e}"))
    return errs


def normalise_party(p: Party) -> Party:
    """The party with its ID and phone compacted (call after validation passed)."""
    return Party(p.kind, p.name.strip(), check_id_for_kind(p.kind, p.id_type, p.id_number), check_phone(p.phone),
                 p.address.strip(), p.contact.strip(), p.id_type)


def _question_options(item: Item) -> dict[str, list[str]]:
    return {q.id: [o.value for o in q.options] for q in item.questions}


def needed_questions(item: Item, situation) -> list[Question]:
    """Questions whose answers decide which of the situation's conditional materials apply."""
    ids = {k for m in situation.materials if m.condition for k in m.condition.answers}
    return [q for q in item.questions if q.id in ids]


class IntakeFlow:
    def __init__(self, catalogue: Catalogue, calendar: WorkCalendar, draft: IntakeDraft | None = None,
                 mail_max_age_days: int = DEFAULT_MAIL_MAX_AGE_DAYS):
        self.catalogue = catalogue
        self.calendar = calendar
        self.draft = draft or IntakeDraft()
        self.mail_max_age_days = mail_max_age_days  # the centre's bound on a letter's arrival

    # -- step 1: items -------------------------------------------------------------
    def choose_items(self, codes: list[str]) -> None:
        keep = {s.code: s for s in self.draft.selections}
        self.draft.theme_id = None
        self.draft.selections = [keep.get(c, Selection(c, "")) for c in codes]
        self._reset_answers()

    def choose_theme(self, theme_id: str) -> None:
        theme = self.catalogue.themes[theme_id]
        self.choose_items(list(theme.items))
        self.draft.theme_id = theme_id

    def _reset_answers(self) -> None:
        codes = {s.code for s in self.draft.selections}
        self.draft.answers = {c: a for c, a in self.draft.answers.items() if c in codes}

    @property
    def items(self) -> list[Item]:
        return [self.catalogue.items[s.code] for s in self.draft.selections if s.code in self.catalogue.items]

    # -- step 2: situation ----------------------------------------------------------
    def questions(self) -> list[tuple[Item, Question]]:
        return [(it, q) for it in self.items for q in it.questions]

    def answer(self, code: str, question_id: str, value: str) -> None:
        self.draft.answers.setdefault(code, {})[question_id] = value
        self._resolve_situations()
        self.draft.provided = {}  # a different situation means a different checklist

    def choose_situation(self, code: str, situation_id: str) -> None:
        self.draft.selections = [Selection(s.code, situation_id) if s.code == code else s
                                 for s in self.draft.selections]

    def _resolve_situations(self) -> None:
        out = []
        for s in self.draft.selections:
            item = self.catalogue.items.get(s.code)
            sit = item.pick_situation(self.draft.answers.get(s.code, {})) if item and item.questions else None
            out.append(Selection(s.code, sit.id if sit else s.situation))
        self.draft.selections = out

    def situation_name(self, code: str) -> str:
        sel = next(s for s in self.draft.selections if s.code == code)
        if not sel.situation:
            return ""
        return self.catalogue.items[code].situation(sel.situation).name

    # -- step 3: applicant -----------------------------------------------------------
    def set_applicant(self, p: Party | None) -> None:
        old = (self.draft.applicant.kind, self.draft.applicant.id_type) if self.draft.applicant else None
        self.draft.applicant = p
        if p and old and (p.kind, p.id_type) != old:  # another document may mean other 任选其一 options
            self.draft.provided = {}

    def set_agent(self, p: Party | None) -> None:
        self.draft.agent = p

    # -- step 4: materials -------------------------------------------------------------
    def checklist(self) -> list[ChecklistLine]:
        d = self.draft
        kind = d.applicant.kind if d.applicant else "person"
        id_type = d.applicant.id_type if d.applicant else None
        return build_checklist(self.catalogue, d.selections, kind, d.agent is not None, d.answers, id_type)

    def provide(self, key: str, status: MaterialStatus | str, choice: str | None = None,
                copies: int | None = None, originals: int | None = None) -> None:
        self.draft.provided[key] = Provided(MaterialStatus(status), choice, copies, originals)

    # -- step 5: decision ------------------------------------------------------------------
    def received_at(self, now: datetime) -> datetime:
        if self.draft.channel == "mail" and self.draft.received_at:
            return self.draft.received_at
        return now

    def decision(self, now: datetime) -> Decision:
        return decide(self.items, self.checklist(), self.draft.provided, self.received_at(now).date(),
                      self.calendar, self.draft.channel, entered_on=now.date())

    def final_outcome(self, decision: Decision) -> Outcome:
        return self.draft.override_outcome or decision.outcome

    # -- validation ---------------------------------------------------------------------
    def errors(self, step: Step, now: datetime | None = None) -> list[FieldError]:
        d = self.draft
        errs: list[FieldError] = []
        if step is Step.ITEMS:
            if d.channel not in ("counter", "mail"):
                errs.append(FieldError("channel", "渠道须为 counter（窗口）或 mail（信函）"))
            if d.channel == "mail":
                if d.received_at is None:
                    errs.append(FieldError("received_at", "信函申请须填写收到信函的时间"))
                elif now and (late := mail_received_error(d.received_at, now, self.mail_max_age_days)):
                    errs.append(FieldError("received_at", late))
            if not d.selections:
                errs.append(FieldError("items", "请至少选择一个事项"))
            seen = set()
            for i, s in enumerate(d.selections):
                if s.code not in self.catalogue.items:
                    errs.append(FieldError(f"items[{i}].code", f"未知的事项编码 {s.code}"))
                if s.code in seen:
                    errs.append(FieldError(f"items[{i}].code", f"事项 {s.code} 重复"))
                seen.add(s.code)
            if d.theme_id and d.theme_id not in self.catalogue.themes:
                errs.append(FieldError("theme", f"未知的一件事主题 {d.theme_id}"))
        elif step is Step.SITUATION:
            for i, s in enumerate(d.selections):
                item = self.catalogue.items.get(s.code)
                if item is None:
                    continue
                answered = d.answers.get(s.code, {})
                for qid, opts in _question_options(item).items():
                    if qid in answered and answered[qid] not in opts:
                        errs.append(FieldError(f"items[{i}].answers.{qid}",
                                               f"问题“{qid}”没有选项 {answered[qid]}，可选：{'、'.join(opts)}"))
                if s.situation and s.situation in {x.id for x in item.situations}:
                    for q in needed_questions(item, item.situation(s.situation)):
                        if q.id not in answered:
                            errs.append(FieldError(f"items[{i}].answers.{q.id}",
                                                   f"请回答事项“{item.name}”的问题：{q.text}"))
                if s.situation:
                    if s.situation not in {x.id for x in item.situations}:
                        names = "、".join(f"{x.id}（{x.name}）" for x in item.situations)
                        errs.append(FieldError(f"items[{i}].situation",
                                               f"事项“{item.name}”没有情形 {s.situation}，可选：{names}"))
                elif item.questions and item.pick_situation(d.answers.get(s.code, {})) is None:
                    errs.append(FieldError(f"items[{i}].situation", f"请回答事项“{item.name}”的情形问题"))
                elif not item.questions and len(item.situations) > 1:
                    errs.append(FieldError(f"items[{i}].situation", f"请选择事项“{item.name}”的办理情形"))
        elif step is Step.APPLICANT:
            errs += check_party("applicant", d.applicant, "申请人")
            if d.agent is not None:
                errs += check_party("agent", d.agent, "代办人")
            if d.delivery_method not in ("pickup", "mail"):
                errs.append(FieldError("delivery.method", "领取方式须为 pickup（窗口领取）或 mail（邮寄）"))
            elif d.delivery_method == "mail" and len(d.delivery_address.strip()) < 6:
                errs.append(FieldError("delivery.address", "选择邮寄送达时须填写完整的邮寄地址"))
        elif step is Step.MATERIALS:
            try:
                lines = self.checklist()
            except ChecklistError as e:
                return [FieldError("items", str(e))]
            keys = {ln.key: ln for ln in lines}
            for k, p in d.provided.items():
                if k not in keys:
                    errs.append(FieldError(f"materials.{k}", "本次办理的材料清单中没有这项材料"))
                    continue
                ln = keys[k]
                if ln.is_choice and p.status in (MaterialStatus.ORIGINAL, MaterialStatus.COPY) and not p.choice:
                    errs.append(FieldError(f"materials.{k}", f"“{ln.name}”为任选其一，请选择实际提交的材料"))
        elif step is Step.DECISION:
            if d.override_outcome is not None and len(d.override_reason.strip()) < 4:
                errs.append(FieldError("override.reason", "改变规则给出的结果须写明理由（至少4个字）"))
        return errs

    def all_errors(self, now: datetime | None = None) -> list[FieldError]:
        out: list[FieldError] = []
        for step in STEPS:
            if step is Step.MATERIALS and out and any(e.field.startswith("items") for e in out):
                continue  # the checklist depends on valid items and situations
            out += self.errors(step, now)
        return out
