"""The service-item catalogue: items (事项), their situations (情形) and material checklists.

These models are both the schema of the human-edited files in ``forms/`` (TOML) and the
in-memory domain objects. They validate everything that can be checked inside one file;
cross-file rules (material references, duplicate codes) live in ``clerk_app.catalog``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)

from clerk_app.domain.identity import ID_TYPES, IdType

CATCH_ALL_NAMES = ("其他材料", "有关材料", "相关材料", "其它材料", "其他相关材料")

# The upper bound of every day count in the catalogue (working days). The 行政许可法 gives 20
# working days (art. 42, extendable by 10; 45 for joint handling) and special laws set longer
# statutory limits, but the longest in published service guides are a few hundred working days.
# 1000 working days is about four calendar years: anything longer is a typo (an extra digit),
# and refusing it keeps the working-day calendar from computing dates centuries away.
MAX_LIMIT_DAYS = 1000
# Text lengths: names and labels fit on one line of a voucher; descriptions, standards and
# legal bases are a paragraph. Identifiers and references are program values.
NAME_MAX = 200
TEXT_MAX = 4000
ID_MAX = 64

# TOML has real types, so numbers and flags are strict: ``true`` or ``"20"`` is not a day count
# and ``"yes"`` or ``1`` is not a flag.
Flag = StrictBool
Name = Annotated[str, StringConstraints(max_length=NAME_MAX)]
Text = Annotated[str, StringConstraints(max_length=TEXT_MAX)]
Ref = Annotated[str, StringConstraints(max_length=ID_MAX)]  # a reference to an id or an option value
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=ID_MAX)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ItemType(StrEnum):
    LICENSING = "行政许可"
    CONFIRMATION = "行政确认"
    PAYMENT = "行政给付"
    REWARD = "行政奖励"
    ADJUDICATION = "行政裁决"
    OTHER_POWER = "其他行政权力"
    PUBLIC_SERVICE = "公共服务"


class HandlingKind(StrEnum):
    IMMEDIATE = "immediate"  # 即办件: decided on the spot, due the same day
    PROMISED = "promised"  # 承诺件: decided within the promised working days


class Form(StrEnum):
    """How a material is handed in."""

    ORIGINAL = "original"  # 原件
    COPY = "copy"  # 复印件
    ORIGINAL_OR_COPY = "original_or_copy"  # 原件或复印件
    ORIGINAL_AND_COPY = "original_and_copy"  # 原件（核验）及复印件


FORM_LABELS = {
    Form.ORIGINAL: "原件",
    Form.COPY: "复印件",
    Form.ORIGINAL_OR_COPY: "原件或复印件",
    Form.ORIGINAL_AND_COPY: "原件及复印件",
}

ApplicantKind = Literal["person", "company"]


class Material(_Model):
    """One entry of the catalogue-wide material vocabulary (材料库)."""

    id: Ident = Field(description="材料标识（小写字母、数字、下划线）")
    name: Name = Field(min_length=2, description="材料名称，须具体，不得为“其他材料”等兜底表述")
    description: Text = ""
    issued_by_government: Flag = Field(False, description="政府部门核发的材料（两个免于提交）")
    e_license_type: Name | None = Field(None, description="对应的电子证照类型名称")
    commitment_text: Text | None = Field(None, description="告知承诺时申请人承诺的内容")
    standard: Text = Field("", description="材料的标准要求（一次性告知书中列出）")
    identity_of: Literal["applicant", "legal_rep", "agent"] | None = Field(
        None, description="本材料是谁的身份证件：申请人、法定代表人（经营者）、经办人；同一人的只收一次")

    @field_validator("name")
    @classmethod
    def _no_catch_all(cls, v: str) -> str:
        if v.strip() in CATCH_ALL_NAMES:
            raise ValueError(f"材料名称“{v}”是兜底表述，须写明具体材料")
        return v


class Fee(_Model):
    name: Name
    amount: Text = Field(description="金额或标准，如“100元/件”")
    basis: Text = ""


class ChannelLimits(_Model):
    """Promised limits (working days) per channel; unset channels use the item's promised limit."""

    window: StrictInt | None = Field(None, ge=0, le=MAX_LIMIT_DAYS)
    online: StrictInt | None = Field(None, ge=0, le=MAX_LIMIT_DAYS)
    mail: StrictInt | None = Field(None, ge=0, le=MAX_LIMIT_DAYS)


