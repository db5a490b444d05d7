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
class Party:
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
    ``problem`` says what is wrong with a non-conforming material.
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

    def __post_init__(self) -> None:
        _check(self.mode, MATERIAL_MODES, "材料收取方式")
        object.__setattr__(self, "standard", _tuple(self.standard))
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

    def __post_init__(self) -> None:
        object.__setattr__(self, "legal_basis", _tuple(self.legal_basis))


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
class Clerk:
    """The window clerk; ``substitute_for`` names the absent A-post clerk (AB岗)."""

    name: str
    badge: str = ""
    substitute_for: str | None = None


@dataclass(frozen=True)
class CaseDocument:
    """Input of receipt, acceptance, notice, tolerated, commitment and refusal documents.

    ``outcome``: received, accepted, tolerated, notice, refused. ``notice_no`` is the
    one-time notice's own number (defaults to ``case_no``). ``issued_at`` is the
    document date (defaults to ``received_at``). ``reprint_at`` marks a reprint (补打).
    """

    case_no: str
    items: tuple[ItemLine, ...]
    applicant: Party
    clerk: Clerk
    received_at: datetime
    materials: tuple[PrintedMaterial, ...] = ()
    outcome: str = "received"
    agent: Party | None = None
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

    def __post_init__(self) -> None:
        _check(self.outcome, OUTCOMES, "办件结果")
        _check(self.delivery_method, DELIVERY_METHODS, "结果送达方式")
        object.__setattr__(self, "items", _tuple(self.items))
        object.__setattr__(self, "materials", _tuple(self.materials))
        object.__setattr__(self, "cases", _tuple(self.cases))


@dataclass(frozen=True)
class HandoutDocument:
    """Input of the result hand-out receipt (出件回执).

    ``receiver`` is who took the result at the window (None: the applicant in person);
    with ``method='mail'`` the result went by post with ``tracking_no`` to ``address``.
    """

    case_no: str
    items: tuple[ItemLine, ...]
    applicant: Party
    result: str
    handed_at: datetime
    clerk: Clerk
    method: str = "window"
    receiver: Party | None = None
    courier: str = ""
    tracking_no: str = ""
    address: str = ""
    note: str = ""
    reprint_at: datetime | None = None

    def __post_init__(self) -> None:
        _check(self.method, DELIVERY_METHODS, "出件方式")
        object.__setattr__(self, "items", _tuple(self.items))
