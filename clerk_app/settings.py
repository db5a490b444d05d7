"""Centre and window settings: set once by an admin, read by case numbers and documents.

Stored as ``settings.toml`` in the data folder. Texts that differ between centres
(names, phones, QR pattern, legal wording) live here, not in code.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from clerk_app import paths


class CentreSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field("上海市普陀区行政服务中心", min_length=1, description="中心名称")
    region_code: str = Field("310107", description="行政区划代码（6位数字）")
    centre_code: str = Field("01", description="本区划内的中心编号（2位数字）")
    address: str = "上海市普陀区大渡河路1668号"
    enquiry_phone: str = "021-52564588"
    supervision_phone: str = "021-52564599"
    progress_url: str = Field(
        "https://zwfw.example.gov.cn/progress?no={case_no}",
        description="办件进度查询地址，{case_no} 处填入办件编号（打印为二维码）",
    )
    office_hours: str = "周一至周五 9:00-17:00（节假日安排另行公告）"
    review_organ: str = Field("上海市普陀区人民政府",
                              description="行政复议机关（事项目录未写明 review_organ 时印在不予受理通知书上）")
    court: str = Field("上海市普陀区人民法院",
                       description="行政诉讼管辖法院（事项目录未写明 court 时印在不予受理通知书上）")
    supplement_days: int = Field(5, ge=1, le=60,
                                 description="一次性告知书：补正材料的期限（自告知之日起的工作日数）")
    mail_max_age_days: int = Field(60, ge=1, le=3650,
                                   description="信函申请的收到时间最早可早于录入当天多少天（超出即拒绝录入）")

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
    model_config = ConfigDict(extra="forbid")

    number: str = Field("003", description="窗口号（3位数字）")
    name: str = "综合受理3号窗口"

    @field_validator("number")
    @classmethod
    def _number(cls, v: str) -> str:
        if not re.fullmatch(r"[0-9]{3}", v):
            raise ValueError("窗口号须为3位数字")
        return v


class WordingSettings(BaseModel):
    """Legal wording printed on documents; each centre may adjust it."""

    model_config = ConfigDict(extra="forbid")

    receipt_note: str = "本凭证是您递交申请材料的凭据，请妥善保管，凭此查询办理进度、领取办理结果。"
    acceptance_note: str = "您的申请材料齐全、符合法定形式，予以受理。"
    notice_note: str = (
        "您提交的申请材料不齐全或者不符合法定形式，现一次性告知需补正的全部内容。"
        "请按要求补齐后，持本告知书再次办理，本窗口将优先接待。"
    )
    tolerated_note: str = (
        "依据容缺受理机制，您的申请予以容缺受理。请在规定期限内补齐下列材料；"
        "逾期未补齐的，审批部门将依法终止办理或撤销已作出的审批决定。"
    )
    commitment_note: str = (
        "本人（单位）已知晓行政机关告知的全部内容，承诺所填写的信息及提交的材料真实、准确、"
        "有效，并符合告知的条件和要求。如有不实，愿意承担相应法律责任，接受行政机关依法作出的处理。"
    )
    refusal_note: str = (
        "如对本决定不服，可以在收到本通知书之日起六十日内依法申请行政复议，"
        "或者在六个月内依法向人民法院提起行政诉讼。"
    )
    # Added for the documents layer (issue 4): centre-adjustable texts of the other documents.
    acceptance_tolerated_note: str = "您的申请主要材料齐全，依据容缺受理机制予以受理，容缺材料请按期补齐。"
    tolerated_supply: str = (
        "请在补交期限内携带本通知书及所缺材料到本中心综合窗口补交，窗口扫描本通知书条形码即可接续办理。"
    )
    tolerated_consequence: str = (
        "逾期未补齐的，审批部门将依法终止办理；已作出审批决定的，依法予以撤销，由此产生的后果由申请人承担。"
    )
    tolerated_promise: str = (
        "本人（单位）承诺在上述期限内补齐全部容缺材料，并对已提交材料的真实性负责；"
        "逾期未补齐的，自愿承担审批部门终止办理或撤销已作出的审批决定等后果。"
    )
    commitment_intro: str = (
        "行政机关告知：申请人办理下列事项，对下列材料（条件）实行告知承诺制。申请人书面承诺符合要求的，"
        "无需另行提交相应证明材料；行政机关将在作出决定后依法对承诺内容进行核查。"
    )
    notice_consequence: str = "逾期未补正的，视为撤回本次申请，已提交的材料可到窗口领回；补齐后可重新申请。"
    refusal_basis: str = "根据《中华人民共和国行政许可法》第三十二条第一款的规定，决定不予受理。"
    handout_note: str = "请当场核对办理结果及证件信息，如有疑问请向窗口工作人员咨询。欢迎对本次服务作出评价。"


class SyncSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    server_url: str = ""
    interval_seconds: float = 5.0
    ca_file: str = Field("", description="中心服务器证书的 CA 文件（自签名证书时填写）；空则用系统证书")


class DeviceSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    idcard_port: str = Field("", description="身份证阅读器的串口（如 /dev/ttyUSB0、COM3）；空则自动查找")


class OfflineSettings(BaseModel):
    """Limits of what a window may do without the centre (set by the centre's administrator)."""

    model_config = ConfigDict(extra="forbid")

    roster_max_age_days: float = Field(7.0, gt=0, description="离线登录：人员名册最多可以多久未与中心核对（天）")
    no_contact_banner_hours: float = Field(24.0, gt=0, description="超过此时长未联系中心，界面显示横幅（小时）")
    clock_max_skew_minutes: float = Field(10.0, gt=0, description="本机时钟与中心相差超过此值时不打印带日期的文书（分钟）")
    break_glass: list[str] = Field(default_factory=list,
                                   description="名册过期时仍可登录的应急管理员工号（每次登录记入审计日志）")


# -- Results out (出件/邮寄, issue 13): mailing a result ------------------------------------
class MailingSettings(BaseModel):
    """Mailing results (邮寄送达): who pays by default, and the sender on the mailing label."""

    model_config = ConfigDict(extra="forbid")

    cost_bearer: Literal["applicant", "government"] = Field(
        "applicant", description="邮寄费用默认由谁承担：applicant（申请人到付）或 government（政府付费，免费寄递）")
    sender_phone: str = Field("", description="邮寄标签上的寄件人电话；空则用中心咨询电话")


# -- 好差评 (ratings; services/ratings.py) ------------------------------------------------------------
class RatingSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    followup_days: int = Field(5, ge=1, le=60, description="差评整改回访期限（自评价之日起的工作日数）")


# -- supervision and the day's report (report area) ---------------------------------------------
class SupervisionSettings(BaseModel):
    """Thresholds of the supervision view (督办) and the period report; working days throughout."""

    model_config = ConfigDict(extra="forbid")

    near_days: int = Field(2, ge=0, le=30,
                           description="督办：距办结期限或容缺补齐期限不超过此工作日数时标黄（到期当日为 0）")
    uncollected_days: int = Field(5, ge=1, le=250,
                                  description="督办：办结结果待领取超过此工作日数即列为“结果未领取”")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    centre: CentreSettings = CentreSettings()
    window: WindowSettings = WindowSettings()
    wording: WordingSettings = WordingSettings()
    sync: SyncSettings = SyncSettings()
    devices: DeviceSettings = DeviceSettings()
    offline: OfflineSettings = OfflineSettings()
    mailing: MailingSettings = MailingSettings()  # results out
    ratings: RatingSettings = RatingSettings()  # 好差评
    supervision: SupervisionSettings = SupervisionSettings()
    idle_lock_minutes: float = Field(10.0, gt=0, description="无操作自动锁屏（分钟）")

    @property
    def window_id(self) -> str:
        """Globally unique window id: region(6) + centre(2) + window(3)."""
        return f"{self.centre.region_code}{self.centre.centre_code}{self.window.number}"


class SettingsError(Exception):
    """The settings file cannot be read; the message names the file and field."""


def load(path: Path | None = None) -> Settings:
    path = path or paths.settings_path()
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: {exc}") from exc
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        msgs = [f"{path}: {'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise SettingsError("\n".join(msgs)) from exc


def save(settings: Settings, path: Path | None = None) -> None:
    """Write atomically (temp file + rename) so a crash never leaves half a file."""
    path = path or paths.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = settings.model_dump(mode="json")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".toml")
    with os.fdopen(fd, "wb") as fh:
        tomli_w.dump(data, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def get_value(settings: Settings, dotted: str) -> Any:
    node: Any = settings.model_dump(mode="json")
    for p in dotted.split("."):
        if not isinstance(node, dict) or p not in node:
            raise SettingsError(f"未知的设置项：{dotted}")
        node = node[p]
    return node


def set_value(settings: Settings, dotted: str, value: Any) -> Settings:
    """Return new settings with ``section.field`` set (validated)."""
    data = settings.model_dump(mode="json")
    node = data
    parts = dotted.split(".")
    for p in parts[:-1]:
        if p not in node or not isinstance(node[p], dict):
            raise SettingsError(f"未知的设置项：{dotted}")
        node = node[p]
    if parts[-1] not in node:
        raise SettingsError(f"未知的设置项：{dotted}")
    node[parts[-1]] = value
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise SettingsError("; ".join(f"{dotted}: {e['msg'].removeprefix('Value error, ')}"
                                      for e in exc.errors())) from exc
