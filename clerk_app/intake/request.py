"""``clerk intake --json``: turn a JSON request into a filled intake flow, listing every problem.

Input::

    {"channel": "counter"|"mail", "received_at": ISO time (mail only, not in the future),
     "theme": optional theme id,
     "items": [{"code": ..., "situation": ..., "answers": {question: value}}],
     "applicant": {"kind": "person"|"company", "id_type": optional IdType value (resident_id,
                   hmt_residence, foreign_pr, hk_mo_permit, tw_permit, passport, uscc, org_exempt;
                   default resident_id for a person, uscc for a company), "name", "id_number", "phone"},
     "agent": {optional, same fields},
     "materials": {material id or slot key: "original"|"copy"|"e-license"|"commitment"|"tolerated"|"missing"|"n/a"},
     "delivery": {"method": "pickup"|"mail", "address"},
     "notice_no": optional previous notice number,
     "override": {"outcome": "...", "reason": "..."} optional}

For a 任选其一 slot, key the status by the material actually handed in (it picks the choice).
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.catalog import Catalogue
from clerk_app.domain.checklist import ChecklistError, Selection
from clerk_app.domain.decision import MaterialStatus, Outcome
from clerk_app.domain.people import Party
from clerk_app.intake.draft import IntakeDraft
from clerk_app.intake.flow import FieldError, IntakeFlow


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PartyIn(_M):
    kind: str
    name: str
    id_number: str
    phone: str
    address: str = ""
    contact: str = ""
    id_type: str = ""  # IdType value; "" = resident ID for a person, credit code for a company


class ItemIn(_M):
    code: str
    situation: str | None = None
    answers: dict[str, str] = Field(default_factory=dict)


class DeliveryIn(_M):
    method: str = "pickup"
    address: str = ""


class OverrideIn(_M):
    outcome: Outcome
    reason: str


class IntakeRequest(_M):
    channel: str = "counter"
    received_at: datetime | None = None
    theme: str | None = None
    items: list[ItemIn] = Field(default_factory=list)
    applicant: PartyIn
    agent: PartyIn | None = None
    materials: dict[str, MaterialStatus] = Field(default_factory=dict)
    delivery: DeliveryIn = DeliveryIn()
    notice_no: str | None = None
    override: OverrideIn | None = None


def _party(p: PartyIn | None) -> Party | None:
    if p is None:
        return None
    return Party(p.kind, p.name, p.id_number, p.phone, p.address, p.contact, p.id_type)


def _field(loc: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")


def _structural_errors(exc: ValidationError) -> list[FieldError]:
    errs = []
    for e in exc.errors():
        msg = e["msg"]
        if e["type"] == "missing":
            msg = "缺少此字段"
        elif e["type"] == "extra_forbidden":
            msg = "不认识的字段"
        elif e["type"] == "enum":
            msg = f"取值无效（{e['msg']}）"
        errs.append(FieldError(_field(e["loc"]) or "(整个请求)", msg))
    return errs


def _without_refused_parts(data: Any, exc: ValidationError) -> IntakeRequest | None:
    """The request minus what pydantic refused, so the remaining checks still run; None if impossible."""
    pruned = copy.deepcopy(data)
    try:
        for e in reversed(exc.errors()):  # from the back, so list indexes stay valid
            if e["type"] == "missing" or not e["loc"]:
                return None
            node = pruned
            for part in e["loc"][:-1]:
                node = node[part]
            del node[e["loc"][-1]]
        return IntakeRequest.model_validate(pruned)
    except (ValidationError, LookupError, TypeError):
        return None


def flow_from_json(data: Any, catalogue: Catalogue, calendar: WorkCalendar,
                   now: datetime) -> tuple[IntakeFlow | None, list[FieldError]]:
    """Build the flow; return every problem found (nothing is written here).

    A malformed part (an unknown status, a stray field) does not hide the other problems: it
    is reported, left out, and the rest of the request is still checked.
    """
    try:
        req = IntakeRequest.model_validate(data)
    except ValidationError as exc:
        structural = _structural_errors(exc)
        rest = _without_refused_parts(data, exc)
        if rest is None:
            return None, structural
        _, more = _check(rest, catalogue, calendar, now)
        covered = [e.field for e in structural]
        return None, structural + [e for e in more if not any(
            e.field == f or e.field.startswith((f + ".", f + "[")) for f in covered)]
    return _check(req, catalogue, calendar, now)


def _check(req: IntakeRequest, catalogue: Catalogue, calendar: WorkCalendar,
           now: datetime) -> tuple[IntakeFlow | None, list[FieldError]]:
    draft = IntakeDraft(channel=req.channel, received_at=req.received_at, notice_no=req.notice_no)
    flow = IntakeFlow(catalogue, calendar, draft)
    errs: list[FieldError] = []
    if req.received_at and req.channel != "mail":
        errs.append(FieldError("received_at", "仅信函申请（channel = mail）可填写收到时间"))
    if req.received_at and req.received_at.tzinfo is not None:
        draft.received_at = req.received_at.astimezone().replace(tzinfo=None)
    if req.theme:
        if req.theme not in catalogue.themes:
            errs.append(FieldError("theme", f"未知的一件事主题 {req.theme}"))
        else:
            flow.choose_theme(req.theme)
    if req.items:
        codes = [i.code for i in req.items]
        if req.theme and req.theme in catalogue.themes:
            extra = [c for c in codes if c not in catalogue.themes[req.theme].items]
            if extra:
                errs.append(FieldError("items", f"事项 {', '.join(extra)} 不属于主题 {req.theme}"))
        draft.selections = [Selection(i.code, i.situation or "") for i in req.items]
        draft.theme_id = req.theme if req.theme in catalogue.themes else None
    for i in req.items:
        for q, v in i.answers.items():
            draft.answers.setdefault(i.code, {})[q] = v
    flow._resolve_situations()
    flow.set_applicant(_party(req.applicant))
    flow.set_agent(_party(req.agent))
    draft.delivery_method, draft.delivery_address = req.delivery.method, req.delivery.address
    if req.override:
        draft.override_outcome, draft.override_reason = req.override.outcome, req.override.reason
    base = flow.all_errors(now)
    if any(e.field.startswith("items") or e.field in ("channel", "received_at", "theme") for e in base):
        return None, errs + base

    try:
        lines = flow.checklist()
    except ChecklistError as e:
        return None, [*errs, *base, FieldError("items", str(e))]
    by_key = {ln.key: ln for ln in lines}
    member = {mid: ln for ln in lines if ln.is_choice for mid in ln.material_ids}
    for key, status in req.materials.items():
        if key in by_key:
            flow.provide(key, status)
        elif key in member:
            flow.provide(member[key].key, status, choice=key)
        elif key in catalogue.materials:
            errs.append(FieldError(f"materials.{key}", f"“{catalogue.materials[key].name}”不在本次办理的材料清单中"))
        else:
            errs.append(FieldError(f"materials.{key}", "未知的材料标识"))
    errs += flow.all_errors(now)
    # unique, stable order
    seen, out = set(), []
    for e in errs:
        if (e.field, e.message) not in seen:
            seen.add((e.field, e.message))
            out.append(e)
    return (None if out else flow), out
