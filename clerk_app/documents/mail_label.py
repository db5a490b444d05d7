"""邮寄标签: the label for a result mailed to the applicant (邮寄送达).

An A4 page like every other paper of the window (its office printer; the header carries the
centre and the case number as Code128), holding a framed 150 × 100 mm label — the size of a
courier's waybill turned sideways — to cut out and stick on the envelope, or to keep with the
courier's own waybill: sender (the centre, from the settings), recipient with full phone and
address (the courier needs them), courier, tracking number as text and as Code128, case number,
who pays the postage, and what is inside. Below it, what the window keeps: when and by whom it
was sent, and the items.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from clerk_app.documents import codes
from clerk_app.documents.blocks import Title, gap, items_table, kv_grid, section, signature_block
from clerk_app.documents.checks import require_case
from clerk_app.documents.errors import DocumentError
from clerk_app.documents.kinds import KINDS, PaperKind
from clerk_app.documents.model import HandoutDocument
from clerk_app.documents.page import DocSpec
from clerk_app.documents.styles import GRID, LABEL_BG, styles
from clerk_app.documents.text import esc, fmt_dt, lines, p, pm
from clerk_app.domain.handout import COST_BEARERS
from clerk_app.settings import Settings

LABEL_W = 150 * mm
LABEL_H = 100 * mm
LABEL_KEY_W = 20 * mm


class Code128Flowable(Flowable):
    """A Code128 of ``value`` with its quiet zones, ``height`` tall, for a table cell."""

    def __init__(self, value: str, height: float = 11 * mm) -> None:
        super().__init__()
        self.pattern = codes.code128_pattern(value)
        self.height = height
        self.width = codes.code128_width(self.pattern) + 2 * codes.QUIET * codes.MODULE

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        codes.draw_code128(self.canv, self.pattern, codes.QUIET * codes.MODULE, 0, self.height, codes.MODULE)


def _label(doc: HandoutDocument, settings: Settings) -> Table:
    to = doc.receiver or doc.applicant
    c = settings.centre
    sender_phone = settings.mailing.sender_phone or c.enquiry_phone
    big = styles()["body"].fontName
    rows = [
        [p("寄件人", "label"), pm(f"{esc(c.name)}　电话：{esc(sender_phone)}<br/>{esc(c.address)}", "cell")],
        [p("收件人", "label"), pm(f"<font size=13>{esc(to.name)}</font>　　电话：<font size=12>{esc(to.phone)}</font>",
                                   "cell")],
        [p("收件地址", "label"), pm(f"<font size=12.5>{esc(doc.address or to.address)}</font>", "body")],
        [p("快递公司", "label"), pm(f"{esc(doc.courier)}　　快递单号：<font size=13>{esc(doc.tracking_no)}</font>",
                                    "cell")],
        [None, Code128Flowable(doc.tracking_no)],
        [p("办件编号", "label"), pm(f"{esc(doc.case_no)}　　寄递费用：{esc(COST_BEARERS.get(doc.cost_bearer, '—'))}",
                                    "cell")],
        [p("内　　件", "label"), p(f"办理结果：{doc.result}", "cell")],
    ]
    table = Table(rows, colWidths=[LABEL_KEY_W, LABEL_W - LABEL_KEY_W], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), big, 10),
        ("BOX", (0, 0), (-1, -1), 1.6, GRID),
        ("INNERGRID", (0, 0), (-1, -1), 0.6, GRID),
        ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
        ("SPAN", (0, 3), (0, 4)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 4), (1, 4), "LEFT"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    _w, h = table.wrap(LABEL_W, LABEL_H)
    if h > LABEL_H:
        raise DocumentError("邮寄标签内容过长，超出 150×100 毫米的标签，请精简收件地址或办理结果")
    return table


def label_problem(doc: HandoutDocument, settings: Settings) -> str | None:
    """Why this mailing's label could not be laid out on the 150 × 100 mm label (None: it fits).

    For the mailing itself to ask before it is recorded: a mailing is final, and the label is the
    paper that carries its address, courier and tracking number."""
    try:
        _label(doc, settings)
    except DocumentError as exc:
        return str(exc)
    return None


def build(doc: HandoutDocument, settings: Settings) -> DocSpec:
    """Story of the mailing label."""
    require_case(doc, doc.case_no)
    if doc.method != "mail":
        raise DocumentError("邮寄标签只用于邮寄送达的办件")
    if not doc.tracking_no.strip():
        raise DocumentError("邮寄标签须填写快递单号")
    if not doc.result.strip():
        raise DocumentError("邮寄标签须写明内件（办理结果）")
    title = KINDS["mail_label"]
    story: list[Flowable] = [
        Title(title),
        p("请沿粗框线剪下，贴于邮件封面；或与快递运单一并留存备查。", "small"),
        gap(1),
        _label(doc, settings),
        gap(4),
        section("出件记录（窗口留存）"),
        kv_grid([[("出件时间", fmt_dt(doc.handed_at)), ("出件方式", "邮寄送达")],
                 [("快递单号", f"{doc.courier} {doc.tracking_no}")]]),
        section(f"办理事项（共{len(doc.items)}项）"),
        items_table(doc.items),
        gap(2),
        *lines(["办理结果已交寄，申请人可凭快递单号查询寄递进度；收到后请核对办理结果及证件信息，如有疑问请致电咨询。"]
               + ([f"备注：{doc.note}"] if doc.note else []), numbered=False),
        signature_block(doc.clerk, settings.centre.name, doc.handed_at.date(), None),
    ]
    return DocSpec(title=title, code=doc.case_no, code_label="办件编号", story=story, reprint_at=doc.reprint_at)


PAPER_KINDS = (PaperKind("mail_label", "邮寄标签", build, order=62, input="handout", states=frozenset({"mailed"}),
                        when="邮寄标签只用于已邮寄送达的办件"),)
