"""``clerk intake --json``: turn a JSON request into a filled intake flow, listing every problem.

Input::

    {"channel": "counter"|"mail", "received_at": ISO time (mail only, not in the future),
     "theme": optional theme id,
     "items": [{"code": ..., "situation": ..., "answers": {question: value}}],
     "applicant": {"kind": "person"|"company", "id_type": optional IdType value (resident_id,
                   hmt_residence, foreign_pr, hk_mo_permit, tw_permit, passport, uscc, org_exempt;
                   default resident_id for a person, uscc for a company), "name", "id_number", "phone"},
     "agent": {optional, same fields},
     "materials": {material id or slot key: "original"|"copy"|"e-license"|"commitment"|"tolerated"|"missing"|"n/a"
                   or {"status": ..., "originals": n, "copies": n, "originals_returned": bool} to record the
                   pieces counted (originals_returned: shown and handed back, 核验后退回)},
     "materials_as_required": optional true: every required line not named in "materials" is
                   taken as handed in the way it asks (IntakeFlow.provide_all_as_required),
     "delivery": {"method": "pickup"|"mail", "address"},
     "notice_no": optional previous notice number,
     "override": {"outcome": "...", "reason": "...", "items": optional [item codes: the cases it applies
                  to; default every case], for not_accepted "ground": no_licence_needed|outside_power|
                  not_supplemented and, for outside_power, "refer_to": the organ to apply to} optional}

For a 任选其一 slot, key the status by the material actually handed in (it picks the choice); when
several members of one slot are given, the best one counts, whatever their order.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from clerk_app.domain import pydantic_errors
from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.catalog import Catalogue
from clerk_app.domain.checklist import ChecklistError, Selection
from clerk_app.domain.decision import MaterialStatus, Outcome, Provided, best_offer
from clerk_app.domain.mail import DEFAULT_MAIL_MAX_AGE_DAYS
from clerk_app.domain.people import Party
from clerk_app.domain.text import TextError, check_text
from clerk_app.intake.draft import IntakeDraft
from clerk_app.intake.flow import FieldError, IntakeFlow


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _checker(kind: str) -> Callable[[str], str]:
    """The domain's one text validator (trimmed, bounded, no control characters) as a pydantic check."""

    def check(v: str) -> str:
        try:
            return check_text(kind, v)
        except TextError as e:
            raise ValueError(str(e)) from None

    return check


Name = Annotated[str, AfterValidator(_checker("name"))]
IdNumber = Annotated[str, AfterValidator(_checker("id_number"))]
Phone = Annotated[str, AfterValidator(_checker("phone"))]
Address = Annotated[str, AfterValidator(_checker("address"))]
Contact = Annotated[str, AfterValidator(_checker("contact"))]
DeliveryAddress = Annotated[str, AfterValidator(_checker("delivery_address"))]
Short = Annotated[str, AfterValidator(_checker("kind"))]
Code = Annotated[str, AfterValidator(_checker("code"))]
Key = Annotated[str, AfterValidator(_checker("key"))]
Reason = Annotated[str, AfterValidator(_checker("reason"))]
ReferTo = Annotated[str, AfterValidator(_checker("refer_to"))]
Number = Annotated[str, AfterValidator(_checker("number"))]


class PartyIn(_M):
    kind: Short
    name: Name
    id_number: IdNumber
    phone: Phone
    address: Address = ""
    contact: Contact = ""
    id_type: Short = ""  # IdType value; "" = resident ID for a person, credit code for a company


class ItemIn(_M):
    code: Code
    situation: Code | None = None
    answers: dict[Code, Code] = Field(default_factory=dict)
    conditions: list[Code] = Field(default_factory=list)  # 受理条件 the clerk confirmed (their ids)


class DeliveryIn(_M):
    method: Short = "pickup"
    address: DeliveryAddress = ""


