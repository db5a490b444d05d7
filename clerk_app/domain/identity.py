"""Identity documents of applicants and agents, and phones, with clear Chinese messages.

Every document a Chinese counter sees has its own check (:data:`ID_TYPES`, :func:`check_id`):

- 居民身份证 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence, ISO 7064
  MOD 11-2 check digit. We check the digits, the check digit, the birth date (a real date, not in
  the future, not before 1880) and the *province* part of the address code. We never refuse on
  the county code's history: a card carries the code in force when it was issued, not the one of
  the birth year (python-stdnum's ``ric.validate`` refuses 吉首 ``433101197501011231`` and 浦东
  ``310115198001011238`` for that reason); an unknown county only gives a soft note
  (:func:`id_notes`).
- 港澳台居民居住证 (2018): the same 18-digit structure and check digit; the address code is
  810000 (香港), 820000 (澳门) or 830000 (台湾). Beijing's published sample numbers
  ``810000199408230021`` and ``830000199201300022`` pass.
- 外国人永久居留身份证: the 2023 card (issued from 2023-12-01) has 18 digits modelled on the
  citizen number: "9", 2-digit province code of the issuing place, 3-digit numeric nationality
  code, 8-digit birth date, sequence, MOD 11-2 check digit (国家移民管理局《新版外国人永久居留身份证
  机读信息规则（2023版）》 as republished at eastcoms.com/service/pro/840.html: "由 15 位（3 位拉丁
  字母+12 位数字）调整为 18 位……首位设置为“9”……最后一位采用 MOD11-2 算法设置为校验码，与公民身份
  号码校验方式相同"). The older 15-character card: 3-letter nationality code, 4-digit issuing
  region, 6-digit birth date (YYMMDD), one sequence digit and a check digit computed over the
  first 14 characters with the ICAO 9303 7-3-1 machine-readable-zone method (letters count
  A=10 … Z=35), as read in the open CredentialKit validator (howardli/CredentialKit).
- 港澳居民来往内地通行证 (回乡证): H (香港) or M (澳门) and 8 digits; older cards carry 2 more
  digits (the renewal count). No public check digit.
- 台湾居民来往大陆通行证 (台胞证): 8 digits (card since 2015), or 10 digits on older ones.
- 护照: 5 to 17 letters and digits with at least one digit (the printed number has no public
  check digit; the MRZ does, but the clerk types the number). Chinese passports are E + 8
  characters; foreign ones vary.
- 统一社会信用代码 (GB 32100-2015), via python-stdnum ``uscc``.
- 无统一社会信用代码: a body without a code (e.g. a 村民小组, a foreign organisation) is recorded
  under a *named* exemption from :data:`ORG_EXEMPTIONS`; the value is the exemption's id.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stdnum.cn import uscc

from clerk_app.domain.text import INVISIBLE_CHARS


class IdentityError(ValueError):
    """An identity field is wrong; ``str()`` is a message for the clerk, ``field`` names the field."""

    def __init__(self, message: str, field: str = "id_number"):
        super().__init__(message)
        self.field = field


# Spaces, and the invisible characters a number copied from a web page or a spreadsheet brings along
# (the text rule's set: zero-width marks, direction marks, BOM, soft hyphen): never part of a number.
_WS = re.compile(rf"[\s{INVISIBLE_CHARS}]+")
_USCC_ALPHABET = frozenset("0123456789ABCDEFGHJKLMNPQRTUWXY")  # GB 32100-2015: no I, O, Z, S, V
_USCC_HEAD = re.compile(r"[1-9ANY][1-9][0-9]{6}")
EARLIEST_BIRTH = date(1880, 1, 1)

# Province-level codes of GB/T 2260 (71 台湾 included: never refuse a real card on its region).
PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
})
HMT_PREFIXES = {"810000": "香港", "820000": "澳门", "830000": "台湾"}


def _compact(value: str) -> str:
    """Spaces out, upper case, and full-width forms (``１１０…Ｘ``, as a Chinese input method in
    full-width mode types them) read as the ASCII characters they stand for (NFKC)."""
    return _WS.sub("", unicodedata.normalize("NFKC", value or "")).upper()


def mod11_2_check_digit(body17: str) -> str:
    """ISO 7064 MOD 11-2 check character of a 17-digit body (GB 11643-1999)."""
    total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(body17))
    return "10X98765432"[total % 11]


def icao_check_digit(text: str) -> str:
    """ICAO 9303 check digit (weights 7, 3, 1; digits as themselves, A=10 … Z=35, '<'=0)."""
    total = 0
    for i, c in enumerate(text):
        v = int(c) if c.isdigit() else (ord(c) - 55 if c.isalpha() else 0)
        total += v * (7, 3, 1)[i % 3]
    return str(total % 10)


def _birth_date(yyyymmdd: str, today: date | None = None) -> date | None:
    """The birth date if real and plausible (1880 … today), else None."""
    try:
        d = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None
    if d < EARLIEST_BIRTH or d > (today or date.today()):
        return None
    return d


def _check_18(v: str, what: str) -> None:
    """Length, characters and check digit of an 18-character number of the GB 11643 family."""
    if not v:
        raise IdentityError(f"请填写{what}")
    if len(v) != 18:
        raise IdentityError(f"{what}应为18位，当前为{len(v)}位")
    if not re.fullmatch(r"[0-9]{17}[0-9X]", v):
        raise IdentityError(f"{what}只能由数字组成，最后一位可以是 X")
    if mod11_2_check_digit(v[:17]) != v[17]:
        raise IdentityError(f"{what}校验位不正确，请核对最后一位")


def check_resident_id(value: str) -> str:
    """Validate an 18-digit resident ID (居民身份证号码); return it compacted.

    Check digit, birth date (1880 … today) and province code; never the county's history.
    """
    v = _compact(value)
    if len(v) == 15 and v.isdigit():
        raise IdentityError("身份证号码为15位的第一代居民身份证号码，该证已于2013年1月1日停止使用，请出示第二代居民身份证（18位）")
    _check_18(v, "身份证号码")
    if v[:6] in HMT_PREFIXES:
        raise IdentityError("身份证号码栏填的是港澳台居民居住证号码，请将证件类型选为“港澳台居民居住证”")
    if v[0] == "9" and v[1:3] in PROVINCE_CODES and _birth_date(v[6:14]) is not None:
        raise IdentityError("身份证号码栏填的是外国人永久居留身份证号码，请将证件类型选为“外国人永久居留身份证”")
    if v[:2] not in PROVINCE_CODES:
        raise IdentityError("身份证号码中的出生日期或地区码无效")
    if int(v[6:10]) > date.today().year:
        raise IdentityError("身份证号码中的出生日期晚于今天")
    if _birth_date(v[6:14]) is None:
        if _birth_date(v[6:14], date.max) is not None:
            raise IdentityError("身份证号码中的出生日期晚于今天")
        raise IdentityError("身份证号码中的出生日期或地区码无效")
    return v


def check_hmt_residence(value: str) -> str:
    """港澳台居民居住证号码: 810000/820000/830000, birth date, sequence, MOD 11-2 check digit."""
    v = _compact(value)
    _check_18(v, "居住证号码")
    if v[:6] not in HMT_PREFIXES:
        raise IdentityError("港澳台居民居住证号码应以 810000（香港）、820000（澳门）或 830000（台湾）开头")
    if _birth_date(v[6:14]) is None:
        raise IdentityError("居住证号码中的出生日期无效")
    return v


def check_foreign_pr(value: str) -> str:
    """外国人永久居留身份证号码: the 2023 18-digit form or the older 15-character form."""
    v = _compact(value)
    if not v:
        raise IdentityError("请填写永久居留身份证号码")
    if len(v) == 18:
        if not re.fullmatch(r"9[0-9]{16}[0-9X]", v):
            raise IdentityError("新版永久居留身份证号码应为以 9 开头的18位数字（最后一位可以是 X）")
        if v[1:3] not in PROVINCE_CODES:
            raise IdentityError("永久居留身份证号码第2、3位不是有效的省级行政区划代码")
        if _birth_date(v[6:14]) is None:
            raise IdentityError("永久居留身份证号码中的出生日期无效")
        if mod11_2_check_digit(v[:17]) != v[17]:
            raise IdentityError("永久居留身份证号码校验位不正确，请核对最后一位")
        return v
    if len(v) == 15:
        if not re.fullmatch(r"[A-Z]{3}[0-9]{12}", v):
            raise IdentityError("旧版永久居留身份证号码应为3位国籍字母代码加12位数字")
        yymmdd = v[7:13]
        if _birth_date("19" + yymmdd) is None and _birth_date("20" + yymmdd) is None:
            raise IdentityError("永久居留身份证号码中的出生日期无效")
        if icao_check_digit(v[:14]) != v[14]:
            raise IdentityError("永久居留身份证号码校验位不正确，请核对最后一位")
        return v
    raise IdentityError(f"永久居留身份证号码应为18位（2023年版）或15位（旧版），当前为{len(v)}位")


def check_hk_mo_permit(value: str) -> str:
    """港澳居民来往内地通行证: H/M + 8 digits (+ 2 digits of renewal count on older cards)."""
    v = _compact(value)
    if not v:
        raise IdentityError("请填写通行证号码")
    if not re.fullmatch(r"[HM]([0-9]{8}|[0-9]{10})", v):
        raise IdentityError("港澳居民来往内地通行证号码应为 H（香港）或 M（澳门）加8位数字（旧证10位）")
    return v


def check_tw_permit(value: str) -> str:
    """台湾居民来往大陆通行证: 8 digits (10 on cards issued before 2015)."""
    v = _compact(value)
    if not v:
        raise IdentityError("请填写通行证号码")
    if not re.fullmatch(r"[0-9]{8}|[0-9]{10}", v):
        raise IdentityError("台湾居民来往大陆通行证号码应为8位数字（旧证10位）")
    return v


def check_passport(value: str) -> str:
    """A passport number: 5–17 letters and digits, at least one digit."""
    v = _compact(value)
    if not v:
        raise IdentityError("请填写护照号码")
    if not re.fullmatch(r"[A-Z0-9]{5,17}", v) or not any(c.isdigit() for c in v):
        raise IdentityError("护照号码应为5至17位字母和数字（不含空格以外的符号）")
    return v


def check_credit_code(value: str) -> str:
    """Validate an 18-character unified social credit code (统一社会信用代码)."""
    v = _compact(value)
    if not v:
        raise IdentityError("请填写统一社会信用代码")
    if len(v) != 18:
        raise IdentityError(f"统一社会信用代码应为18位，当前为{len(v)}位")
    if not set(v) <= _USCC_ALPHABET:
        raise IdentityError("统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）")
    # GB 32100-2015: 1 registration department (1–9, A, N, Y), 2 organisation type (1–9),
    # 3–8 region code, 9–17 organisation code, 18 check. python-stdnum's own format check wants
    # the first 8 all digits, which refuses the real codes of 农业 (N…) and other (Y…) bodies;
    # its check character is computed over the whole alphabet, so it is used for that.
    if not _USCC_HEAD.fullmatch(v[:8]):
        raise IdentityError("统一社会信用代码前8位格式不正确（第1位为登记管理部门代码，第2位为机构类别代码，第3–8位为地区码）")
    if v[17] != uscc.calc_check_digit(v[:17]):
        raise IdentityError("统一社会信用代码校验位不正确，请核对最后一位")
    return v


ORG_EXEMPTIONS: dict[str, str] = {
    "villager_group": "村民小组（未赋码）",
    "owners_assembly": "业主大会、业主委员会（未赋码）",
    "foreign_org": "境外组织（无境内登记）",
    "project_office": "临时机构（如工程建设指挥部）",
}
"""Named reasons a body has no 统一社会信用代码; the exemption id is stored as the number."""


def check_org_exemption(value: str) -> str:
    v = (value or "").strip()
    if v in ORG_EXEMPTIONS:
        return v
    for key, label in ORG_EXEMPTIONS.items():
        if v == label:
            return key
    names = "、".join(ORG_EXEMPTIONS.values())
    raise IdentityError(f"未取得统一社会信用代码的单位须选择一种免赋码情形：{names}")


class IdType(StrEnum):
    RESIDENT_ID = "resident_id"
    HMT_RESIDENCE = "hmt_residence"
    FOREIGN_PR = "foreign_pr"
    HK_MO_PERMIT = "hk_mo_permit"
    TW_PERMIT = "tw_permit"
    PASSPORT = "passport"
    USCC = "uscc"
    ORG_EXEMPT = "org_exempt"


@dataclass(frozen=True)
class IdDocType:
    """One kind of identity document: its label, who holds it and its check."""

    id: IdType
    label: str
    party_kind: str  # person | company
    check: Callable[[str], str]
    max_length: int
    unique: bool = True  # False: the value does not identify the holder (an exemption)


ID_TYPES: dict[IdType, IdDocType] = {t.id: t for t in (
    IdDocType(IdType.RESIDENT_ID, "居民身份证", "person", check_resident_id, 18),
    IdDocType(IdType.HMT_RESIDENCE, "港澳台居民居住证", "person", check_hmt_residence, 18),
    IdDocType(IdType.FOREIGN_PR, "外国人永久居留身份证", "person", check_foreign_pr, 18),
    IdDocType(IdType.HK_MO_PERMIT, "港澳居民来往内地通行证", "person", check_hk_mo_permit, 11),
    IdDocType(IdType.TW_PERMIT, "台湾居民来往大陆通行证", "person", check_tw_permit, 10),
    IdDocType(IdType.PASSPORT, "护照", "person", check_passport, 17),
    IdDocType(IdType.USCC, "统一社会信用代码", "company", check_credit_code, 18),
    IdDocType(IdType.ORG_EXEMPT, "无统一社会信用代码（免赋码）", "company", check_org_exemption, 40, unique=False),
)}
ID_TYPE_LABELS: dict[str, str] = {t.value: d.label for t, d in ID_TYPES.items()}


def default_id_type(kind: str) -> IdType:
    """The document a party of this kind carries when nothing else is said (old records)."""
    return IdType.USCC if kind == "company" else IdType.RESIDENT_ID


def id_types_for(kind: str) -> list[IdDocType]:
    return [d for d in ID_TYPES.values() if d.party_kind == kind]


def parse_id_type(id_type: str) -> IdType:
    """The id type named by ``id_type``; a party kind (person/company) names its default type."""
    if id_type in ("person", "company"):
        return default_id_type(id_type)
    try:
        return IdType(id_type)
    except ValueError:
        names = "、".join(f"{t.value}（{d.label}）" for t, d in ID_TYPES.items())
        raise IdentityError(f"证件类型 {id_type} 不认识，可选：{names}", "id_type") from None


def check_id(id_type: str, value: str) -> str:
    """Check an identity value by its document type; return it normalised.

    ``id_type`` is an :class:`IdType` value; for backward compatibility a party kind
    (``person``/``company``) means the resident ID / the credit code.
    """
    return ID_TYPES[parse_id_type(id_type)].check(value)


def check_id_for_kind(kind: str, id_type: str, value: str) -> str:
    """As :func:`check_id`, also refusing a document the party kind cannot hold."""
    t = parse_id_type(id_type or kind)
    doc = ID_TYPES[t]
    if doc.party_kind != kind:
        who = "个人" if kind == "person" else "单位"
        allowed = "、".join(d.label for d in id_types_for(kind))
        raise IdentityError(f"{doc.label}不是{who}的证件，可选：{allowed}", "id_type")
    return doc.check(value)


def id_notes(id_type: str, value: str) -> list[str]:
    """Soft notes for the clerk on a *valid* number (never a reason to refuse)."""
    t = parse_id_type(id_type)
    if t is not IdType.RESIDENT_ID:
        return []
    v = _compact(value)
    from stdnum import numdb

    parts = dict(numdb.get("cn/loc").info(v[:6]))
    if not any("county" in props for props in parts.values()):
        return [f"地区码 {v[:6]} 不在行政区划代码表中（可能为撤并前的旧代码），请核对证件原件"]
    return []


_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_LANDLINE = re.compile(r"0[0-9]{2,3}-?[0-9]{7,8}")
# What people write on forms besides those two: a landline with its area code in brackets and an
# extension (分机: "-801", "转801", "ext 801"), a mobile in groups (138-1234-5678), a nationwide
# service number (400/800), a mobile dialled with a leading 0, and numbers abroad (港澳台, foreign
# applicants: "+852 9123 4567", "00852…"), which have no mainland shape to check.
_AREA_BRACKETS = re.compile(r"\((0[0-9]{2,3})\)-?([0-9]{7,8})")
_EXTENSION = re.compile(r"(?:-|转|EXT\.?|X)([0-9]{1,6})$")
_SERVICE = re.compile(r"[48]00-?[0-9]{3}-?[0-9]{4}")
_ABROAD = re.compile(r"\+[1-9][0-9]{0,2}-?[0-9](?:-?[0-9]){5,13}")


def check_phone(value: str) -> str:
    """Validate a contact number: a mainland mobile (11 digits) or landline (区号-号码, with an
    extension), a 400/800 number, or a number abroad given with its country code (+852 …)."""
    v = _WS.sub("", unicodedata.normalize("NFKC", value or "")).upper()
    if v.startswith("00"):
        v = "+" + v[2:]
    if v.startswith("+86"):
        v = v[3:].lstrip("-")
    if not v:
        raise IdentityError("请填写联系电话")
    digits = v.replace("-", "")
    if digits[:2] == "01" and _MOBILE.fullmatch(digits[1:]):  # a mobile dialled with the long-distance 0
        return digits[1:]  # (no area code is 01x but Beijing's 010, and 010 + 8 digits is no mobile)
    if _MOBILE.fullmatch(v) or _LANDLINE.fullmatch(v) or _SERVICE.fullmatch(v):
        return v
    if _MOBILE.fullmatch(digits):  # 138-1234-5678
        return digits
    if v.startswith("+"):
        if _ABROAD.fullmatch(v):
            return v
        raise IdentityError("境外电话应为“+国家或地区代码 号码”，如 +852 91234567")
    ext = _EXTENSION.search(v)
    main, extension = (v[:ext.start()], ext.group(1)) if ext else (v, "")
    bracketed = _AREA_BRACKETS.fullmatch(main)
    if bracketed:
        main = f"{bracketed.group(1)}-{bracketed.group(2)}"
    if extension and _LANDLINE.fullmatch(main):
        return f"{main}-{extension}"
    if bracketed:
        return main
    if v.isdigit() and v.startswith("1"):
        raise IdentityError("手机号码应为以1开头的11位数字")
    raise IdentityError("联系电话格式不正确（手机11位，或固定电话如 021-12345678，分机写在后面如 021-12345678-801）")


def same_id(a: str, b: str) -> bool:
    """Whether two ID numbers as typed are the same number (spaces, case and full width aside)."""
    return bool(_compact(a)) and _compact(a) == _compact(b)


def mask_id(value: str) -> str:
    """Mask the middle of an ID number for paper, screen and logs: ``110105********002X``.

    The one rule everywhere (the papers use it too). 15 characters or more (居民身份证, old
    15-digit IDs, 居住证, 永久居留身份证): region and last four, as is the practice; the birth date
    never shows. Shorter numbers (passports, permits) keep at most a third visible: first two and
    last two from 9 characters, first and last from 6, nothing below that.
    """
    v = _compact(value)
    n = len(v)
    keep = 6, 4
    if n < 15:
        keep = (2, 2) if n >= 9 else (1, 1) if n >= 6 else (0, 0)
    head, tail = keep
    return v[:head] + "*" * (n - head - tail) + (v[n - tail:] if tail else "")
