"""Centre and window settings: set once by an admin, read by case numbers and documents.

Stored as ``settings.toml`` in the data folder. Texts that differ between centres
(names, phones, QR pattern, legal wording) live here, not in code.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

import tomli_w
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
)

from clerk_app import paths

log = logging.getLogger(__name__)

# Every section is strict: a number is a number (``true`` is not 1, ``"5"`` is not 5), a text is a text.
_STRICT = ConfigDict(extra="forbid", strict=True)


def _text(label: str, max_length: int, *, required: bool = False, multiline: bool = False) -> Any:
    """``Annotated[str, _text(...)]``: a free-text setting checked by the same rules as every other
    text (``domain.text``): trimmed, no control characters, at most ``max_length`` characters, not
    blank when ``required``; the message names it by ``label``."""
    def check(value: object) -> str:
        # imported when a value is checked, so that importing the settings (as ``documents`` does)
        # loads nothing of ours beyond ``paths``
        from clerk_app.domain.text import TextRule, clean_text

        return clean_text(value, TextRule(label, max_length, required=required, multiline=multiline))

    return BeforeValidator(check)


def _number(low: float, high: float, *, low_open: bool = False) -> Any:
    """``Annotated[float, _number(...)]``: a finite number (an int is taken, a bool or a text is not)
    between ``low`` and ``high`` (inclusive; ``low`` exclusive with ``low_open``)."""
    if low_open:
        return Field(allow_inf_nan=False, gt=low, le=high)
    return Field(allow_inf_nan=False, ge=low, le=high)


def _whole(low: int, high: int) -> Any:
    """``Annotated[int, _whole(...)]``: a whole number (not a bool, not 5.0) from ``low`` to ``high``."""
    return Field(ge=low, le=high)


# The sync interval's bounds (the worker clamps to them too, ``sync.worker``).
SYNC_INTERVAL_MIN, SYNC_INTERVAL_MAX = 1.0, 3600.0


class CentreSettings(BaseModel):
    model_config = _STRICT

    name: Annotated[str, _text("中心名称", 100, required=True)] = Field(
        "上海市普陀区行政服务中心", description="中心名称（必填，最多100字）")
    region_code: str = Field("310107", description="行政区划代码（6位数字）")
    centre_code: str = Field("01", description="本区划内的中心编号（2位数字）")
    address: Annotated[str, _text("中心地址", 200)] = "上海市普陀区大渡河路1668号"
    enquiry_phone: Annotated[str, _text("咨询电话", 32)] = "021-52564588"
    supervision_phone: Annotated[str, _text("监督电话", 32)] = "021-52564599"
    progress_url: Annotated[str, _text("进度查询地址", 500, required=True)] = Field(
        "https://zwfw.example.gov.cn/progress?no={case_no}",
        description="办件进度查询地址，{case_no} 处填入办件编号（打印为二维码）",
    )
    office_hours: Annotated[str, _text("办公时间", 200)] = "周一至周五 9:00-17:00（节假日安排另行公告）"
    review_organ: Annotated[str, _text("行政复议机关", 200, required=True)] = Field("上海市普陀区人民政府",
                              description="行政复议机关（事项目录未写明 review_organ 时印在不予受理通知书上）")
    court: Annotated[str, _text("行政诉讼管辖法院", 200, required=True)] = Field("上海市普陀区人民法院",
                       description="行政诉讼管辖法院（事项目录未写明 court 时印在不予受理通知书上）")
    supplement_days: Annotated[int, _whole(1, 60)] = Field(
        5, description="一次性告知书：补正材料的期限（自告知之日起的工作日数，整数 1–60）")
    mail_max_age_days: Annotated[int, _whole(1, 3650)] = Field(
        60, description="信函申请的收到时间最早可早于录入当天多少天（超出即拒绝录入；整数 1–3650）")

    @field_validator("region_code")
    @classmethod
    def _region(cls, v: str) -> str:
        if not re.fullmatch(r"[0-9]{6}", v):
            raise ValueError("行政区划代码须为6位数字")
        return v

    @field_validator("centre_code")
    @classmethod
    def _centre(cls, v: str) -> str:
        if not re.fullmatch(r"[0-9]{2}", v):
            raise ValueError("中心编号须为2位数字")
        return v

    @field_validator("progress_url")
    @classmethod
    def _url(cls, v: str) -> str:
        if "{case_no}" not in v:
            raise ValueError("进度查询地址须包含 {case_no}")
        return v


class WindowSettings(BaseModel):
    model_config = _STRICT

    number: str = Field("003", description="窗口号（3位数字）")
    name: Annotated[str, _text("窗口名称", 100, required=True)] = "综合受理3号窗口"

    @field_validator("number")
    @classmethod
    def _number(cls, v: str) -> str:
        if not re.fullmatch(r"[0-9]{3}", v):
            raise ValueError("窗口号须为3位数字")
        return v


_Wording = Annotated[str, _text("文书用语", 1000, required=True, multiline=True)]


class WordingSettings(BaseModel):
    """Legal wording printed on documents; each centre may adjust it."""

    model_config = _STRICT

    receipt_note: _Wording = "本凭证是您递交申请材料的凭据，请妥善保管，凭此查询办理进度、领取办理结果。"
    acceptance_note: _Wording = "您的申请材料齐全、符合法定形式，予以受理。"
    notice_note: _Wording = (
        "您提交的申请材料不齐全或者不符合法定形式，现一次性告知需补正的全部内容。"
        "请按要求补齐后，持本告知书再次办理，本窗口将优先接待。"
    )
    tolerated_note: _Wording = (
        "依据容缺受理机制，您的申请予以容缺受理。请在规定期限内补齐下列材料；"
        "逾期未补齐的，审批部门将依法终止办理或撤销已作出的审批决定。"
    )
    commitment_note: _Wording = (
        "本人（单位）已知晓行政机关告知的全部内容，承诺所填写的信息及提交的材料真实、准确、"
        "有效，并符合告知的条件和要求。如有不实，愿意承担相应法律责任，接受行政机关依法作出的处理。"
    )
    refusal_note: _Wording = (
        "如对本决定不服，可以在收到本通知书之日起六十日内依法申请行政复议，"
        "或者在六个月内依法向人民法院提起行政诉讼。"
    )
    # Added for the documents layer (issue 4): centre-adjustable texts of the other documents.
    acceptance_tolerated_note: _Wording = "您的申请主要材料齐全，依据容缺受理机制予以受理，容缺材料请按期补齐。"
    tolerated_supply: _Wording = (
        "请在补交期限内携带本通知书及所缺材料到本中心综合窗口补交，窗口扫描本通知书条形码即可接续办理。"
    )
    tolerated_consequence: _Wording = (
        "逾期未补齐的，审批部门将依法终止办理；已作出审批决定的，依法予以撤销，由此产生的后果由申请人承担。"
    )
    tolerated_promise: _Wording = (
        "本人（单位）承诺在上述期限内补齐全部容缺材料，并对已提交材料的真实性负责；"
        "逾期未补齐的，自愿承担审批部门终止办理或撤销已作出的审批决定等后果。"
    )
    commitment_intro: _Wording = (
        "行政机关告知：申请人办理下列事项，对下列材料（条件）实行告知承诺制。申请人书面承诺符合要求的，"
        "无需另行提交相应证明材料；行政机关将在作出决定后依法对承诺内容进行核查。"
    )
    notice_consequence: _Wording = "逾期未补正的，视为撤回本次申请，已提交的材料可到窗口领回；补齐后可重新申请。"
    refusal_basis: _Wording = "根据《中华人民共和国行政许可法》第三十二条第一款的规定，决定不予受理。"
    handout_note: _Wording = "请当场核对办理结果及证件信息，如有疑问请向窗口工作人员咨询。欢迎对本次服务作出评价。"


class SyncSettings(BaseModel):
    model_config = _STRICT

    server_url: Annotated[str, _text("中心服务器地址", 500)] = ""
    interval_seconds: Annotated[float, _number(SYNC_INTERVAL_MIN, SYNC_INTERVAL_MAX)] = Field(
        5.0, description="后台同步的间隔（秒，1–3600）")
    ca_file: Annotated[str, _text("CA 文件", 1000)] = Field("", description="中心服务器证书的 CA 文件（自签名证书时填写）；空则用系统证书")


class DeviceSettings(BaseModel):
    model_config = _STRICT

    idcard_port: Annotated[str, _text("身份证阅读器串口", 200)] = Field("", description="身份证阅读器的串口（如 /dev/ttyUSB0、COM3）；空则自动查找")


class OfflineSettings(BaseModel):
    """Limits of what a window may do without the centre (set by the centre's administrator)."""

    model_config = _STRICT

    roster_max_age_days: Annotated[float, _number(0, 90, low_open=True)] = Field(
        7.0, description="离线登录：人员名册最多可以多久未与中心核对（天，大于 0 且不超过 90）")
    no_contact_banner_hours: Annotated[float, _number(0, 720, low_open=True)] = Field(
        24.0, description="超过此时长未联系中心，界面显示横幅（小时，大于 0 且不超过 720）")
    clock_max_skew_minutes: Annotated[float, _number(0, 60, low_open=True)] = Field(
        10.0, description="本机时钟与中心相差超过此值时不打印带日期的文书（分钟，大于 0 且不超过 60）")
    break_glass: list[Annotated[str, _text("应急管理员工号", 32, required=True)]] = Field(default_factory=list,
                                   description="名册过期时仍可登录的应急管理员工号（每次登录记入审计日志）")


# -- Results out (出件/邮寄, issue 13): mailing a result ------------------------------------
class MailingSettings(BaseModel):
    """Mailing results (邮寄送达): who pays by default, and the sender on the mailing label."""

    model_config = _STRICT

    cost_bearer: Literal["applicant", "government"] = Field(
        "applicant", description="邮寄费用默认由谁承担：applicant（申请人到付）或 government（政府付费，免费寄递）")
    sender_phone: Annotated[str, _text("寄件人电话", 32)] = Field("", description="邮寄标签上的寄件人电话；空则用中心咨询电话")


# -- 好差评 (ratings; services/ratings.py) ------------------------------------------------------------
class RatingSettings(BaseModel):
    model_config = _STRICT

    followup_days: Annotated[int, _whole(1, 60)] = Field(5, description="差评整改回访期限（自评价之日起的工作日数，整数 1–60）")


# -- supervision and the day's report (report area) ---------------------------------------------
class SupervisionSettings(BaseModel):
    """Thresholds of the supervision view (督办) and the period report; working days throughout."""

    model_config = _STRICT

    near_days: Annotated[int, _whole(0, 30)] = Field(
        2, description="督办：距办结期限或容缺补齐期限不超过此工作日数时标黄（到期当日为 0；整数 0–30）")
    uncollected_days: Annotated[int, _whole(1, 250)] = Field(
        5, description="督办：办结结果待领取超过此工作日数即列为“结果未领取”（整数 1–250）")


class Settings(BaseModel):
    model_config = _STRICT

    centre: CentreSettings = CentreSettings()
    window: WindowSettings = WindowSettings()
    wording: WordingSettings = WordingSettings()
    sync: SyncSettings = SyncSettings()
    devices: DeviceSettings = DeviceSettings()
    offline: OfflineSettings = OfflineSettings()
    mailing: MailingSettings = MailingSettings()  # results out
    ratings: RatingSettings = RatingSettings()  # 好差评
    supervision: SupervisionSettings = SupervisionSettings()
    idle_lock_minutes: Annotated[float, _number(1, 480)] = Field(10.0, description="无操作自动锁屏（分钟，1–480）")
    _problems: list[str] = PrivateAttr(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """What :func:`load` found wrong in the file and replaced by the default (empty when the file is good)."""
        return list(self._problems)

    @property
    def window_id(self) -> str:
        """Globally unique window id: region(6) + centre(2) + window(3)."""
        return f"{self.centre.region_code}{self.centre.centre_code}{self.window.number}"


class SettingsError(Exception):
    """The settings file cannot be read; the message names the file and field."""


# Settings that make the case numbers (the window id): a wrong one is never replaced by a default.
IDENTITY = frozenset({"centre.region_code", "centre.centre_code", "window.number"})


def _shown(value: Any) -> str:
    """A short rendering of the value the admin gave (empty for a long text, which is not echoed)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str) and len(value) <= 40 and value.isprintable():
        return json.dumps(value, ensure_ascii=False)
    return ""


# what the settings file calls things: the rest of pydantic's wording is shared
_WORDS = {"string_type": "应为文本（加引号）", "list_type": "应为列表", "model_type": "应为一节设置",
          "dict_type": "应为一节设置", "model_attributes_type": "应为一节设置", "extra_forbidden": "未知的设置项",
          "missing": "缺少此项"}


def _reason(e: Any) -> str:
    """A pydantic error in Chinese (``domain.pydantic_errors``), with the value given when it is
    short and the setting's own description."""
    from clerk_app.domain import pydantic_errors  # on error only: importing settings stays light (documents)

    kind = e["type"]
    text = pydantic_errors.reason(e, _WORDS)
    if kind == "literal_error":  # the values as they are typed on the command line
        text = "应为以下之一：" + "、".join(pydantic_errors.choice_values(e.get("ctx") or {}))
    elif text.startswith("取值无效（"):
        return str(e["msg"])
    given = _shown(e.get("input")) if kind not in ("extra_forbidden", "missing", "value_error") else ""
    text = f"{text}（当前为 {given}）" if given else text
    about = _description(tuple(e["loc"]))
    return f"{text}。{about}" if kind != "value_error" and about else text


def _description(loc: tuple[Any, ...]) -> str:
    """The setting's own description (what it is, its unit and range), when it has one."""
    model: Any = Settings
    description = ""
    for part in loc:
        fields = getattr(model, "model_fields", None)
        if not isinstance(fields, dict) or str(part) not in fields:
            return ""
        model, description = fields[str(part)].annotation, fields[str(part)].description or ""
    return description


def _key(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc)


def _field_of(loc: tuple[Any, ...]) -> tuple[str, ...] | None:
    """The setting (``section.field`` or a top-level field) an error is about; None when it is not one
    (a wrong section, an unknown key, or one of the settings that make the window id)."""
    top = Settings.model_fields.get(str(loc[0])) if loc else None
    if top is None:
        return None
    kind = top.annotation
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        if len(loc) < 2 or str(loc[1]) not in kind.model_fields:
            return None
        path: tuple[str, ...] = (str(loc[0]), str(loc[1]))
    else:
        path = (str(loc[0]),)
    return None if ".".join(path) in IDENTITY else path


def _default_of(path: tuple[str, ...]) -> Any:
    model: type[BaseModel] = Settings
    for part in path[:-1]:
        model = model.model_fields[part].annotation  # type: ignore[assignment]
    return model.model_fields[path[-1]].get_default(call_default_factory=True)


# A settings file is a few KB; a huge one is damaged (and would hold the window for seconds at start).
MAX_FILE_BYTES = 1 << 20
_KEEP_IDS = "（请勿直接删除：区划代码、中心编号、窗口号决定本窗口的办件编号）"


def _read_toml(path: Path) -> dict[str, Any]:
    """The file's TOML: UTF-8 (a BOM, as Notepad writes it, is taken).

    Raises :class:`SettingsError` naming the file and saying in Chinese what is wrong with it.
    """
    try:
        if not path.is_file():
            raise SettingsError(f"{path}: 不是文件（可能是文件夹），请信息科把正确的设置文件放回此处{_KEEP_IDS}")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SettingsError(f"{path}: 文件过大（{size:,} 字节，设置文件通常只有几 KB），可能已损坏；"
                                f"请信息科换回正确的设置文件{_KEEP_IDS}")
        raw = path.read_bytes()
    except OSError as exc:
        raise SettingsError(f"{path}: 无法读取：{paths.os_reason(exc)}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise SettingsError(f"{path}: 第 {line} 行不是 UTF-8 编码的文字（可能以 GBK/ANSI 编码保存）；"
                            "请用记事本打开，“另存为”时编码选 UTF-8 后保存") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        at = re.search(r"\(at line (\d+), column (\d+)\)", detail)
        where = f"第 {at.group(1)} 行第 {at.group(2)} 列" if at else "格式"
        detail = detail.replace(at.group(0), "").strip() if at else detail
        raise SettingsError(f"{path}: 不是有效的 TOML 设置文件，{where}有误（{detail}）；"
                            "请改正（常见原因：方括号或引号不成对、中文引号、缺少等号）") from exc


def load(path: Path | None = None) -> Settings:
    """The settings in the file (defaults when there is none).

    A value edited by hand that breaks a rule (a negative interval, ``nan``, a control character …)
    does not stop the window: that setting takes its default, and the message naming the file,
    the setting and the default is in :attr:`Settings.problems` (and the log) for the app and the
    commands to show. A file that is not TOML, an unknown setting, a section that is not a table or
    a wrong region/centre/window number (they make the case numbers) raises :class:`SettingsError`.
    """
    path = path or paths.settings_path()
    if not path.exists():
        return Settings()
    data = _read_toml(path)
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
    fatal: list[str] = []
    replaced: list[tuple[str, ...]] = []
    problems: list[str] = []
    for e in errors:
        loc = tuple(e["loc"])
        message = f"{path}: {_key(loc)}: {_reason(e)}"
        target = _field_of(loc)
        if target is None:
            fatal.append(message)
            continue
        if target not in replaced:
            replaced.append(target)
            default = _default_of(target)
            shown = _shown(default) if default not in ("", []) else "（空）"
            problems.append(f"{message}；已暂用默认值 {shown or '（默认文字）'}")
        else:
            problems.append(message)
    if fatal:  # every problem of the file at once, so that one edit mends them all
        raise SettingsError("\n".join(fatal + [p.rsplit("；已暂用默认值", 1)[0] for p in problems]))
    for target in replaced:
        node = data
        for part in target[:-1]:
            node = node[part]
        node.pop(target[-1], None)
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:  # pragma: no cover - every leaf error was replaced above
        raise SettingsError("\n".join(f"{path}: {_key(tuple(e['loc']))}: {_reason(e)}" for e in exc.errors())) from exc
    for p in problems:
        log.warning("settings: %s", p)
    settings._problems = problems
    return settings


def save(settings: Settings, path: Path | None = None) -> None:
    """Write atomically (temp file + rename) so a crash never leaves half a file."""
    path = path or paths.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = settings.model_dump(mode="json")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".toml")
    try:
        with os.fdopen(fd, "wb") as fh:
            tomli_w.dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:  # a full disk: the old file stays whole and no temporary file is left
        Path(tmp).unlink(missing_ok=True)
        raise


def get_value(settings: Settings, dotted: str) -> Any:
    node: Any = settings.model_dump(mode="json")
    for p in dotted.split("."):
        if not isinstance(node, dict) or p not in node:
            raise SettingsError(f"未知的设置项：{dotted}")
        node = node[p]
    return node


def set_value(settings: Settings, dotted: str, value: Any) -> Settings:
    """Return new settings with ``section.field`` set (validated).

    For a setting that is not a text, a text ``value`` is read as JSON (``5``, ``2.5``, ``true``,
    ``["1003"]``), as typed on the command line; what is not JSON stays a text and is refused.
    """
    data = settings.model_dump(mode="json")
    node = data
    parts = dotted.split(".")
    for p in parts[:-1]:
        if p not in node or not isinstance(node[p], dict):
            raise SettingsError(f"未知的设置项：{dotted}")
        node = node[p]
    if parts[-1] not in node:
        raise SettingsError(f"未知的设置项：{dotted}")
    if isinstance(value, str) and not isinstance(node[parts[-1]], str):
        with contextlib.suppress(json.JSONDecodeError):  # numbers, true/false, lists for non-text settings
            value = json.loads(value)
    node[parts[-1]] = value
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise SettingsError("; ".join(f"{_key(tuple(e['loc']))}: {_reason(e)}" for e in exc.errors())) from exc