class ResultKind(StrEnum):
    """What the applicant gets (办理结果类型)."""

    LICENCE = "证照"
    APPROVAL = "批文"
    REGISTRATION = "登记"
    FILING = "备案"
    CERTIFICATE = "证明"
    PAYMENT = "给付"
    OTHER = "其他"


class Delivery(StrEnum):
    """送达方式."""

    PICKUP = "窗口领取"
    MAIL = "邮寄"
    ELECTRONIC = "电子送达"
    NONE = "无需送达"


class Result(_Model):
    """办理结果: what the item produces and how it reaches the applicant."""

    name: Name = Field(min_length=2, description="结果名称，如“营业执照”")
    kind: ResultKind = Field(description="结果类型：证照、批文、登记、备案、证明、给付、其他")
    delivery: list[Delivery] = Field(min_length=1, description="送达方式，可多选；“无需送达”须单独使用")
    e_license_type: Name | None = Field(None, description="同时生成的电子证照类型")
    material: Ref | None = Field(None, description="本结果在材料库中的材料标识（一件事中后续事项不再向申请人索要）")

    @field_validator("delivery")
    @classmethod
    def _none_alone(cls, v: list[Delivery]) -> list[Delivery]:
        if Delivery.NONE in v and len(v) > 1:
            raise ValueError("“无需送达”不能与其他送达方式同时选择")
        if len(v) != len(set(v)):
            raise ValueError("送达方式重复")
        return v

    @property
    def needs_delivery(self) -> bool:
        return Delivery.NONE not in self.delivery


class AcceptanceCondition(_Model):
    """受理条件: a condition the clerk confirms before accepting, with how to judge it."""

    id: Ident
    text: Text = Field(min_length=2, description="受理条件")
    standard: Text = Field(min_length=2, description="审查标准：窗口人员如何判断是否符合")
    situations: list[Ref] = Field(default_factory=list, description="适用的情形标识；不写则适用于全部情形")


class HandlingItem(_Model):
    """办理项: one of several ways an item is handled under the same basic code, with its own code."""

    code: Annotated[str, Field(pattern=r"^[0-9A-Z]{9,60}$", description="办理项编码")]
    name: Name = Field(min_length=2)
    situations: list[Ref] = Field(min_length=1, description="本办理项覆盖的情形标识")


class Option(_Model):
    value: Ref
    label: Name


class Question(_Model):
    """A question whose answer picks the situation (情形)."""

    id: Ident
    text: Name
    options: list[Option] = Field(min_length=2)


class Condition(_Model):
    """When a conditional material is needed. All given keys must match."""

    answers: dict[Ref, Ref] = Field(default_factory=dict, description="问题标识 → 选项值")
    applicant_kind: ApplicantKind | None = None
    has_agent: Flag | None = None
    id_types: list[IdType] | None = Field(None, description="申请人持这些证件之一时适用")
    text: Text = Field("", description="给窗口人员看的条件说明")


