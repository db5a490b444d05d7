"""办事材料清单: the material list of an item, printed for a citizen whose enquiry opened no case.

Every situation of the item with its materials (name, 原件/复印件, count, and whether it is
required, conditional, 可容缺, 可告知承诺 or replaceable by an electronic licence), the promised
limit and fees, so the citizen comes back once with everything (首问负责, 一次性告知 spirit).
The input is a :class:`MaterialListDocument` (no case: the paper is keyed by the item code).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from clerk_app.documents.blocks import Title, data_table, gap, kv_grid, section
from clerk_app.documents.errors import DocumentError
from clerk_app.documents.kinds import PaperKind
from clerk_app.documents.model import PrintedClerk
from clerk_app.documents.page import DocSpec
from clerk_app.documents.styles import FRAME_W
from clerk_app.documents.text import clerk_label, cn_no, esc, fmt_dt, pm
from clerk_app.settings import Settings

TITLE = "办事材料清单"


@dataclass(frozen=True)
class ListedMaterial:
    """One material of a situation; ``form`` is the printed label (原件、复印件…)."""

    name: str
    form: str
    copies: int
    need: str  # 必须提交 / 符合条件时提交 / 非必须
    ways: str = ""  # 可容缺受理、可告知承诺、可用电子证照
    standard: str = ""


@dataclass(frozen=True)
class ListedSituation:
    name: str
    materials: tuple[ListedMaterial, ...]


@dataclass(frozen=True)
class MaterialListDocument:
    """The input of the 办事材料清单."""

    item_code: str
    item_name: str
    department: str
    promised_days: int
    legal_days: int
    situations: tuple[ListedSituation, ...]
    clerk: PrintedClerk
    printed_at: datetime
    fees: tuple[str, ...] = ()
    asker: str = ""
    answer: str = ""


def build(doc: MaterialListDocument, settings: Settings) -> DocSpec:
    if not doc.situations or not any(s.materials for s in doc.situations):
        raise DocumentError(f"事项「{doc.item_name}」没有可列出的申请材料")
    limit = f"承诺 {doc.promised_days} 个工作日（法定 {doc.legal_days} 个工作日）"
    if doc.promised_days == 0:
        limit = "即办"
    rows = [
        [("咨询事项", doc.item_name)],
        [("事项编码", doc.item_code), ("实施部门", doc.department)],
        [("办理时限", limit), ("收费", "；".join(doc.fees) or "不收费")],
        [("咨询人", doc.asker or "（未登记）"), ("答复时间", fmt_dt(doc.printed_at))],
    ]
    story: list[Flowable] = [
        Title(TITLE),
        pm(f"您咨询的「{esc(doc.item_name)}」需要以下材料。请按您的情形准备齐全后，"
           f"到{esc(settings.centre.name)}办理（{esc(settings.centre.address)}，{esc(settings.centre.office_hours)}）。",
           "indent"),
        gap(2),
        kv_grid(rows),
    ]
    if doc.answer:
        story += [section("窗口答复"), pm(esc(doc.answer), "cell")]
    widths = [10 * mm, 0.0, 24 * mm, 12 * mm, 26 * mm, 32 * mm]
    widths[1] = FRAME_W - sum(widths)
    for i, sit in enumerate(doc.situations, 1):
        story.append(section(f"{cn_no(i)}、情形：{sit.name}（共{len(sit.materials)}项材料）"))
        story.append(data_table(
            ["序号", "材料名称及要求", "原件/复印件", "份数", "是否必交", "可替代方式"],
            [[str(n), m.name + (f"（{m.standard}）" if m.standard else ""), m.form, str(m.copies or "—"),
              m.need, m.ways or "—"] for n, m in enumerate(sit.materials, 1)],
            widths, centred=(0, 2, 3, 4)))
    story += [
        gap(3),
        pm("本清单仅供咨询参考，不作为受理凭证；以窗口收件时的审核为准。"
           f"咨询电话：{esc(settings.centre.enquiry_phone)}。", "cell"),
        pm(f"答复人：{esc(clerk_label(doc.clerk))}" + (f"（工作牌号 {esc(doc.clerk.badge)}）" if doc.clerk.badge else ""),
           "cell"),
    ]
    return DocSpec(title=TITLE, code=doc.item_code, code_label="事项编码", story=story)


PAPER_KINDS = (PaperKind("material_list", TITLE, build, order=90, input="enquiry",
                         when="办事材料清单只用于咨询登记，不用于办件"),)
