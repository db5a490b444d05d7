"""Request and answer bodies of the sync API (``/v1/...``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from clerk_app.protocol.records import CaseRecord
from clerk_app.protocol.safe_json import EARLIEST_YEAR, LATEST_YEAR, text_problem
from clerk_app.protocol.versions import MAX_AUDIT_BATCH, MAX_PULL_LIMIT, MAX_PUSH_BATCH

SEQ_MAX = 2**53 - 1  # exact in every JSON reader, far below BIGINT
_ID = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"


def _sane_time(value: datetime) -> datetime:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"时间超出合理范围（{EARLIEST_YEAR}–{LATEST_YEAR} 年）")
    return value


def _safe_text(value: str) -> str:
    why = text_problem(value)
    if why:
        raise ValueError(f"文本{why}")
    return value


WireTime = Annotated[datetime, AfterValidator(_sane_time)]
SafeText = Annotated[str, AfterValidator(_safe_text)]


class _Msg(BaseModel):
    model_config = ConfigDict(extra="ignore")  # a newer peer may add fields


class Problem(_Msg):
    """The body of every error answer: a stable code and a plain Chinese message."""

    code: str
    message: str


# --- enrolment -------------------------------------------------------------------

class EnrollRequest(_Msg):
    code: str = Field(min_length=4, max_length=64)
    device_name: str = Field("", max_length=200)
    app_version: str = Field("", max_length=32)


class EnrollResponse(_Msg):
    window_id: str
    window_name: str
    token: str
    server_time: datetime


# --- hello -----------------------------------------------------------------------

class HelloRequest(_Msg):
    window_id: str = Field(pattern=r"^\d{11}$")
    protocol_version: int = Field(ge=0, le=1_000_000)
    app_version: SafeText = Field("", max_length=32)
    store_schema: SafeText = Field("", max_length=200)
    catalogue_version: SafeText = Field("", max_length=64)
    device_time: WireTime
    outbox_seq: int = Field(0, ge=0, le=SEQ_MAX, description="the highest outbox seq this window ever issued")
    audit_seq: int = Field(0, ge=0, le=SEQ_MAX)


class Action(_Msg):
    """Something the window must know or do; ``level`` error stops the round."""

    code: str
    level: Literal["info", "warning", "error"]
    message: str


class HelloResponse(_Msg):
    ok: bool
    server_time: datetime
    protocol_version: int
    min_protocol_version: int
    window_id: str
    actions: list[Action] = Field(default_factory=list)
    push_high_seq: int = 0
    audit_high_seq: int = 0
    catalogue_latest: str | None = None
    stream_heads: dict[str, int] = Field(default_factory=dict)
    # A renewed window token (the centre renews it past half its life): the window keeps it
    # and uses it from now on; the old one works until the new one is first used.
    new_token: str | None = None


# --- push ------------------------------------------------------------------------

# The JSON form of the record a change of that kind carries (``protocol.records.RECORDS``:
# case, notice, case_event, case_material; other kinds are kept as sent). It is parsed into
# its record per change by the centre, not here, so that one bad change is refused on its
# own, with its field paths, instead of refusing the whole batch.
RecordJSON = dict[str, Any]


class Change(_Msg):
    """One outbox entry; ``seq`` numbers a window's changes 1, 2, 3… without gaps.

    The content is either ``payload`` (an object) or ``payload_json`` (the same object as
    JSON text, exactly as a client stored it: the centre keeps and hashes that text as it
    came, and still knows it as the same content as the object form, ``server/batch.py``).
    The window client sends ``payload``, its outbox's compact UTF-8 text spliced in as it is,
    which the centre's encoder writes back to the same text (docs/push.md).
    """

    seq: int = Field(ge=1, le=SEQ_MAX)
    change_id: str = Field(min_length=1, max_length=64, pattern=_ID)
    kind: str = Field(min_length=1, max_length=32, pattern=r"^[a-z][a-z0-9_]*$")
    entity_id: str = Field("", max_length=64, pattern=r"^[A-Za-z0-9._:-]*$")
    created_at: WireTime
    payload: RecordJSON | None = None
    payload_json: str | None = Field(None, max_length=4_000_000)

    @model_validator(mode="after")
    def _one_payload(self) -> Change:
        if (self.payload is None) == (self.payload_json is None):
            raise ValueError("须给出 payload 或 payload_json 之一")
        return self


class PushRequest(_Msg):
    window_id: str = Field(pattern=r"^\d{11}$")
    sent_at: WireTime
    changes: list[Change] = Field(max_length=MAX_PUSH_BATCH)


ChangeStatus = Literal["applied", "duplicate", "rejected", "conflict"]


class ChangeResult(_Msg):
    seq: int
    change_id: str
    status: ChangeStatus
    reason: str | None = None
    original: str | None = None  # for a duplicate: what the first answer was (applied/rejected)


class PushResponse(_Msg):
    results: list[ChangeResult]
    high_seq: int
    server_time: datetime


# --- audit -----------------------------------------------------------------------

class AuditRow(_Msg):
    seq: int = Field(ge=1, le=SEQ_MAX)
    entry_id: str = Field(max_length=64)
    at: str = Field(max_length=64)  # the exact ISO text that went into the hash
    actor: str = Field(max_length=100_000)
    action: str = Field(max_length=1_000)
    subject: str = Field("", max_length=1_000)
    detail: dict[str, Any] = Field(default_factory=dict)
    prev_hash: str = Field(min_length=64, max_length=64)
    hash: str = Field(min_length=64, max_length=64)


class AuditPushRequest(_Msg):
    window_id: str = Field(pattern=r"^\d{11}$")
    rows: list[AuditRow] = Field(max_length=MAX_AUDIT_BATCH)


class AuditPushResponse(_Msg):
    high_seq: int
    stored: int
    duplicate: int


# --- pull ------------------------------------------------------------------------

class PullRequest(_Msg):
    cursors: dict[Annotated[str, Field(max_length=32)], Annotated[int, Field(ge=0, le=SEQ_MAX)]] = Field(
        default_factory=dict, max_length=64)
    limit: int = Field(200, ge=1, le=MAX_PULL_LIMIT)


class StreamRow(_Msg):
    cursor: int
    key: str
    data: dict[str, Any]


class StreamPage(_Msg):
    rows: list[StreamRow]
    next_cursor: int
    more: bool


class PullResponse(_Msg):
    streams: dict[str, StreamPage]
    server_time: datetime


# --- the one-request round (protocol 2) -----------------------------------------

class RoundRequest(HelloRequest):
    """A hello that also carries the window's stream cursors: the answer is the hello's plus
    the first page of each stream whose head is past the cursor (none when nothing moved)."""

    cursors: dict[Annotated[str, Field(max_length=32)], Annotated[int, Field(ge=0, le=SEQ_MAX)]] = Field(
        default_factory=dict, max_length=64)
    limit: int = Field(200, ge=1, le=MAX_PULL_LIMIT)


class RoundResponse(HelloResponse):
    # Only the streams that moved past the window's cursor; ``more`` says pull the rest.
    streams: dict[str, StreamPage] = Field(default_factory=dict)


# --- back office -----------------------------------------------------------------

DecisionAction = Literal["accept", "review", "supplement", "approve", "refuse", "ready", "withdraw",
                         "special_procedure"]


class DecisionRequest(_Msg):
    decision_id: str = Field(min_length=8, max_length=64, pattern=_ID,
                             description="client-made id: a retry is not a new decision")
    case_no: str = Field(min_length=1, max_length=32)
    action: DecisionAction
    note: SafeText = Field("", max_length=2000)
    missing: list[Annotated[SafeText, Field(max_length=500)]] = Field(default_factory=list, max_length=100)
    actor: SafeText = Field("后台审批", min_length=1, max_length=200)
    # ``special_procedure`` (行政许可法 art. 45): which one, from when, to when or for how many working days.
    procedure: str | None = Field(None, max_length=32, description="听证 hearing、检验 inspection、检测 testing、"
                                  "鉴定 appraisal、专家评审 expert_review、招标 tender、拍卖 auction、检疫 quarantine")
    start: date | None = Field(None, description="特别程序开始日期（含）")
    end: date | None = Field(None, description="特别程序结束日期（含）；与 days 二选一")
    days: int | None = Field(None, description="特别程序所需工作日；与 end 二选一")


class DecisionResponse(_Msg):
    status: Literal["applied", "duplicate"]
    case_no: str
    from_status: str | None
    to_status: str
    cursor: int


# --- reading back ----------------------------------------------------------------

class CaseEventOut(_Msg):
    id: str
    case_seq: int
    from_status: str | None
    to_status: str
    actor: str
    source: str
    note: str
    device_at: datetime | None
    received_at: datetime


class ProgressRequest(_Msg):
    """The applicant's progress lookup: the case number and the 查询密码 on their copy of the voucher."""

    case_no: str = Field(max_length=40)
    password: str = Field(max_length=20)


class ProgressOut(_Msg):
    """What the applicant may see of their case: no personal data."""

    case_no: str
    status: str
    status_label: str
    items: list[str]
    updated_at: datetime


class CaseOut(_Msg):
    id: str
    case_no: str
    window_id: str
    status: str
    catalogue_version: str
    received_at: datetime | None
    data: CaseRecord  # the window's latest snapshot, brought to the current record version
    events: list[CaseEventOut]


class DayTally(_Msg):
    day: date
    cases: int
    notices: int
    digest: str  # sha256 over the sorted case and notice numbers of that day


class RecoveryResponse(_Msg):
    """What the centre holds of one window, for ``clerk recover`` after a restore from backup."""

    window_id: str
    high_seq: int  # the highest change seq the centre holds from this window
    counters: dict[str, int]  # "S:<window>:<yymmdd>" -> the highest number the centre holds that day
    cases: list[str]  # case numbers of this window since the day asked for
    notices: list[str]
    audit: list[AuditRow]  # audit entries after the seq asked for (one page)
    audit_high: int  # the highest audit seq the centre holds from this window


class TallyResponse(_Msg):
    window_id: str
    days: list[DayTally]