class MaterialRequirement(_Model):
    """One checklist slot of a situation: a material (or any one of several) and its rules."""

    ref: Ref | None = Field(None, description="材料库中的材料标识")
    any_of: list[Ref] | None = Field(None, description="任选其一：可满足本项的材料标识")
    any_of_by_id_type: dict[IdType, list[Ref]] = Field(
        default_factory=dict,
        description="任选其一按申请人证件类型细分：证件类型 → 该类申请人可选的材料（any_of 的子集）；未列出的证件类型可选 any_of 全部")
    slot_name: Name | None = Field(None, description="任选其一时本项的名称，如“身份证明（任选其一）”")
    required: Flag = True
    condition: Condition | None = Field(None, description="条件性材料的适用条件")
    form: Form = Form.ORIGINAL_OR_COPY
    copies: StrictInt = Field(1, ge=0, le=20, description="份数")
    e_license: Flag = Field(False, description="可用电子证照代替（免提交）")
    commitment: Flag = Field(False, description="可用告知承诺代替")
    commitment_after_decision: Flag = Field(False, description="告知承诺后可在审批决定后补交")
    after_decision_days: StrictInt | None = Field(None, ge=1, le=250,
                                            description="审批决定后补交的期限（工作日，自决定之日起算）")
    tolerate: Flag = Field(False, description="可容缺受理")
    tolerate_days: StrictInt | None = Field(None, ge=1, le=MAX_LIMIT_DAYS, description="容缺材料补齐期限（工作日）")
    review_points: list[Text] = Field(default_factory=list, description="收件审核要点")

    @model_validator(mode="after")
    def _check(self) -> MaterialRequirement:
        if bool(self.ref) == bool(self.any_of):
            raise ValueError("须且只能填写 ref 或 any_of 之一")
        if self.any_of is not None and len(self.any_of) < 2:
            raise ValueError("any_of 至少列出两种材料")
        if self.any_of_by_id_type and not self.any_of:
            raise ValueError("any_of_by_id_type 只能用于任选其一（any_of）的材料")
        if self.tolerate and self.tolerate_days is None:
            raise ValueError("可容缺的材料须填写 tolerate_days（补齐期限）")
        if not self.tolerate and self.tolerate_days is not None:
            raise ValueError("tolerate_days 仅用于可容缺的材料（tolerate = true）")
        if self.commitment_after_decision and not self.commitment:
            raise ValueError("commitment_after_decision 须同时允许告知承诺（commitment = true）")
        if self.after_decision_days is not None and not self.commitment_after_decision:
            raise ValueError("after_decision_days 仅用于审批决定后补交的材料（commitment_after_decision = true）")
        if not self.required and self.condition is None:
            raise ValueError("非必需材料须写明适用条件（condition）")
        return self

    @property
    def key(self) -> str:
        """Stable slot key inside a checklist: the material id, or the any-of group."""
        return self.ref if self.ref else "any:" + "|".join(self.any_of or [])

    @property
    def material_ids(self) -> list[str]:
        return [self.ref] if self.ref else list(self.any_of or [])

    def material_ids_for(self, id_type: str | None) -> list[str]:
        """The materials an applicant holding ``id_type`` may hand in for this slot."""
        try:
            subset = self.any_of_by_id_type.get(IdType(id_type)) if id_type else None
        except ValueError:  # an unknown document type: the slot as a whole
            subset = None
        return [m for m in self.material_ids if m in subset] if subset else self.material_ids


class Situation(_Model):
    id: Ident
    name: Name
    when: dict[Ref, Ref] = Field(default_factory=dict, description="问题标识 → 选项值；全部符合即为本情形")
    applicant_kinds: list[ApplicantKind] = Field(default_factory=lambda: list[ApplicantKind](["person", "company"]))
    id_types: list[IdType] | None = Field(None, description="仅限持这些证件的申请人；不写则不限")
    materials: list[MaterialRequirement] = Field(min_length=1)


