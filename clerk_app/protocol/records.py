"""The typed records of an intake, in one place: case, notice, material line, event, party and clerk.

The window builds them from its store (``services.records``), the outbox carries them as
JSON, the centre parses every pushed ``case``/``notice``/``case_event``/``case_material``
payload into them (:func:`parse_payload`) and refuses, per change, one that does not parse,
naming the field. ``--json`` output is their JSON form.

Records are versioned (``schema_version``). A payload written by an older window, still
waiting in an outbox, is brought up to date by the numbered steps in :data:`UPGRADES`
before it is parsed, one version at a time, like a wallet file being upgraded: never
discarded. Add a step (and a test) whenever a record's shape changes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, computed_field

from clerk_app.domain.case import STATUS_LABELS, CaseStatus
from clerk_app.domain.decision import OUTCOME_LABELS, Outcome, Received
from clerk_app.protocol.safe_json import MAX_ITEMS

RECORD_VERSION = 3

# The bounds the centre's generic check (``protocol.safe_json``) puts on any pushed JSON, carried
# by the typed fields themselves, so that a parsed record proves them (``protocol.record_bounds``).
Int64 = Annotated[int, Field(gt=-(2**63), lt=2**63)]
T = TypeVar("T")
Items = Annotated[list[T], Field(max_length=MAX_ITEMS)]


class _Record(BaseModel):
    # frozen: a read model is never edited in place; extra ignored: a newer window may add fields
    model_config = ConfigDict(frozen=True, extra="ignore")

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")



class PartySnapshot(_Record):
    """The applicant or agent as they were at intake (the domain's ``Party``, frozen into the record)."""

    kind: str
    name: str
    id_number: str = ""
    phone: str = ""
    address: str = ""
    contact: str = ""
    id_type: str = ""  # an IdType value; "" in records from before document types (= the kind's default)


class ClerkSnapshot(_Record):
    """Who acted, and for whom when standing in (AB角)."""

    id: str
    name: str
    badge: str = ""
    on_behalf_of_id: str | None = None
    on_behalf_of_name: str | None = None


class ItemSnapshot(_Record):
    """A service item (事项) with the situation that applied, as the catalogue said at intake."""

    code: str
    name: str
    department: str = ""
    situation: str = ""
    situation_name: str = ""
    kind: str = "promised"
    promised_days: Int64 | None = None
    legal_days: Int64 | None = None
    legal_basis: Items[str] = Field(default_factory=list)
    item_type: str = ""
    handling_code: str = ""  # the 办理项编码 (else the 实施编码) the case was taken under; "" before it was kept
    conditions_confirmed: Items[str] = Field(default_factory=list)  # ids of the 受理条件 the clerk confirmed
    tolerated_overdue_outcome: str = ""  # the catalogue's word on a 容缺 material not supplied in time


class MaterialLine(_Record):
    """One checklist line with what was handed in: the same record for a case and a notice."""

    id: str = ""
    position: Int64 = 0
    key: str
    name: str
    material_ids: Items[str] = Field(default_factory=list)
    choice: str | None = None
    form: str
    form_label: str = ""
    copies: Int64 = 1  # the pieces the line counts (as handed in, else as asked)
    # what was handed in on paper, apart (None: not recorded apart, e.g. records from before):
    originals: Int64 | None = None  # originals received or shown
    copies_received: Int64 | None = None  # copies received
    originals_returned: bool | None = None  # the originals were shown and handed back (核验后退回)
    status: str
    status_label: str = ""
    verdict: str
    problem: str = ""
    required: bool = True
    condition: str = ""
    review_points: Items[str] = Field(default_factory=list)
    standard: str = ""
    commitment_text: str = ""
    commitment_after_decision: bool = False
    tolerate_days: Int64 | None = None
    items: Items[str] = Field(default_factory=list)
    supplement_due: date | None = None
    supplied_at: datetime | None = None
    supplied_form: str = ""  # brought later: original | copy
    supplied_count: Int64 | None = None
    supplied_by: ClerkSnapshot | None = None
    # 告知承诺 to deliver after the decision: the working days the catalogue gave at intake, and the
    # date it falls on, set when the case is decided (准予); None before (or for any other line)
    after_decision_days: Int64 | None = None
    deliver_by: date | None = None

    def after_decision_text(self) -> str:
        """"审批决定之日起10个工作日内提交（2026-12-21前）", or "" for a line not promised after the decision."""
        if not self.after_decision_days:
            return ""
        by = f"（{self.deliver_by.isoformat()}前）" if self.deliver_by else "（日期自作出决定之日起计算）"
        return f"审批决定之日起{self.after_decision_days}个工作日内提交{by}"

    def received_text(self) -> str:
        """"原件1份（核验后退回）、复印件2份", or "" when the pieces were not recorded apart."""
        if self.originals is None or self.copies_received is None:
            return ""
        return Received(self.originals, self.copies_received, bool(self.originals_returned)).text()


class EventRecord(_Record):
    """A status move of a case (``from`` → ``to``)."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)

    id: str
    at: datetime
    from_: str | None = Field(None, alias="from")
    to: CaseStatus
    actor: str = ""
    source: str = "window"
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


class ReceivedPiece(_Record):
    """One material brought for a supplement: what it is, in what form, how many."""

    key: str = ""  # the material line's key, or ``missing:<n>`` for a 补正 request's n-th entry
    name: str
    form: str = "original"  # original | copy
    count: int = Field(1, ge=1, le=99)

    @property
    def form_label(self) -> str:
        return "原件" if self.form == "original" else "复印件"


class ClockStop(_Record):
    """Days a case's promised time does not count: a 补正 (asked → supplement received) or a
    special procedure of 行政许可法 art. 45 (听证、检验、检测、鉴定、专家评审…), recorded by the back office."""

    id: str  # the back office's decision id
    kind: str  # "correction" (补正) or a domain.clock.SPECIAL_PROCEDURES key
    start: date
    end: date | None = None  # None: a 补正 still outstanding
    days: Int64 | None = None  # a special procedure given in working days
    note: str = ""
    actor: str = ""
    missing: Items[str] = Field(default_factory=list)  # a 补正: what the back office asked for
    received: list[ReceivedPiece] = Field(default_factory=list)  # a 补正: what arrived
    received_at: datetime | None = None
    received_by: ClerkSnapshot | None = None


class Delivery(_Record):
    method: str = "pickup"
    address: str = ""


class CaseRecord(_Record):
    schema_version: Int64 = RECORD_VERSION
    id: str
    case_no: str
    window_id: str
    channel: str = "counter"
    status: CaseStatus
    outcome: Outcome
    rules_outcome: Outcome
    override_reason: str | None = None
    not_accepted_reason: str | None = None
    refusal_ground: str | None = None  # the legal ground of a 不予受理 (domain.refusal.GROUNDS id)
    refer_to: str | None = None  # for a matter outside this organ's power: the organ to apply to
    # the 查询密码's salted digest (protocol.query_password), for the centre's progress lookup; the
    # password itself stays on the window
    query_password_hash: str | None = None
    catalogue_version: str = ""
    theme_id: str | None = None
    items: list[ItemSnapshot]
    applicant: PartySnapshot
    agent: PartySnapshot | None = None
    delivery: Delivery = Delivery()
    received_at: datetime
    due_date: date | None = None
    supplement_due: date | None = None
    deadline_provisional: bool = False
    clerk: ClerkSnapshot
    notice_no: str | None = None
    application_no: str | None = None  # the application (申办) of the visit; its other cases share it
    result_note: str | None = None
    created_at: datetime
    updated_at: datetime
    row_version: Int64 = 1
    materials: list[MaterialLine] = Field(default_factory=list)
    clock_stops: list[ClockStop] = Field(default_factory=list)  # days not counted (补正, 特别程序)
    events: list[EventRecord] | None = None  # None: not loaded (lists of cases)
    # results out: a mailed case's courier (its name) and tracking number ("" otherwise)
    courier: str = ""
    tracking_no: str = ""

    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented use on a property
    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    def to_json(self) -> dict[str, Any]:
        out = self.model_dump(mode="json", exclude={"events"})
        if self.events is not None:
            out["events"] = [e.to_json() for e in self.events]
        return out

    def open_correction(self) -> ClockStop | None:
        """The 补正 the back office asked for and the window has not yet received."""
        return next((c for c in self.clock_stops if c.kind == "correction" and c.end is None), None)

    def after_decision_commitments(self) -> list[MaterialLine]:
        """The materials promised (告知承诺) to be delivered after the decision, with their deadlines."""
        return [m for m in self.materials if m.after_decision_days]

    def pending_supplement(self) -> list[str]:
        """Keys of the tolerated materials still to be brought."""
        return [m.key for m in self.materials if m.verdict == "tolerated" and m.supplied_at is None]


class NoticeRecord(_Record):
    schema_version: Int64 = RECORD_VERSION
    id: str
    notice_no: str
    window_id: str
    catalogue_version: str = ""
    theme_id: str | None = None
    items: list[ItemSnapshot]
    applicant: PartySnapshot
    agent: PartySnapshot | None = None
    materials: list[MaterialLine] = Field(default_factory=list)
    created_at: datetime
    clerk: ClerkSnapshot
    followed_by_case: str | None = None


class CaseEventChange(EventRecord):
    """The ``case_event`` change: an event and the case it belongs to."""

    schema_version: Int64 = RECORD_VERSION
    case_id: str
    case_no: str = ""


class NoteRecord(_Record):
    """Something recorded on a case without a status move: a note, a rating (好差评), an enquiry."""

    schema_version: Int64 = RECORD_VERSION
    id: str
    case_id: str
    case_no: str = ""
    at: datetime
    kind: str
    actor: str = ""
    text: str = ""
    detail: dict[str, Any] = Field(default_factory=dict)


class EnquiryRecord(_Record):
    """An enquiry answered at the window without opening a case (咨询登记, 首问负责; the ``enquiry`` change).

    Who asked is optional; an ID number travels masked only (``asker_id_masked``).
    """

    schema_version: Int64 = RECORD_VERSION
    id: str
    window_id: str
    at: datetime
    clerk: ClerkSnapshot
    asker_name: str = ""
    asker_phone: str = ""
    asker_id_masked: str = ""
    item_code: str
    item_name: str
    department: str = ""
    question: str = ""
    answer: str
    materials_printed: bool = False


class HandoutRecord(_Record):
    """The result handed over at the window or posted (the 领取回执's and mailing label's input; the ``handout`` change)."""

    schema_version: Int64 = RECORD_VERSION
    id: str
    case_id: str
    case_no: str = ""
    method: str  # window | mail
    result: str
    receiver: PartySnapshot | None = None
    courier: str = ""
    tracking_no: str = ""
    address: str = ""
    note: str = ""
    handed_at: datetime
    clerk: ClerkSnapshot
    # results out (optional; "" / False / None in records written before):
    receiver_role: str = ""  # applicant | legal_rep | agent (at the window); "" for mail or unknown
    authorisation_kept: bool = False  # an agent's 授权委托书 was checked and kept on file
    authorisation_scope: str = ""  # the entrustment's scope as the 委托书 states it
    authorisation_date: date | None = None  # the date the 委托书 was signed
    courier_code: str = ""  # domain.tracking.COURIERS; ``courier`` keeps the name
    cost_bearer: str = ""  # applicant (到付) | government (免费寄递)


class CaseMaterialChange(MaterialLine):
    """The ``case_material`` change: a line updated after intake (e.g. a supplement brought)."""

    schema_version: Int64 = RECORD_VERSION
    case_id: str
    case_no: str = ""


# -- upgrades: numbered steps from each older version to the next --------------------------

def _flatten_material(line: dict[str, Any]) -> dict[str, Any]:
    """v1 case material rows kept half the line under ``detail``; v2 has one flat line."""
    raw = line.get("detail")
    detail: dict[str, Any] = raw if isinstance(raw, dict) else {}
    return {**detail, **{k: v for k, v in line.items() if k != "detail"}}


def _case_v1_to_v2(d: dict[str, Any]) -> dict[str, Any]:
    mats = d.get("materials")
    lines = [_flatten_material(m) if isinstance(m, dict) else m for m in mats] if isinstance(mats, list) else mats
    return {**d, "materials": lines, "schema_version": 2}


def _case_v2_to_v3(d: dict[str, Any]) -> dict[str, Any]:
    """v3 names the case's application; a case written before had its own one-case application,
    numbered like the case with the prefix ``A`` (as the store's migration ``0010_applications`` does)."""
    no = d.get("case_no")
    app_no = "A" + no[1:] if isinstance(no, str) and no[:1] == "S" and len(no) == 22 else None
    return {**d, "application_no": d.get("application_no", app_no), "schema_version": 3}


def _notice_v1_to_v2(d: dict[str, Any]) -> dict[str, Any]:
    mats = d.get("materials")
    if isinstance(mats, list):
        mats = [{**m, "position": m.get("position", i)} if isinstance(m, dict) else m for i, m in enumerate(mats)]
    return {**d, "materials": mats, "schema_version": 2}


def _material_v1_to_v2(d: dict[str, Any]) -> dict[str, Any]:
    return {**_flatten_material(d), "schema_version": 2}


def _tag_v2(d: dict[str, Any]) -> dict[str, Any]:
    return {**d, "schema_version": 2}


Upgrade = Callable[[dict[str, Any]], dict[str, Any]]
UPGRADES: dict[str, dict[int, Upgrade]] = {
    "case": {1: _case_v1_to_v2, 2: _case_v2_to_v3},
    "notice": {1: _notice_v1_to_v2},
    "case_event": {1: _tag_v2},
    "case_material": {1: _material_v1_to_v2},
}
RECORDS: dict[str, type[_Record]] = {
    "case": CaseRecord,
    "notice": NoticeRecord,
    "case_event": CaseEventChange,
    "case_material": CaseMaterialChange,
    "case_note": NoteRecord,
    "handout": HandoutRecord,
    "enquiry": EnquiryRecord,
}


class RecordError(ValueError):
    """A payload that is not a valid record; ``fields`` names each problem by its path."""

    def __init__(self, kind: str, fields: list[tuple[str, str]]):
        self.kind = kind
        self.fields = fields
        super().__init__("；".join(f"{path}: {why}" if path else why for path, why in fields))


def upgrade(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` brought to :data:`RECORD_VERSION` by the numbered steps (a copy; the input is kept)."""
    version = data.get("schema_version", 1)
    if not isinstance(version, int) or version < 1:
        raise RecordError(kind, [("schema_version", f"无效的版本 {version!r}")])
    if version > RECORD_VERSION:
        raise RecordError(kind, [("schema_version", f"版本 {version} 比本程序认识的 {RECORD_VERSION} 新，请先升级")])
    steps = UPGRADES.get(kind, {})
    while version < RECORD_VERSION:
        data = steps[version](data) if version in steps else {**data, "schema_version": version + 1}
        version += 1
    return data


def _path(loc: tuple[Any, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")


def parse_payload(kind: str, data: Any) -> _Record:
    """Upgrade and validate one pushed payload; raises :class:`RecordError` naming every bad field."""
    if not isinstance(data, dict):
        raise RecordError(kind, [("", "不是 JSON 对象")])
    try:
        return RECORDS[kind].model_validate(upgrade(kind, data))
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            path = _path(e["loc"])
            problems.append((path, "缺少此字段" if e["type"] == "missing" else e["msg"]))
        raise RecordError(kind, problems) from None


def missing_fields(err: RecordError) -> list[str]:
    return [p for p, why in err.fields if why == "缺少此字段"]
