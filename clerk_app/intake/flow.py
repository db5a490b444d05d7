"""The intake engine: the only writer of the draft, with its own steps, next/back and step validity.

A map of steps (:data:`NAVMAP`) says, for each step, its title, which step comes next for this
draft and whether the step has anything to ask; the engine keeps a back stack of the steps
actually shown. The Qt wizard only shows the current step and passes edits to the engine's
setters; ``clerk intake --json`` (:mod:`clerk_app.intake.request`) fills the same engine through
the same setters, so both decide, skip and validate the same way. Situations are resolved when
the items or answers change, identity values are normalised when a party is set. Nothing here
touches Qt or the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from clerk_app.domain.application import (
    ApplicationChecklist,
    ApplicationDecision,
    application_checklist,
    decide_application,
)
from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.catalog import AcceptanceCondition, Catalogue, Form, Item, Question, Situation
from clerk_app.domain.checklist import ChecklistError, ChecklistLine, Selection
from clerk_app.domain.decision import (
    Decision,
    MaterialStatus,
    Outcome,
    Provided,
    Verdict,
    decide,
    judge,
    received_counts,
)
from clerk_app.domain.identity import IdentityError, check_id_for_kind, check_phone, same_id
from clerk_app.domain.mail import DEFAULT_MAIL_MAX_AGE_DAYS, mail_received_error
from clerk_app.domain.people import Party
from clerk_app.domain.refusal import GROUNDS, RefusalGroundError, check_ground
from clerk_app.domain.text import TextError, check_text
from clerk_app.intake.draft import IntakeDraft


class Step(StrEnum):
    ITEMS = "items"
    SITUATION = "situation"
    APPLICANT = "applicant"
    MATERIALS = "materials"
    DECISION = "decision"


STEPS = list(Step)


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
    bad_text = text_errors(prefix, who, {"name": p.name, "address": p.address, "contact": p.contact})
    errs += bad_text
    if not p.name.strip() and not any(e.field == f"{prefix}.name" for e in bad_text):
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


def text_errors(prefix: str, who: str, fields: dict[str, str], rules: dict[str, str] | None = None) -> list[FieldError]:
    """The domain's one text check (:func:`~clerk_app.domain.text.check_text`) on free-text fields.

    ``rules`` maps a field to its rule in :data:`~clerk_app.domain.text.RULES` (default: the field's own name).
    """
    out = []
    for name, value in fields.items():
        try:
            check_text((rules or {}).get(name, name), value)
        except TextError as e:
            out.append(FieldError(f"{prefix}.{name}" if prefix else name, f"{who}{e}"))
    return out


def cleaned(kind: str, value: str) -> str:
    """The text as the domain's rule keeps it (invisible characters removed, composed, trimmed, tabs
    as spaces): what ``clerk intake --json`` stores too. A value the rule refuses is only trimmed,
    so the step's checks still flag it."""
    try:
        return check_text(kind, value)
    except TextError:
        return value.strip()


def normalise_party(p: Party) -> Party:
    """The party with its ID and phone compacted and its texts cleaned (call after validation passed)."""
    return Party(p.kind, cleaned("name", p.name), check_id_for_kind(p.kind, p.id_type, p.id_number),
                 check_phone(p.phone), cleaned("address", p.address), cleaned("contact", p.contact), p.id_type)


def _question_options(item: Item) -> dict[str, list[str]]:
    return {q.id: [o.value for o in q.options] for q in item.questions}


def needed_questions(item: Item, situation: Situation) -> list[Question]:
    """Questions whose answers decide which of the situation's conditional materials apply."""
    ids = {k for m in situation.materials if m.condition for k in m.condition.answers}
    return [q for q in item.questions if q.id in ids]


PAPER = (MaterialStatus.ORIGINAL, MaterialStatus.COPY)


def offered_statuses(line: ChecklistLine) -> list[MaterialStatus]:
    """What the clerk may record for this line: the catalogue decides which extra ways apply."""
    out = [MaterialStatus.MISSING, MaterialStatus.ORIGINAL, MaterialStatus.COPY]
    if line.e_license:
        out.append(MaterialStatus.E_LICENSE)
    if line.commitment:
        out.append(MaterialStatus.COMMITMENT)
    if line.tolerate:
        out.append(MaterialStatus.TOLERATED)
    if not line.required:
        out.append(MaterialStatus.NOT_APPLICABLE)
    return out