class Item(_Model):
    """A service item (事项)."""

    code: Annotated[str, Field(pattern=r"^[0-9A-Z]{6,40}$", description="基本编码")]
    implementation_code: Ref | None = Field(None, description="实施编码")
    handling_code: Ref | None = Field(None, description="办理项编码")
    name: Name = Field(min_length=2)
    short_name: Name | None = None
    department: Name
    group: Name = Field("", description="事项分组（授权用），如“市场监管/食品”")
    item_type: ItemType
    kind: HandlingKind
    legal_limit_days: StrictInt = Field(ge=0, le=MAX_LIMIT_DAYS, description="法定时限（工作日）")
    promised_limit_days: StrictInt = Field(ge=0, le=MAX_LIMIT_DAYS, description="承诺时限（工作日）")
    channel_limits: ChannelLimits = ChannelLimits()
    id_types: list[IdType] | None = Field(None, description="仅受理持这些证件的申请人；不写则不限")
    accept_on_receipt: Flag = Field(False, description="收件即受理")
    chief_rep_decides: Flag = Field(False, description="首席事务代表可当场决定")
    tolerated_overdue_outcome: Literal["refuse", "withdraw"] | None = Field(
        None, description="容缺材料逾期未补齐的处理：refuse 不予许可；withdraw 视为撤回申请（由后台部门决定，窗口提示）")
    fees: list[Fee] = Field(default_factory=list)
    review_organ: Name = Field("", description="行政复议机关（不写则用中心设置 centre.review_organ）")
    court: Name = Field("", description="行政诉讼管辖法院（不写则用中心设置 centre.court）")
    result: Result | None = Field(None, description="办理结果")
    acceptance_conditions: list[AcceptanceCondition] = Field(default_factory=list, description="受理条件")
    handling_items: list[HandlingItem] = Field(default_factory=list, description="同一基本编码下的多个办理项")
    legal_basis: list[Text] = Field(default_factory=list, description="设定依据")
    keywords: list[Name] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    situations: list[Situation] = Field(min_length=1)

    def situation(self, situation_id: str) -> Situation:
        for s in self.situations:
            if s.id == situation_id:
                return s
        raise KeyError(situation_id)

    @field_validator("review_organ")
    @classmethod
    def _review_organ(cls, v: str) -> str:
        if v and len(v.strip()) < 4:
            raise ValueError(f"行政复议机关须写全称（如“上海市普陀区人民政府”），“{v}”过短")
        return v.strip()

    @field_validator("court")
    @classmethod
    def _court(cls, v: str) -> str:
        if v and not v.strip().endswith("法院"):
            raise ValueError(f"管辖法院须写法院全称（以“法院”结尾），“{v}”不是")
        return v.strip()

    def limit_for(self, channel: str) -> int:
        """Promised working days for a channel (window/counter, online, mail)."""
        ch = "window" if channel == "counter" else channel
        v = getattr(self.channel_limits, ch, None)
        return self.promised_limit_days if v is None else v

    def conditions_for(self, situation_id: str) -> list[AcceptanceCondition]:
        """受理条件 the clerk confirms for this situation."""
        return [c for c in self.acceptance_conditions if not c.situations or situation_id in c.situations]

    def handling_code_for(self, situation_id: str) -> str | None:
        """The 办理项编码 a case of this situation carries (stored on the case)."""
        for h in self.handling_items:
            if situation_id in h.situations:
                return h.code
        return self.handling_code

    def is_immediate_on(self, channel: str) -> bool:
        """即办 on this channel: an immediate item whose channel limit is 0 (online may still take days)."""
        return self.kind is HandlingKind.IMMEDIATE and self.limit_for(channel) == 0

    def pick_situation(self, answers: dict[str, str]) -> Situation | None:
        """The situation whose ``when`` matches the answers (the first, most specific wins)."""
        matches = [s for s in self.situations if all(answers.get(k) == v for k, v in s.when.items())]
        if not matches:
            return None
        return max(matches, key=lambda s: len(s.when))