class MaterialIn(_M):
    """A material with its counted pieces: ``{"status": "copy", "copies": 1}``."""

    status: MaterialStatus
    originals: int | None = Field(None, ge=0, le=100)
    copies: int | None = Field(None, ge=0, le=100)
    originals_returned: bool | None = None  # originals shown and handed back (核验后退回); None = by the form


class OverrideIn(_M):
    outcome: Outcome
    reason: Reason
    items: list[Code] | None = None  # the item codes whose cases it applies to; none: every case
    ground: Code | None = None  # not_accepted: the legal ground (domain.refusal.GROUNDS id)
    refer_to: ReferTo = ""  # not_accepted as outside this organ's power: the organ to apply to


class IntakeRequest(_M):
    channel: Short = "counter"
    received_at: datetime | None = None
    theme: Code | None = None
    items: list[ItemIn] = Field(default_factory=list)
    applicant: PartyIn
    agent: PartyIn | None = None
    materials: dict[Key, MaterialStatus | MaterialIn] = Field(default_factory=dict)
    materials_as_required: bool = False
    delivery: DeliveryIn = DeliveryIn()
    notice_no: Number | None = None
    override: OverrideIn | None = None


def _party(p: PartyIn | None) -> Party | None:
    if p is None:
        return None
    return Party(p.kind, p.name, p.id_number, p.phone, p.address, p.contact, p.id_type)


