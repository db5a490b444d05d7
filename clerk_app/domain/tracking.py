"""Couriers a window mails results with, and the shape of each one's tracking number (快递单号).

One table, :data:`COURIERS`: the courier's code (what the record keeps), its Chinese name, and
the forms its tracking numbers take, each with a description the clerk reads when a number is
refused. :func:`check_tracking` normalises a number (spaces and dashes dropped, letters upper
case) and checks it against its courier's forms; ``other`` (其他快递) takes any 6–30 letters and
digits, so a genuine number of a form not listed here is never blocked — the clerk picks 其他
and names the courier. Sources and their limits: docs/results.md.

- EMS (中国邮政速递): the UPU S10 identifier (2 letters, 8 serial digits, 1 check digit, 2-letter
  country code, e.g. ``EA123456785CN``), whose check digit we verify (:func:`s10_check_digit`:
  weights 8 6 4 2 3 5 9 7, C = 11 − S mod 11, 10 → 0, 11 → 5); or the 13-digit domestic waybill
  number (国内标准快递), which has no published check digit, so only its length is checked.
- 顺丰: ``SF`` + 12 or 13 digits.
- 京东: ``JD`` + 11 to 16 letters or digits (``JDVA…``, ``JDX…``, ``JD`` + digits).
- 中通: 12 or 14 digits. 圆通: ``YT`` + 13 digits. 韵达: 13 or 15 digits. 申通: 12, 13 or 15 digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_SEPARATORS = re.compile(r"[\s\-_]+")


class TrackingError(ValueError):
    """A tracking number that does not fit its courier; ``str()`` is a message for the clerk."""

    def __init__(self, message: str, field: str = "tracking_no"):
        super().__init__(message)
        self.field = field


def s10_check_digit(serial8: str) -> str:
    """The UPU S10 check digit of an 8-digit serial number."""
    if not re.fullmatch(r"\d{8}", serial8):
        raise ValueError("an S10 serial is 8 digits")
    c = 11 - sum(int(d) * w for d, w in zip(serial8, S10_WEIGHTS, strict=True)) % 11
    return "0" if c == 10 else "5" if c == 11 else str(c)


def _s10_problem(v: str) -> str | None:
    """None when ``v`` is a well-formed S10 identifier with the right check digit."""
    if not re.fullmatch(r"[A-Z]{2}\d{9}[A-Z]{2}", v):
        return "not s10"
    if s10_check_digit(v[2:10]) != v[10]:
        return "EMS 单号校验位不正确（第11位），请核对单号"
    return None


@dataclass(frozen=True)
class TrackingForm:
    """One form of a courier's tracking numbers: a full-match pattern and how the clerk reads it."""

    pattern: str
    label: str  # Chinese, e.g. "SF加12至13位数字"
    s10: bool = False  # also verify the S10 check digit

    def matches(self, v: str) -> bool:
        return re.fullmatch(self.pattern, v) is not None


@dataclass(frozen=True)
class Courier:
    code: str
    name: str
    forms: tuple[TrackingForm, ...]


OTHER = "other"
ANY_FORM = TrackingForm(r"[A-Z0-9]{6,30}", "6至30位字母或数字")

COURIERS: dict[str, Courier] = {c.code: c for c in (
    Courier("ems", "EMS（中国邮政速递）", (
        TrackingForm(r"[A-Z]{2}\d{9}[A-Z]{2}", "2位字母+9位数字+2位字母（如 EA123456785CN）", s10=True),
        TrackingForm(r"\d{13}", "13位数字"),
    )),
    Courier("sf", "顺丰速运", (TrackingForm(r"SF\d{12,13}", "SF加12至13位数字"),)),
    Courier("jd", "京东物流", (TrackingForm(r"JD[A-Z0-9]{11,16}", "JD加11至16位字母或数字"),)),
    Courier("zto", "中通快递", (TrackingForm(r"\d{12}|\d{14}", "12位或14位数字"),)),
    Courier("yto", "圆通速递", (TrackingForm(r"YT\d{13}", "YT加13位数字"),)),
    Courier("yunda", "韵达快递", (TrackingForm(r"\d{13}|\d{15}", "13位或15位数字"),)),
    Courier("sto", "申通快递", (TrackingForm(r"\d{12,13}|\d{15}", "12位、13位或15位数字"),)),
    Courier(OTHER, "其他快递", (ANY_FORM,)),
)}
COURIER_CHOICES: tuple[tuple[str, str], ...] = tuple((c.code, c.name) for c in COURIERS.values())
_BY_NAME = {**{c.name: c.code for c in COURIERS.values()}, "EMS": "ems", "邮政": "ems", "中国邮政": "ems",
            "顺丰": "sf", "京东": "jd", "中通": "zto", "圆通": "yto", "韵达": "yunda", "申通": "sto"}


def normalise_tracking(value: str) -> str:
    """A tracking number as couriers print it: no spaces or dashes, letters upper case."""
    return _SEPARATORS.sub("", value or "").upper()


def courier_code(value: str) -> str | None:
    """The courier named by ``value`` (a code, or a Chinese or common name), or None."""
    v = (value or "").strip()
    if v.lower() in COURIERS:
        return v.lower()
    return _BY_NAME.get(v) or _BY_NAME.get(v.upper())


def courier_label(code: str, other_name: str = "") -> str:
    """What the paper and the case show for the courier (an ``other`` courier by its given name)."""
    if code == OTHER:
        return other_name.strip() or COURIERS[OTHER].name
    c = COURIERS.get(code)
    return c.name if c else code


def check_tracking(courier: str, value: str) -> str:
    """Check ``value`` against the forms of ``courier`` (a code of :data:`COURIERS`); return it normalised."""
    c = COURIERS.get(courier)
    if c is None:
        names = "、".join(x.name for x in COURIERS.values())
        raise TrackingError(f"未知的快递公司 {courier}，可选：{names}", "courier")
    v = normalise_tracking(value)
    if not v:
        raise TrackingError("请填写快递单号")
    if not re.fullmatch(r"[A-Z0-9]+", v):
        raise TrackingError("快递单号只能由字母和数字组成")
    for form in c.forms:
        if form.matches(v):
            if form.s10:
                why = _s10_problem(v)
                if why:
                    raise TrackingError(why)
            return v
    forms = "，或".join(f.label for f in c.forms)
    return _refuse(c, v, forms)


def _refuse(c: Courier, v: str, forms: str) -> str:
    if c.code == OTHER:
        raise TrackingError(f"快递单号应为{forms}，当前为{len(v)}位")
    raise TrackingError(f"{c.name}的快递单号应为{forms}（当前 {v}，{len(v)}位）；"
                        "如确为该公司新格式单号，请选择“其他快递”并填写公司名称")


_ADMIN_LEVEL = re.compile(r"[省市区县旗州盟]")
_HOUSE = re.compile(r"[0-9０-９号室村组栋幢楼弄巷]")
MAX_ADDRESS = 200


def check_mail_address(value: str) -> str:
    """A full postal address: a city or county level name and a house (or village) part; compacted."""
    v = re.sub(r"\s+", "", value or "")
    if not v:
        raise TrackingError("请填写邮寄地址", "address")
    if len(v) > MAX_ADDRESS:
        raise TrackingError(f"邮寄地址不能超过{MAX_ADDRESS}字", "address")
    if len(v) < 8 or not _ADMIN_LEVEL.search(v) or not _HOUSE.search(v):
        raise TrackingError("邮寄地址不完整：应写明省（市）、区（县）、街道（乡镇）和门牌号（或村组）", "address")
    return v