def item_problems(item: Item) -> list[tuple[str, str]]:
    """Rules across fields of one item, each as (field path below ``item``, reason)."""
    out: list[tuple[str, str]] = []
    immediate = item.kind is HandlingKind.IMMEDIATE
    if item.promised_limit_days > item.legal_limit_days:
        out.append(("promised_limit_days", f"承诺时限 {item.promised_limit_days} 个工作日不得长于法定时限 "
                                           f"{item.legal_limit_days} 个工作日"))
    if immediate and item.promised_limit_days > 1:
        out.append(("promised_limit_days", "即办件的承诺时限应为 0（当场办结）或 1 个工作日"))
    if not immediate and item.promised_limit_days == 0:
        out.append(("promised_limit_days", "承诺件的承诺时限须大于 0"))
    for ch in ("window", "online", "mail"):
        v = getattr(item.channel_limits, ch)
        if v is None:
            continue
        if v > max(item.legal_limit_days, item.promised_limit_days):
            out.append((f"channel_limits.{ch}", f"渠道时限 {v} 个工作日长于法定时限 {item.legal_limit_days} 个工作日"))
        if not immediate and v == 0:
            out.append((f"channel_limits.{ch}", "承诺件的渠道时限须大于 0（当场办结的渠道请将事项设为即办件）"))
    qids: dict[str, set[str]] = {}
    for qi, q in enumerate(item.questions):
        if q.id in qids:
            out.append((f"questions[{qi}].id", f"问题标识 {q.id} 重复"))
        values = [o.value for o in q.options]
        if len(values) != len(set(values)):
            out.append((f"questions[{qi}].options", "选项值重复"))
        qids[q.id] = set(values)
    seen_sit: set[str] = set()
    for si, sit in enumerate(item.situations):
        base = f"situations[{si}]"
        if sit.id in seen_sit:
            out.append((f"{base}.id", f"情形标识 {sit.id} 重复"))
        seen_sit.add(sit.id)
        for qid, val in sit.when.items():
            if qid not in qids:
                out.append((f"{base}.when.{qid}", f"情形 {sit.id} 引用了未定义的问题 {qid}"))
            elif val not in qids[qid]:
                out.append((f"{base}.when.{qid}", f"问题 {qid} 没有选项 {val}"))
        keys: set[str] = set()
        for mi, m in enumerate(sit.materials):
            mbase = f"{base}.materials[{mi}]"
            if m.key in keys:
                out.append((mbase, f"情形 {sit.id} 中材料 {m.key} 重复"))
            keys.add(m.key)
            if m.commitment_after_decision and m.after_decision_days is None:
                # a file rule, not a model one: snapshots saved before the field existed still load
                out.append((mbase, "审批决定后补交的材料须填写 after_decision_days（补交期限）"))
            if m.tolerate and immediate:
                out.append((f"{mbase}.tolerate", "即办件当场办结，不适用容缺受理"))
            elif m.tolerate and m.tolerate_days and m.tolerate_days > item.promised_limit_days:
                out.append((f"{mbase}.tolerate_days",
                            f"容缺补齐期限 {m.tolerate_days} 个工作日长于承诺时限 {item.promised_limit_days} 个工作日"))
            if m.condition:
                for qid, val in m.condition.answers.items():
                    if qid not in qids or val not in qids[qid]:
                        out.append((f"{mbase}.condition.answers.{qid}",
                                    f"条件引用了未定义的问题或选项 {qid}={val}"))
    if item.tolerated_overdue_outcome and not any(m.tolerate for sit in item.situations for m in sit.materials):
        out.append(("tolerated_overdue_outcome", "本事项没有可容缺的材料（tolerate = true），不需填写逾期未补齐的处理"))
    out += _id_type_problems(item)
    out += _code_problems(item)
    sids = {s.id for s in item.situations}
    for ci, c in enumerate(item.acceptance_conditions):
        for k, sid in enumerate(c.situations):
            if sid not in sids:
                out.append((f"acceptance_conditions[{ci}].situations[{k}]", f"受理条件引用了未定义的情形 {sid}"))
    cids = [c.id for c in item.acceptance_conditions]
    for ci, cid in enumerate(cids):
        if cid in cids[:ci]:
            out.append((f"acceptance_conditions[{ci}].id", f"受理条件标识 {cid} 重复"))
    return out


def _code_problems(item: Item) -> list[tuple[str, str]]:
    """实施编码 ends with the basic code after the implementing body's credit code; 办理项编码 extend it."""
    from stdnum.cn import uscc

    out: list[tuple[str, str]] = []
    impl = item.implementation_code
    if impl is not None:
        if not impl.endswith(item.code) or len(impl) <= len(item.code):
            out.append(("implementation_code", f"实施编码 {impl} 应以基本编码 {item.code} 结尾"))
        elif len(impl) < 18 + len(item.code) or not uscc.is_valid(impl[:18]):
            out.append(("implementation_code", f"实施编码 {impl} 的前18位应为实施主体的统一社会信用代码"))
    stem = impl or item.code

    def check(field: str, code: str) -> None:
        if not (code.startswith(stem) and len(code) == len(stem) + 3 and code[len(stem):].isdigit()):
            what = "实施编码" if impl else "基本编码"
            out.append((field, f"办理项编码 {code} 应为{what} {stem} 加3位数字"))

    if item.handling_code is not None:
        check("handling_code", item.handling_code)
    if item.handling_items:
        if item.handling_code is not None:
            out.append(("handling_code", "已列出多个办理项（handling_items）时不再填写 handling_code"))
        sids = {s.id for s in item.situations}
        covered: dict[str, int] = {}
        for hi, h in enumerate(item.handling_items):
            check(f"handling_items[{hi}].code", h.code)
            if h.code in [x.code for x in item.handling_items[:hi]]:
                out.append((f"handling_items[{hi}].code", f"办理项编码 {h.code} 重复"))
            for k, sid in enumerate(h.situations):
                if sid not in sids:
                    out.append((f"handling_items[{hi}].situations[{k}]", f"办理项引用了未定义的情形 {sid}"))
                elif sid in covered:
                    out.append((f"handling_items[{hi}].situations[{k}]",
                                f"情形 {sid} 已属于办理项 handling_items[{covered[sid]}]"))
                else:
                    covered[sid] = hi
        for sid in sorted(sids - set(covered)):
            out.append(("handling_items", f"情形 {sid} 不属于任何办理项"))
    return out


