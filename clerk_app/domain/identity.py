"""Identity numbers and phones of applicants and agents, with clear Chinese messages."""

from __future__ import annotations

import re
from datetime import date

from stdnum import exceptions as stdnum_exc
from stdnum.cn import ric, uscc


class IdentityError(ValueError):
    """An identity field is wrong; ``str()`` is a message for the clerk."""


_WS = re.compile(r"\s+")


def _compact(value: str) -> str:
    return _WS.sub("", value or "").upper()


# 港澳台居民居住证 numbers follow GB 11643 with these region codes (Hong Kong, Macao, Taiwan),
# which python-stdnum's region table does not hold.
RESIDENCE_PERMIT_REGIONS = frozenset({"810000", "820000", "830000"})


def _validate_residence_permit(v: str) -> str:
    if ric.calc_check_digit(v) != v[-1]:
        raise stdnum_exc.InvalidChecksum()
    ric.get_birth_date(v)  # InvalidComponent for an impossible date
    return v


def check_resident_id(value: str) -> str:
    """Validate an 18-digit resident ID (居民身份证号码); return it compacted."""
    v = _compact(value)
    if not v:
        raise IdentityError("请填写身份证号码")
    if len(v) != 18:
        raise IdentityError(f"身份证号码应为18位，当前为{len(v)}位")
    if not re.fullmatch(r"\d{17}[\dX]", v):
        raise IdentityError("身份证号码只能由数字组成，最后一位可以是 X")
    try:
        v = _validate_residence_permit(v) if v[:6] in RESIDENCE_PERMIT_REGIONS else ric.validate(v)
    except stdnum_exc.InvalidChecksum:
        raise IdentityError("身份证号码校验位不正确，请核对最后一位") from None
    except stdnum_exc.InvalidComponent:
        raise IdentityError("身份证号码中的出生日期或地区码无效") from None
    except stdnum_exc.ValidationError:
        raise IdentityError("身份证号码无效") from None
    if ric.get_birth_date(v) > date.today():
        raise IdentityError("身份证号码中的出生日期晚于今天") from None
    return v


def check_credit_code(value: str) -> str:
    """Validate an 18-character unified social credit code (统一社会信用代码)."""
    v = _compact(value)
    if not v:
        raise IdentityError("请填写统一社会信用代码")
    if len(v) != 18:
        raise IdentityError(f"统一社会信用代码应为18位，当前为{len(v)}位")
    try:
        return uscc.validate(v)
    except stdnum_exc.InvalidChecksum:
        raise IdentityError("统一社会信用代码校验位不正确，请核对最后一位") from None
    except stdnum_exc.InvalidFormat:
        raise IdentityError("统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）") from None
    except stdnum_exc.ValidationError:
        raise IdentityError("统一社会信用代码无效") from None


_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}")


def check_phone(value: str) -> str:
    """Validate a mainland mobile (11 digits) or landline (区号-号码) number."""
    v = _WS.sub("", value or "").replace("+86", "")
    if not v:
        raise IdentityError("请填写联系电话")
    if _MOBILE.fullmatch(v) or _LANDLINE.fullmatch(v):
        return v
    if v.isdigit() and v.startswith("1"):
        raise IdentityError("手机号码应为以1开头的11位数字")
    raise IdentityError("联系电话格式不正确（手机11位，或固定电话如 021-12345678）")


# 外国人永久居留身份证 (2017 layout): ISO 3166-1 alpha-3 nationality + 12 digits (issuing place,
# birth date yymmdd, sequence). The 2023 layout uses 18 digits like a resident ID.
_FOREIGN_PERMIT = re.compile(r"[A-Z]{3}\d{12}")


def check_id(kind: str, value: str) -> str:
    """Check the ID number of a person (resident ID, or a foreign permanent resident's card) or a
    company (credit code)."""
    if kind == "person" and _FOREIGN_PERMIT.fullmatch(_compact(value)):
        return _compact(value)
    return check_resident_id(value) if kind == "person" else check_credit_code(value)


def mask_id(value: str) -> str:
    """Mask the middle of an ID number for paper and logs: ``110105********002X``."""
    v = _compact(value)
    if len(v) <= 8:
        return "*" * len(v)
    return v[:6] + "*" * (len(v) - 10) + v[-4:]