def entry(line: ChecklistLine, status: MaterialStatus | str, choice: str | None = None,
          copies: int | None = None, originals: int | None = None,
          originals_returned: bool | None = None) -> Provided:
    """What is recorded for a line: a choice and counts only for paper that was handed in."""
    st = MaterialStatus(status)
    paper = st in PAPER
    return Provided(st, choice if line.is_choice and paper else None, copies if paper else None,
                    originals if paper else None, originals_returned if paper else None)


def as_required(line: ChecklistLine, current: Provided | None = None) -> Provided | None:
    """What "handed in as required" records for a line, or None when the clerk must decide it.

    原件 where the line asks for an original (原件, 原件及复印件), 复印件 otherwise, with the
    originals and copies the line asks for (:func:`received_counts`). A conditional line the clerk still has to judge (not required) is
    left alone. A 任选其一 line keeps the material already named, else none: which paper was
    handed in must be named by the clerk (:func:`line_verdict` flags it until then).
    """
    if not line.required:
        return None
    choice = current.choice if current is not None else None
    status = MaterialStatus.ORIGINAL if line.form in (Form.ORIGINAL, Form.ORIGINAL_AND_COPY) else MaterialStatus.COPY
    got = received_counts(line, Provided(status))
    assert got is not None  # a paper status
    return entry(line, status, choice, got.copies, got.originals)


def line_verdict(line: ChecklistLine, provided: Provided) -> tuple[Verdict, str]:
    """The verdict on one line, including the 任选其一 rule that the paper handed in must be named."""
    if line.is_choice and provided.status in PAPER and not provided.choice:
        return Verdict.NONCONFORMING, "请选择实际提交的材料"
    return judge(line, provided)


def _normalised(p: Party | None) -> Party | None:
    """The party with ID and phone compacted when they pass their checks, else as typed (flagged later)."""
    if p is None:
        return None
    try:
        return normalise_party(p)
    except IdentityError:
        return Party(p.kind, cleaned("name", p.name), p.id_number.strip(), p.phone.strip(),
                     cleaned("address", p.address), cleaned("contact", p.contact), p.id_type)


@dataclass(frozen=True)
class StepRule:
    """One entry of the step map: its title, the step after it, and whether it asks anything."""

    title: str
    next: Callable[[IntakeFlow], Step | None]
    asks: Callable[[IntakeFlow], bool] = lambda _flow: True


NAVMAP: dict[Step, StepRule] = {
    Step.ITEMS: StepRule("选择事项", lambda f: Step.SITUATION if f.asks_situation() else Step.APPLICANT),
    Step.SITUATION: StepRule("确定情形", lambda f: Step.APPLICANT, lambda f: f.asks_situation()),
    Step.APPLICANT: StepRule("申请人信息", lambda f: Step.MATERIALS),
    Step.MATERIALS: StepRule("材料核验", lambda f: Step.DECISION),
    Step.DECISION: StepRule("受理决定", lambda f: None),
}
STEP_TITLES = {step: rule.title for step, rule in NAVMAP.items()}


