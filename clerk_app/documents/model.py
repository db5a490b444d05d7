"""The documents' whole input: frozen dataclasses, no database or catalogue objects.

Callers (CLI, Qt print dialog) map a stored case onto these. Lists may be passed as
lists; they are stored as tuples so the objects stay hashable and immutable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from clerk_app.documents.errors import DocumentError

PARTY_KINDS = ("person", "company")
MATERIAL_MODES = ("received", "e_license", "commitment", "tolerated", "missing", "nonconforming")
OUTCOMES = ("received", "accepted", "tolerated", "notice", "refused")
DELIVERY_METHODS = ("window", "mail")
CHANNELS = ("counter", "mail")
COPIES = ("applicant", "archive")
OWED = ("tolerated", "missing", "nonconforming")
"""Material modes still owed by the applicant: listed on the one-time notice, never as received."""


def _tuple(value: Any) -> tuple:
    """A list/tuple as a tuple; a lone string as a 1-tuple; None as empty."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    return tuple(value)


def _check(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise DocumentError(f"未知的{what}：{value!r}（可选：{'、'.join(allowed)}）")


@dataclass(frozen=True)
class PrintedParty:
    """An applicant or agent. ``id_type`` defaults to 居民身份证 / 统一社会信用代码 by kind."""

    kind: str
    name: str
    id_number: str = ""
    phone: str = ""
    id_type: str = ""
    address: str = ""

    def __post_init__(self) -> None:
        _check(self.kind, PARTY_KINDS, "当事人类型")
        if not self.id_type:
            default = "居民身份证" if self.kind == "person" else "统一社会信用代码"
            object.__setattr__(self, "id_type", default)


@dataclass(frozen=True)
class PrintedMaterial:
    """One row of the material table.

    ``form``: 原件/复印件/原件及复印件… (catalogue codes original/copy/original_and_copy
    are translated). ``mode``: received, e_license, commitment, tolerated, missing,
    nonconforming. ``standard`` and ``review_points`` are printed on the one-time notice;
    ``commitment_text`` on the 告知承诺书; ``supplement_due`` on the 容缺 notice;
    ``problem`` says what is wrong with a non-conforming material. ``items`` names the items
    the material belongs to and ``basis`` the 设定依据 of the requirement (告知承诺书).
    ``received`` says the originals (kept or 核验后退回) and copies handed in, when recorded apart.
    """

    name: str
    form: str = "原件"
    copies: int = 1
    mode: str = "received"
    standard: tuple[str, ...] = ()
    review_points: tuple[str, ...] = ()
    commitment_text: str = ""
    supplement_due: date | None = None
    problem: str | None = None
    items: tuple[str, ...] = ()
    basis: tuple[str, ...] = ()
    received: str = ""  # the pieces handed in, e.g. "原件1份（核验后退回）、复印件2份" ("" = ``copies``)
    after_decision_days: int | None = None  # 告知承诺 delivered within N working days of the decision
    deliver_by: date | None = None  # … by this date, once the case is decided

    def __post_init__(self) -> None:
        _check(self.mode, MATERIAL_MODES, "材料收取方式")
        object.__setattr__(self, "standard", _tuple(self.standard))
        object.__setattr__(self, "items", _tuple(self.items))
        object.__setattr__(self, "basis", _tuple(self.basis))
        object.__setattr__(self, "review_points", _tuple(self.review_points))
        if self.copies < 0:
            raise DocumentError(f"材料「{self.name}」的份数不能为负数")


@dataclass(frozen=True)
class ItemLine:
    """A service item (事项). ``kind``: 承诺件/即办件 (or catalogue codes promised/immediate)."""

    code: str
    name: str
    department: str = ""
    legal_basis: tuple[str, ...] = ()
    promised_days: int | None = None
    kind: str = "承诺件"
    fees: tuple[str, ...] = ()
    review_organ: str = ""
    court: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "legal_basis", _tuple(self.legal_basis))
        object.__setattr__(self, "fees", _tuple(self.fees))

    @property
    def immediate(self) -> bool:
        """即办件 with no day promised: printed 当场办结, never 「0个工作日」."""
        return self.kind in ("immediate", "即办件") and not self.promised_days


@dataclass(frozen=True)
class CaseLine:
    """One case (办件) of an application as the visit's voucher lists it: its own outcome and date.

    ``outcome``: received, accepted, tolerated, refused (as :attr:`CaseDocument.outcome`).
    """

    case_no: str
    item: str
    department: str = ""
    outcome: str = "received"
    due_date: date | None = None

    def __post_init__(self) -> None:
        _check(self.outcome, OUTCOMES, "办件结果")


@dataclass(frozen=True)
class PrintedClerk:
    """The window clerk: ``staff_no`` (工号) and ``badge`` (工作牌号) are printed under their own
    labels; ``substitute_for`` names the absent A-post clerk (AB岗)."""

    name: str
    badge: str = ""
    staff_no: str = ""
    substitute_for: str | None = None


