"""Who may collect a result at the window (出件), and how a mailed result's postage is borne.

The rule (行政许可 practice, "凭受理凭证及有效身份证件领取"; a third party only as the applicant's
agent, 代领人, with the agent's own identity document and the applicant's 授权委托书):

- ``applicant``: the applicant in person. For a company that is the contact (经办人) it gave at
  intake; the name must be the one on file. An ID shown is checked and, for a person, must be the
  document on file (same type and number).
- ``legal_rep``: a company's legal representative (法定代表人), with an identity document.
- ``agent``: anyone else, with an identity document of any type of
  :data:`~clerk_app.domain.identity.ID_TYPES` a person holds (checked by its own rule) and the
  applicant's 授权委托书, which the clerk checks and keeps; its scope and date are recorded when
  given. A third party with no identity document is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from clerk_app.domain.identity import (
    ID_TYPE_LABELS,
    ID_TYPES,
    IdentityError,
    IdType,
    check_id_for_kind,
    check_phone,
    parse_id_type,
)

RECEIVER_ROLES: dict[str, str] = {
    "applicant": "申请人本人（单位为登记的联系人）",
    "legal_rep": "单位法定代表人",
    "agent": "代领人（凭身份证件及授权委托书）",
}
ROLE_SHORT: dict[str, str] = {"applicant": "申请人本人", "legal_rep": "法定代表人", "agent": "代领人"}
COST_BEARERS: dict[str, str] = {"applicant": "申请人到付", "government": "政府付费（免费寄递）"}
DEFAULT_SCOPE = "代为领取办理结果"
MAX_SCOPE = 200


class CollectorRefused(ValueError):
    """The person at the window may not collect; ``str()`` is a message for the clerk."""


@dataclass(frozen=True)
class Collector:
    role: str
    name: str
    id_type: str = ""  # an IdType value, "" when no document was recorded
    id_number: str = ""  # full (kept on the hand-out record); papers and logs show it masked
    phone: str = ""
    authorisation_kept: bool = False
    authorisation_scope: str = ""
    authorisation_date: date | None = None


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a or "") == re.sub(r"\s+", "", b or "")


def person_id_choices() -> tuple[tuple[str, str], ...]:
    """The identity documents a person may show, as (IdType value, label)."""
    return tuple((t.value, d.label) for t, d in ID_TYPES.items() if d.party_kind == "person")


def check_collector(*, applicant_kind: str, applicant_name: str, applicant_contact: str = "",
                    applicant_id_type: str = "", applicant_id_number: str = "",
                    role: str, name: str, id_type: str = "", id_number: str = "", phone: str = "",
                    authorisation_kept: bool = False, authorisation_scope: str = "",
                    authorisation_date: date | None = None, today: date) -> Collector:
    """The collector as recorded, or :class:`CollectorRefused` saying what is missing or wrong."""
    if role not in RECEIVER_ROLES:
        raise CollectorRefused("请选择领取人身份：" + "、".join(RECEIVER_ROLES.values()))
    name = re.sub(r"\s+", " ", name or "").strip()
    if len(name) < 2:
        raise CollectorRefused("请填写领取人姓名")
    company = applicant_kind == "company"
    if role == "applicant":
        expected = applicant_contact if company else applicant_name
        if company and not applicant_contact.strip():
            raise CollectorRefused("申请单位未登记联系人：法定代表人领取请选择“单位法定代表人”，"
                                   "其他人领取请选择“代领人”并查验身份证件和授权委托书")
        if not _same(name, expected):
            who = f"申请单位登记的联系人“{expected}”" if company else f"申请人“{expected}”本人"
            raise CollectorRefused(f"领取人“{name}”不是{who}。他人代领须选择“代领人”，"
                                   "并查验代领人的身份证件和申请人签署的授权委托书")
    if role == "legal_rep" and not company:
        raise CollectorRefused("申请人为个人，没有法定代表人；他人代领请选择“代领人”")
    number = (id_number or "").strip()
    if not number and role == "agent":
        raise CollectorRefused(f"“{name}”不是申请人本人，代领须出示本人有效身份证件：请填写代领人的证件号码。"
                               "未出示身份证件的，不予代领")
    if not number and role == "legal_rep":
        raise CollectorRefused("法定代表人领取须出示本人有效身份证件：请填写证件号码")
    kind_id = ""
    if number:
        try:
            kind_id = parse_id_type(id_type or IdType.RESIDENT_ID).value
            number = check_id_for_kind("person", kind_id, number)
        except IdentityError as exc:
            raise CollectorRefused(f"领取人{exc}") from None
        on_file = applicant_id_type or IdType.RESIDENT_ID
        if role == "applicant" and not company and applicant_id_number and on_file != kind_id:
            # a document of another type cannot be matched with the one on file: it does not show
            # that the person at the window is the applicant
            raise CollectorRefused(f"领取人出示的{ID_TYPE_LABELS.get(kind_id, kind_id)}与申请时登记的申请人证件"
                                   f"（{ID_TYPE_LABELS.get(on_file, on_file)}）不是同一证件，无法核对是否申请人本人："
                                   "请出示申请时登记的证件；他人代领请选择“代领人”")
        if role == "applicant" and not company and applicant_id_number and number != applicant_id_number.upper():
            raise CollectorRefused("领取人证件号码与申请时登记的申请人证件号码不一致，请核对证件；"
                                   "他人代领请选择“代领人”")
    tel = ""
    if (phone or "").strip():
        try:
            tel = check_phone(phone)
        except IdentityError as exc:
            raise CollectorRefused(f"领取人{exc}") from None
    scope = re.sub(r"\s+", " ", authorisation_scope or "").strip()
    if role != "agent":
        return Collector(role, name, kind_id, number, tel)
    if not authorisation_kept:
        raise CollectorRefused("代领须查验申请人签署的授权委托书并留存：请勾选“已查验并留存授权委托书”")
    if len(scope) > MAX_SCOPE:
        raise CollectorRefused(f"委托事项不能超过{MAX_SCOPE}字")
    if authorisation_date is not None and authorisation_date > today:
        raise CollectorRefused("授权委托书的签署日期不能晚于今天")
    return Collector(role, name, kind_id, number, tel, True, scope or DEFAULT_SCOPE, authorisation_date)