class IntakeFlow:
    """The draft, the step shown and the steps behind it. Every change to the draft goes through here."""

    def __init__(self, catalogue: Catalogue, calendar: WorkCalendar, draft: IntakeDraft | None = None,
                 mail_max_age_days: int = DEFAULT_MAIL_MAX_AGE_DAYS):
        self.catalogue = catalogue
        self.calendar = calendar
        self.draft = draft or IntakeDraft()
        self.mail_max_age_days = mail_max_age_days  # the centre's bound on a letter's arrival
        saved = self.draft.step
        self.step: Step = Step.ITEMS
        self.draft.step = self.step.value
        self._stack: list[Step] = []
        self.draft.applicant = _normalised(self.draft.applicant)
        self.draft.agent = _normalised(self.draft.agent)
        self._resolve_situations()
        if saved:
            self._resume(saved)

    # -- navigation ------------------------------------------------------------------
    @property
    def is_last(self) -> bool:
        return NAVMAP[self.step].next(self) is None

    @property
    def is_first(self) -> bool:
        return not self._stack

    def step_errors(self, now: datetime | None = None) -> list[FieldError]:
        """Why the current step may not proceed (empty: it may)."""
        errs = self.errors(self.step, now)
        if self.step is Step.APPLICANT and not errs:
            try:
                self.checklist()  # e.g. an item that only persons may apply for
            except ChecklistError as exc:
                errs.append(FieldError("applicant.kind", str(exc)))
        return errs

    def go_next(self, now: datetime | None = None) -> list[FieldError]:
        """Move to the next step that asks something; on errors stay and return them.

        On the last step nothing moves: committing is the caller's (``services.intake.submit``).
        """
        errs = self.step_errors(now)
        if errs or self.is_last:
            return errs
        nxt = NAVMAP[self.step].next(self)
        while nxt is not None and not NAVMAP[nxt].asks(self) and NAVMAP[nxt].next(self) is not None:
            nxt = NAVMAP[nxt].next(self)
        assert nxt is not None
        self._stack.append(self.step)
        self._enter(nxt)
        return []

    def go_back(self) -> bool:
        """Return to the step shown before this one; False on the first step."""
        if not self._stack:
            return False
        self._enter(self._stack.pop())
        return True

    def jump(self, step: Step) -> None:
        """Show ``step`` directly (scripts, screenshots); Back returns to where this was."""
        if step is not self.step:
            self._stack.append(self.step)
            self._enter(step)

    def _resume(self, saved: str) -> None:
        """Go on, step by step, to the step a draft was saved at (its back stack rebuilt on the way).

        Stops earlier at a step that may not proceed (the catalogue may have changed since), and
        ignores a step name this release does not know.
        """
        try:
            target = Step(saved)
        except ValueError:
            return
        while STEPS.index(self.step) < STEPS.index(target) and not self.is_last:
            before = self.step
            if self.go_next() or self.step is before:
                return

    def _enter(self, step: Step) -> None:
        self.step = step
        self.draft.step = step.value  # kept with the draft, so a resumed intake opens here
        if step is Step.MATERIALS:
            self._drop_stale_materials()

    def _drop_stale_materials(self) -> None:
        """Forget what was recorded for lines no longer on the checklist (another applicant kind or agent)."""
        try:
            keys = {ln.key for ln in self.checklist()}
        except ChecklistError:
            return
        self.draft.provided = {k: p for k, p in self.draft.provided.items() if k in keys}

    # -- step 1: items -------------------------------------------------------------
    def set_channel(self, channel: str, received_at: datetime | None = None) -> None:
        """Counter or mail; a letter's arrival time is kept to the minute, in local time."""
        self.draft.channel = channel
        if received_at is not None and received_at.tzinfo is not None:
            received_at = received_at.astimezone().replace(tzinfo=None)
        if channel == "mail" and received_at is not None:
            received_at = received_at.replace(second=0, microsecond=0)
        self.draft.received_at = received_at

    def choose_items(self, codes: list[str]) -> None:
        keep = {s.code: s for s in self.draft.selections}
        self.draft.theme_id = None
        self.draft.selections = [keep.get(c, Selection(c, "")) for c in codes]
        self._reset_answers()
        self._resolve_situations()

    def choose_theme(self, theme_id: str) -> None:
        theme = self.catalogue.themes[theme_id]
        self.choose_items(list(theme.items))
        self.draft.theme_id = theme_id

    def set_selections(self, selections: list[Selection], theme_id: str | None = None) -> None:
        """Items with the situations named by the request (the answers, if any, still decide)."""
        self.draft.selections = list(selections)
        self.draft.theme_id = theme_id if theme_id in self.catalogue.themes else None
        self._reset_answers()
        self._resolve_situations()

    def add_item(self, code: str) -> None:
        codes = [s.code for s in self.draft.selections]
        if code not in codes:
            self.choose_items([*codes, code])

    def remove_item(self, code: str) -> None:
        self.choose_items([s.code for s in self.draft.selections if s.code != code])

    def _reset_answers(self) -> None:
        codes = {s.code for s in self.draft.selections}
        self.draft.answers = {c: a for c, a in self.draft.answers.items() if c in codes}
        self.draft.conditions = {c: ids for c, ids in self.draft.conditions.items() if c in codes}

    @property
    def items(self) -> list[Item]:
        return [self.catalogue.items[s.code] for s in self.draft.selections if s.code in self.catalogue.items]

    # -- step 2: situation ----------------------------------------------------------
    def asks_situation(self) -> bool:
        """Whether any chosen item has a question to answer or a situation to pick."""
        return any(it.questions or len(it.situations) > 1 for it in self.items)

    def questions(self) -> list[tuple[Item, Question]]:
        return [(it, q) for it in self.items for q in it.questions]

    def answer(self, code: str, question_id: str, value: str) -> None:
        if self.draft.answers.get(code, {}).get(question_id) == value:
            return
        self.draft.answers.setdefault(code, {})[question_id] = value
        self._resolve_situations()
        self.draft.provided = {}  # a different situation means a different checklist

    def choose_situation(self, code: str, situation_id: str) -> None:
        current = next((s.situation for s in self.draft.selections if s.code == code), None)
        if current == situation_id:
            return
        self.draft.selections = [Selection(s.code, situation_id) if s.code == code else s
                                 for s in self.draft.selections]
        self.draft.provided = {}  # another situation has another checklist

    def _resolve_situations(self) -> None:
        """Fix each item's situation from its answers (or its only situation), once per change."""
        out = []
        for s in self.draft.selections:
            item = self.catalogue.items.get(s.code)
            sit = None
            if item is not None and item.questions:
                sit = item.pick_situation(self.draft.answers.get(s.code, {}))
            elif item is not None and not s.situation and len(item.situations) == 1:
                sit = item.situations[0]
            out.append(Selection(s.code, sit.id if sit else s.situation))
        self.draft.selections = out

    def situation_name(self, code: str) -> str:
        sel = next(s for s in self.draft.selections if s.code == code)
        item = self.catalogue.items[code]
        if not sel.situation:
            return item.situations[0].name if len(item.situations) == 1 else ""
        return item.situation(sel.situation).name

    # -- step 3: applicant -----------------------------------------------------------
    def set_applicant(self, p: Party | None) -> None:
        old = (self.draft.applicant.kind, self.draft.applicant.id_type) if self.draft.applicant else None
        self.draft.applicant = _normalised(p)
        if p and old and (p.kind, p.id_type) != old:  # another document may mean other 任选其一 options
            self.draft.provided = {}

    def set_agent(self, p: Party | None, wanted: bool | None = None) -> None:
        """The agent; ``wanted`` with no details keeps an empty agent, so the step's checks flag it."""
        if wanted is False:
            p = None
        elif wanted and p is None:
            p = Party("person", "", "")
        self.draft.agent = _normalised(p)

    def set_delivery(self, method: str, address: str = "") -> None:
        self.draft.delivery_method, self.draft.delivery_address = method, cleaned("delivery_address", address)

    # -- step 4: materials -------------------------------------------------------------
    def application_checklist(self) -> ApplicationChecklist:
        """Each item's own checklist and the one set of materials the applicant hands in (一件事)."""
        d = self.draft
        kind = d.applicant.kind if d.applicant else "person"
        id_type = d.applicant.id_type if d.applicant else None
        return application_checklist(self.catalogue, d.selections, kind, d.agent is not None, d.answers, id_type)

    def checklist(self) -> list[ChecklistLine]:
        """What the applicant hands in: shared materials once, nothing another chosen item produces."""
        return self.application_checklist().lines

    def provide(self, key: str, status: MaterialStatus | str, choice: str | None = None,
                copies: int | None = None, originals: int | None = None,
                originals_returned: bool | None = None) -> None:
        self.draft.provided[key] = Provided(MaterialStatus(status), choice, copies, originals, originals_returned)

    def provide_line(self, line: ChecklistLine, status: MaterialStatus | str, choice: str | None = None,
                     copies: int | None = None, originals: int | None = None,
                     originals_returned: bool | None = None) -> Provided:
        """Record what was handed in for a checklist line, keeping only what applies to it."""
        p = entry(line, status, choice, copies, originals, originals_returned)
        self.draft.provided[line.key] = p
        return p

    def provide_all_as_required(self) -> list[str]:
        """Mark every line still recorded as not handed in as handed in the way it asks (:func:`as_required`).

        What the clerk already recorded otherwise (容缺, 告知承诺, a copy…) is kept, so this may
        come before or after the exceptions. Returns the keys of the lines it marked.
        """
        marked: list[str] = []
        for line in self.checklist():
            current = self.draft.provided.get(line.key)
            if current is not None and current.status is not MaterialStatus.MISSING:
                continue
            p = as_required(line, current)
            if p is not None:
                self.draft.provided[line.key] = p
                marked.append(line.key)
        return marked

    def material_counts(self) -> tuple[int, int, int, int]:
        """(lines, in order, tolerated, still missing) for what is recorded so far."""
        try:
            lines = self.checklist()
        except ChecklistError:
            return 0, 0, 0, 0
        verdicts = [line_verdict(ln, self.draft.provided.get(ln.key, Provided(MaterialStatus.MISSING)))[0]
                    for ln in lines]
        ok = sum(v in (Verdict.OK, Verdict.NOT_APPLICABLE) for v in verdicts)
        tol = sum(v is Verdict.TOLERATED for v in verdicts)
        return len(verdicts), ok, tol, len(verdicts) - ok - tol

    # -- step 5: decision ------------------------------------------------------------------
    def set_override(self, outcome: Outcome | None, reason: str = "", items: list[str] | None = None) -> None:
        """Differ from the rules (with a reason), or follow them (no reason kept).

        ``items``: the item codes whose cases the override applies to (一件事: the clerk says which);
        None applies it to every case."""
        self.draft.override_outcome = outcome
        self.draft.override_reason = cleaned("reason", reason) if outcome is not None else ""
        self.draft.override_items = list(dict.fromkeys(items)) if outcome is not None and items is not None else None

    def set_refusal_ground(self, ground: str | None, refer_to: str = "") -> None:
        """The legal ground of a refusal (domain.refusal.GROUNDS) and, for a matter outside this
        organ's power, the organ the applicant is told to apply to."""
        self.draft.refusal_ground = ground or None
        self.draft.refer_to = cleaned("refer_to", refer_to)

    def overrides(self, code: str) -> bool:
        """Whether the clerk's override applies to the case of item ``code``."""
        d = self.draft
        return d.override_outcome is not None and (d.override_items is None or code in d.override_items)

    # 受理条件: what the clerk confirms before a case is opened ----------------------------
    def conditions(self) -> list[tuple[Item, AcceptanceCondition]]:
        """The 受理条件 of each chosen item's situation, in order (none until the situation is known)."""
        out: list[tuple[Item, AcceptanceCondition]] = []
        for s in self.draft.selections:
            item = self.catalogue.items.get(s.code)
            if item is None or s.situation not in {x.id for x in item.situations}:
                continue
            out += [(item, c) for c in item.conditions_for(s.situation)]
        return out

    def confirm_condition(self, code: str, condition_id: str, confirmed: bool = True) -> None:
        """The clerk confirms (or takes back) that the applicant meets one 受理条件 of an item."""
        have = [c for c in self.draft.conditions.get(code, []) if c != condition_id]
        if confirmed:
            have.append(condition_id)
        if have:
            self.draft.conditions[code] = sorted(have)
        else:
            self.draft.conditions.pop(code, None)

    def confirm_all_conditions(self) -> None:
        """The clerk has checked the applicant against every 受理条件 listed and confirms them at once."""
        for item, c in self.conditions():
            self.confirm_condition(item.code, c.id, True)

    def is_confirmed(self, code: str, condition_id: str) -> bool:
        return condition_id in self.draft.conditions.get(code, [])

    def _condition_errors(self, now: datetime | None) -> list[FieldError]:
        """Each unconfirmed 受理条件, when a case is to be opened (a notice or a refusal opens none)."""
        pending = [(it, c) for it, c in self.conditions() if not self.is_confirmed(it.code, c.id)]
        if not pending:
            return []
        try:
            outcome = self.final_outcome(self.decision(now or datetime.now()))
        except ChecklistError:
            return []  # the checklist's own error stands
        if outcome is Outcome.NOTICE:
            return []
        refused = {s.code for s in self.draft.selections if self.overrides(s.code)
                   and self.draft.override_outcome is Outcome.NOT_ACCEPTED}  # those cases open as 不予受理
        return [FieldError(f"conditions.{it.code}.{c.id}", f"请确认事项“{it.name}”的受理条件：{c.text}")
                for it, c in pending if it.code not in refused]

    def received_at(self, now: datetime) -> datetime:
        if self.draft.channel == "mail" and self.draft.received_at:
            return self.draft.received_at
        return now

    def decision(self, now: datetime) -> Decision:
        return decide(self.items, self.checklist(), self.draft.provided, self.received_at(now).date(),
                      self.calendar, self.draft.channel, entered_on=now.date())

    def application_decision(self, now: datetime) -> ApplicationDecision:
        """One decision per case (办件): each item by its own rules, own outcome and promised date."""
        return decide_application(self.catalogue, self.application_checklist(), self.draft.provided,
                                  self.received_at(now).date(), self.calendar, self.draft.channel,
                                  entered_on=now.date())

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
                if (d.applicant is not None and d.applicant.kind == "person"
                        and same_id(d.agent.id_number, d.applicant.id_number)):
                    errs.append(FieldError("agent.id_number", "代办人与申请人是同一人（证件号码相同）：本人办理的，"
                                                              "请不要填写代办人"))
            if d.delivery_method not in ("pickup", "mail"):
                errs.append(FieldError("delivery.method", "领取方式须为 pickup（窗口领取）或 mail（邮寄）"))
            elif bad := text_errors("delivery", "", {"address": d.delivery_address}, {"address": "delivery_address"}):
                errs += bad
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
            errs += self._condition_errors(now)
            if bad := text_errors("override", "", {"reason": d.override_reason}):
                errs += bad
            elif d.override_outcome is not None and len(d.override_reason.strip()) < 4:
                errs.append(FieldError("override.reason", "改变规则给出的结果须写明理由（至少4个字）"))
            errs += self._override_item_errors(now)
            if d.override_outcome is Outcome.NOT_ACCEPTED:
                if bad := text_errors("override", "", {"refer_to": d.refer_to}):
                    errs += bad
                else:
                    try:
                        check_ground(d.refusal_ground, d.refer_to)
                    except RefusalGroundError as e:
                        field = "override.refer_to" if d.refusal_ground in GROUNDS else "override.ground"
                        errs.append(FieldError(field, str(e)))
        return errs

    def _override_item_errors(self, now: datetime | None) -> list[FieldError]:
        """An override for some cases of an application: known items, and the others able to stand alone."""
        d = self.draft
        if d.override_outcome is None or d.override_items is None:
            return []
        codes = [s.code for s in d.selections]
        unknown = [c for c in d.override_items if c not in codes]
        if unknown:
            return [FieldError("override.items", "改变结果所适用的事项不在本次办理的事项中：" + "、".join(unknown))]
        if not d.override_items:
            return [FieldError("override.items", "请选择改变结果所适用的办件（事项）")]
        if len(d.override_items) == len(codes):
            return []
        if d.override_outcome is Outcome.NOTICE:
            return [FieldError("override.items", "一次性告知针对整次申请，不能只用于部分办件")]
        try:
            cases = self.application_decision(now or datetime.now()).cases
        except ChecklistError:
            return []
        return [FieldError("override.items", f"事项“{c.item.name}”材料不齐，须一并改变结果或出具一次性告知书")
                for c in cases if c.item.code not in d.override_items and c.outcome is Outcome.NOTICE]

    def all_errors(self, now: datetime | None = None) -> list[FieldError]:
        out: list[FieldError] = []
        for step in STEPS:
            if step is Step.MATERIALS and out and any(e.field.startswith("items") for e in out):
                continue  # the checklist depends on valid items and situations
            out += self.errors(step, now)
        return out