def _id_type_problems(item: Item) -> list[tuple[str, str]]:
    """Document-type restrictions must fit the party kinds, each other and the slot's materials."""
    out: list[tuple[str, str]] = []
    item_types = set(item.id_types) if item.id_types is not None else None
    for si, sit in enumerate(item.situations):
        base = f"situations[{si}]"
        kinds = set(sit.applicant_kinds)
        allowed = set(sit.id_types) if sit.id_types is not None else item_types
        if sit.id_types is not None and item_types is not None:
            for ti, t in enumerate(sit.id_types):
                if t not in item_types:
                    out.append((f"{base}.id_types[{ti}]", f"证件类型 {t.value}（{ID_TYPES[t].label}）不在事项的 id_types 中"))
        if sit.id_types is not None:
            for ti, t in enumerate(sit.id_types):
                if ID_TYPES[t].party_kind not in kinds:
                    out.append((f"{base}.id_types[{ti}]",
                                f"{ID_TYPES[t].label}不是本情形申请人（{'、'.join(sorted(kinds))}）可持有的证件"))
        for mi, m in enumerate(sit.materials):
            mbase = f"{base}.materials[{mi}]"
            for t, subset in m.any_of_by_id_type.items():
                where = f"{mbase}.any_of_by_id_type.{t.value}"
                if not subset:
                    out.append((where, "至少列出一种材料"))
                stray = [x for x in subset if x not in (m.any_of or [])]
                if stray:
                    out.append((where, f"材料 {'、'.join(stray)} 不在本项 any_of 中"))
                if ID_TYPES[t].party_kind not in kinds:
                    out.append((where, f"{ID_TYPES[t].label}不是本情形申请人可持有的证件"))
                elif allowed is not None and t not in allowed:
                    out.append((where, f"本情形不受理持{ID_TYPES[t].label}的申请人，此处细分无效"))
            if m.condition and m.condition.id_types:
                for ti, t in enumerate(m.condition.id_types):
                    if ID_TYPES[t].party_kind not in kinds or (allowed is not None and t not in allowed):
                        out.append((f"{mbase}.condition.id_types[{ti}]",
                                    f"本情形的申请人不会持有{ID_TYPES[t].label}，条件永不成立"))
    return out


class Theme(_Model):
    """A "one thing" (一件事): several items taken in one intake with merged materials."""

    id: Ident
    name: Name
    description: Text = ""
    items: list[Ref] = Field(min_length=1, description="事项基本编码（可只有一个事项，如“我要办理失业登记”）")

    @field_validator("items")
    @classmethod
    def _unique(cls, v: list[str]) -> list[str]:
        if len(v) != len(set(v)):
            raise ValueError("主题中的事项编码重复")
        return v
    keywords: list[Name] = Field(default_factory=list)


class ItemFile(_Model):
    """What one file in ``forms/items/`` contains."""

    item: Item


class MaterialsFile(_Model):
    materials: list[Material]


class ThemeFile(_Model):
    theme: Theme


class Catalogue(_Model):
    """A loaded, cross-checked catalogue snapshot (immutable; ``version`` is its content hash)."""

    version: str
    materials: dict[str, Material]
    items: dict[str, Item]
    themes: dict[str, Theme]

    def item(self, code: str) -> Item:
        return self.items[code]