def _field(loc: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")


# A material is a status string or an object: pydantic names the union member in the error's
# location. Keep only the errors of the member matching what was given, without the member's name.
_UNION_MEMBERS: dict[str, type] = {"str-enum[MaterialStatus]": str, "MaterialIn": dict}


def _errors(data: Any, exc: ValidationError) -> list[tuple[tuple, dict[str, Any]]]:
    """(location in the request, error) for each error that concerns what was actually given."""
    out: list[tuple[tuple, dict[str, Any]]] = []
    for e in exc.errors():
        loc: list = []
        node = data
        relevant = True
        for part in e["loc"]:
            if isinstance(part, str) and part in _UNION_MEMBERS:
                if not isinstance(node, _UNION_MEMBERS[part]):
                    relevant = False
                    break
                continue
            loc.append(part)
            try:
                node = node[part]
            except (LookupError, TypeError):
                node = None
        if relevant:
            out.append((tuple(loc), dict(e)))
    return out


def type_message(e: dict) -> str:
    """The Chinese message for one pydantic error of a request (JSON: the shared wording)."""
    if e["type"] == "enum":  # a status, a channel…: the values to write, as the request takes them
        return f"取值无效（可选：{pydantic_errors.choices(e.get('ctx') or {})}）"
    return pydantic_errors.reason(e)


def _structural_errors(data: Any, exc: ValidationError) -> list[FieldError]:
    return [FieldError(_field(loc) or "(整个请求)", type_message(e)) for loc, e in _errors(data, exc)]


def _without_refused_parts(data: Any, exc: ValidationError) -> IntakeRequest | None:
    """The request minus what pydantic refused, so the remaining checks still run; None if impossible."""
    pruned = copy.deepcopy(data)
    try:
        for loc, e in reversed(_errors(data, exc)):  # from the back, so list indexes stay valid
            if e["type"] == "missing" or not loc:
                return None
            node = pruned
            for part in loc[:-1]:
                node = node[part]
            if isinstance(node, dict):
                node.pop(loc[-1], None)
            else:
                del node[loc[-1]]
        return IntakeRequest.model_validate(pruned)
    except (ValidationError, LookupError, TypeError):
        return None


def flow_from_json(data: Any, catalogue: Catalogue, calendar: WorkCalendar, now: datetime,
                   mail_max_age_days: int = DEFAULT_MAIL_MAX_AGE_DAYS) -> tuple[IntakeFlow | None, list[FieldError]]:
    """Build the flow; return every problem found (nothing is written here).

    A malformed part (an unknown status, a stray field) does not hide the other problems: it
    is reported, left out, and the rest of the request is still checked.
    """
    try:
        req = IntakeRequest.model_validate(data)
    except ValidationError as exc:
        structural = _structural_errors(data, exc)
        rest = _without_refused_parts(data, exc)
        if rest is None:
            return None, structural
        _, more = _check(rest, catalogue, calendar, now, mail_max_age_days)
        covered = [e.field for e in structural]
        return None, structural + [e for e in more if not any(
            e.field == f or e.field.startswith((f + ".", f + "[")) for f in covered)]
    return _check(req, catalogue, calendar, now, mail_max_age_days)


def _check(req: IntakeRequest, catalogue: Catalogue, calendar: WorkCalendar, now: datetime,
           mail_max_age_days: int = DEFAULT_MAIL_MAX_AGE_DAYS) -> tuple[IntakeFlow | None, list[FieldError]]:
    flow = IntakeFlow(catalogue, calendar, IntakeDraft(notice_no=req.notice_no), mail_max_age_days)
    errs: list[FieldError] = []
    if req.received_at and req.channel != "mail":
        errs.append(FieldError("received_at", "仅信函申请（channel = mail）可填写收到时间"))
    flow.set_channel(req.channel, req.received_at)
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
        flow.set_selections([Selection(i.code, i.situation or "") for i in req.items], req.theme)
    for i in req.items:
        for q, v in i.answers.items():
            flow.answer(i.code, q, v)
    known = {(it.code, c.id) for it, c in flow.conditions()}
    for n, i in enumerate(req.items):
        for cid in i.conditions:
            if (i.code, cid) in known:
                flow.confirm_condition(i.code, cid)
            elif i.code in catalogue.items:
                errs.append(FieldError(f"items[{n}].conditions", f"事项“{catalogue.items[i.code].name}”的本情形没有受理条件 {cid}"))
    flow.set_applicant(_party(req.applicant))
    flow.set_agent(_party(req.agent))
    flow.set_delivery(req.delivery.method, req.delivery.address)
    if req.override:
        flow.set_override(req.override.outcome, req.override.reason, req.override.items)
        flow.set_refusal_ground(req.override.ground, req.override.refer_to)
    base = flow.all_errors(now)
    if any(e.field.startswith("items") or e.field in ("channel", "received_at", "theme") for e in base):
        return None, errs + base

    try:
        lines = flow.checklist()
    except ChecklistError as e:
        return None, [*errs, *base, FieldError("items", str(e))]
    by_key = {ln.key: ln for ln in lines}
    # members of a 任选其一 slot (also one narrowed to a single material for the applicant's document)
    member = {mid: ln for ln in lines for mid in ln.material_ids if mid != ln.key}
    offers: dict[str, list[Provided]] = {}
    for key, given in req.materials.items():
        m = given if isinstance(given, MaterialIn) else MaterialIn(status=given)
        if key in by_key:
            offers.setdefault(key, []).append(Provided(m.status, None, m.copies, m.originals,
                                                            m.originals_returned))
        elif key in member:
            offers.setdefault(member[key].key, []).append(Provided(m.status, key, m.copies, m.originals,
                                                                         m.originals_returned))
        elif key in catalogue.materials:
            errs.append(FieldError(f"materials.{key}", f"“{catalogue.materials[key].name}”不在本次办理的材料清单中"))
        else:
            errs.append(FieldError(f"materials.{key}", "未知的材料标识"))
    if req.materials_as_required:  # first: what the request names wins
        flow.provide_all_as_required()
    for key in sorted(offers):  # a 任选其一 slot named several times: its best offer, whatever the order
        p = best_offer(by_key[key], offers[key])
        flow.provide(key, p.status, choice=p.choice, copies=p.copies, originals=p.originals,
                     originals_returned=p.originals_returned)
    errs += flow.all_errors(now)
    # unique, stable order
    seen: set[tuple[str, str]] = set()
    out: list[FieldError] = []
    for err in errs:
        if (err.field, err.message) not in seen:
            seen.add((err.field, err.message))
            out.append(err)
    return (None if out else flow), out