@dataclass(frozen=True)
class CaseDocument:
    """Input of receipt, acceptance, notice, tolerated, commitment and refusal documents.

    ``outcome``: received, accepted, tolerated, notice, refused. ``notice_no`` is the
    one-time notice's own number (defaults to ``case_no``). ``issued_at`` is the
    document date (defaults to ``received_at``). ``reprint_at`` marks a reprint (补打).

    Every date a paper prints comes from these fields, taken from the case record:
    ``received_at`` (收件/受理 time; for a letter the day it arrived), ``issued_at``,
    ``due_date``, ``supplement_due`` and each material's ``supplement_due`` (see
    :meth:`due_of`), ``accept_by`` (a received case: by when acceptance is decided).
    ``channel``: ``counter`` or ``mail`` (信函申请: no one stands at the counter).
    ``query_password`` (查询密码) is printed on the applicant's copy only (``copy``).
    ``refusal_article`` (article and item applied) and ``refer_to`` (the competent organ)
    are printed on a refusal. ``accepted_at``: when a case received at the window was accepted
    later by the department (its status event); None means accepted on receipt.
    """

    case_no: str
    items: tuple[ItemLine, ...]
    applicant: PrintedParty
    clerk: PrintedClerk
    received_at: datetime
    materials: tuple[PrintedMaterial, ...] = ()
    outcome: str = "received"
    agent: PrintedParty | None = None
    due_date: date | None = None
    supplement_due: date | None = None
    delivery_method: str = "window"
    delivery_address: str = ""
    reason: str = ""
    note: str = ""
    notice_no: str = ""
    issued_at: datetime | None = None
    reprint_at: datetime | None = None
    application_no: str = ""  # the application (申办) of the visit, when it holds several cases
    cases: tuple[CaseLine, ...] = ()  # every case of that application, each with its own outcome and date
    channel: str = "counter"
    accept_by: date | None = None
    query_password: str = ""
    copy: str = "applicant"
    refusal_article: str = ""
    refer_to: str = ""
    refusal_ground: str = ""  # the legal ground as stated, e.g. 申请事项依法不属于本行政机关职权范围
    accepted_at: datetime | None = None

    def __post_init__(self) -> None:
        _check(self.outcome, OUTCOMES, "办件结果")
        _check(self.channel, CHANNELS, "申请方式")
        _check(self.copy, COPIES, "联次")
        _check(self.delivery_method, DELIVERY_METHODS, "结果送达方式")
        object.__setattr__(self, "items", _tuple(self.items))
        object.__setattr__(self, "materials", _tuple(self.materials))
        object.__setattr__(self, "cases", _tuple(self.cases))

    @property
    def by_mail(self) -> bool:
        return self.channel == "mail"

    def due_of(self, m: PrintedMaterial) -> date | None:
        """The one supplement date of a material: its own, else the case's."""
        return m.supplement_due or self.supplement_due

    def tolerated_deadline(self) -> date | None:
        """The date by which every 容缺 material is due: the latest of their dates."""
        dues = [d for d in (self.due_of(m) for m in self.materials if m.mode == "tolerated") if d]
        return max(dues) if dues else None


@dataclass(frozen=True)
class HandoutDocument:
    """Input of the 领取回执 (the result handed over at the window) and the mailing label (邮寄标签).

    ``receiver`` is who took the result at the window (None: the applicant in person), as
    ``receiver_role`` (applicant / legal_rep / agent; "" in records from before); an agent's
    授权委托书 is ``authorisation_kept`` with its scope and date. With ``method='mail'`` the result
    went by post to ``receiver`` at ``address`` with ``courier`` (its name) and ``tracking_no``,
    postage borne by ``cost_bearer`` (applicant / government).
    """

    case_no: str
    items: tuple[ItemLine, ...]
    applicant: PrintedParty
    result: str
    handed_at: datetime
    clerk: PrintedClerk
    method: str = "window"
    receiver: PrintedParty | None = None
    courier: str = ""
    tracking_no: str = ""
    address: str = ""
    note: str = ""
    reprint_at: datetime | None = None
    receiver_role: str = ""
    authorisation_kept: bool = False
    authorisation_scope: str = ""
    authorisation_date: date | None = None
    cost_bearer: str = ""

    def __post_init__(self) -> None:
        _check(self.method, DELIVERY_METHODS, "出件方式")
        object.__setattr__(self, "items", _tuple(self.items))


SUPPLEMENT_KINDS = ("correction", "tolerated")  # 补正 asked by the back office; 容缺 materials


@dataclass(frozen=True)
class SuppliedPiece:
    """One material brought later: name, form (原件/复印件) and count."""

    name: str
    form: str = "原件"
    count: int = 1


@dataclass(frozen=True)
class SupplementDocument:
    """Input of the 补正/补齐材料收件凭证: what was brought later for a case, when, to whom.

    ``kind``: correction (补正, asked by the back office on ``asked_on`` for ``asked``) or
    tolerated (容缺 materials; ``outstanding`` lists those still to come with their dates).
    ``due_date`` is the case's one due date after the supplement (None: still suspended);
    ``stop_from``/``stop_to`` the 补正 days not counted. ``received_at`` the case's own receipt.
    """

    case_no: str
    items: tuple[ItemLine, ...]
    applicant: PrintedParty
    clerk: PrintedClerk
    supplied_at: datetime
    pieces: tuple[SuppliedPiece, ...]
    kind: str = "tolerated"
    received_at: datetime | None = None
    agent: PrintedParty | None = None
    asked: tuple[str, ...] = ()
    asked_on: date | None = None
    stop_from: date | None = None
    stop_to: date | None = None
    due_date: date | None = None
    outstanding: tuple[tuple[str, date | None], ...] = ()
    note: str = ""
    reprint_at: datetime | None = None

    def __post_init__(self) -> None:
        _check(self.kind, SUPPLEMENT_KINDS, "补交类型")
        object.__setattr__(self, "items", _tuple(self.items))
        object.__setattr__(self, "pieces", _tuple(self.pieces))
        object.__setattr__(self, "asked", _tuple(self.asked))
        object.__setattr__(self, "outstanding", _tuple(self.outstanding))
