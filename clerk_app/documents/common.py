"""Building blocks shared by the document renderers: text helpers, grids, tables, signatures."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from clerk_app.documents.errors import DocumentError
from clerk_app.documents.model import CaseDocument, Clerk, ItemLine, MaterialLine, Party
from clerk_app.documents.styles import FRAME_W, GRID, LABEL_BG, styles

MODE_LABELS = {
    "received": "已收",
    "e_license": "电子证照",
    "commitment": "告知承诺",
    "tolerated": "容缺",
    "missing": "缺少",
    "nonconforming": "不符合要求",
}
FORM_LABELS = {
    "original": "原件",
    "copy": "复印件",
    "original_and_copy": "原件及复印件",
    "original_or_copy": "原件或复印件",
    "electronic": "电子件",
}
ITEM_KINDS = {"promised": "承诺件", "immediate": "即办件"}
CN_NUM = "一二三四五六七八九十"


# ---- text helpers -------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def esc(text: object) -> str:
    """Escape user text for Paragraph markup; control characters go, newlines become line breaks."""
    return escape(_CONTROL.sub("", "" if text is None else str(text))).replace("\n", "<br/>")


def p(text: object, style: str = "body") -> Paragraph:
    """A paragraph of plain (escaped) text."""
    return Paragraph(esc(text), styles()[style])


def pm(markup: str, style: str = "body") -> Paragraph:
    """A paragraph of already-escaped markup."""
    return Paragraph(markup, styles()[style])


def fmt_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def fmt_dt(t: datetime | None) -> str:
    return f"{fmt_date(t)} {t:%H:%M}" if t else ""


def reprint_label(t: datetime) -> str:
    return f"补打 {t:%Y-%m-%d %H:%M}"


def mask_id(number: str) -> str:
    """Mask the middle of an ID number: 11010519491231002X → 110105********002X."""
    s = "".join((number or "").split())
    n = len(s)
    if n >= 15:
        keep_head, keep_tail = 6, 4
    elif n >= 8:
        keep_head, keep_tail = 2, 2
    elif n >= 3:
        keep_head, keep_tail = 1, 1
    else:
        return "*" * n
    return s[:keep_head] + "*" * (n - keep_head - keep_tail) + s[n - keep_tail:]


def mask_phone(phone: str) -> str:
    """Mask a mobile number's middle four digits; landlines are printed as given."""
    s = "".join((phone or "").split())
    if len(s) == 11 and s.isdigit() and s.startswith("1"):
        return s[:3] + "****" + s[7:]
    return s


def party_id(party: Party) -> str:
    """The printed ID: a person's number is masked, a company's credit code is public."""
    if not party.id_number:
        return ""
    number = mask_id(party.id_number) if party.kind == "person" else party.id_number
    return f"{party.id_type}：{number}"


def clerk_label(clerk: Clerk) -> str:
    """李四（代张三）, the substitute's own name first."""
    return f"{clerk.name}（代{clerk.substitute_for}）" if clerk.substitute_for else clerk.name


def form_label(form: str) -> str:
    return FORM_LABELS.get(form, form)


def item_kind_label(kind: str) -> str:
    return ITEM_KINDS.get(kind, kind)


def items_names(items: Sequence[ItemLine]) -> str:
    return "、".join(f"「{i.name}」" for i in items)


def doc_date(doc: CaseDocument) -> datetime:
    return doc.issued_at or doc.received_at


# ---- validation ---------------------------------------------------------------------------

def require_case(doc: CaseDocument | object, number: str, what: str = "办件编号") -> None:
    """Common checks: a number, at least one item, a clerk name."""
    if not (number or "").strip():
        raise DocumentError(f"缺少{what}，无法生成文书")
    items = getattr(doc, "items", ())
    if not items:
        raise DocumentError("缺少申请事项，无法生成文书")
    for item in items:
        if not item.name.strip():
            raise DocumentError("申请事项名称为空")
    clerk = getattr(doc, "clerk", None)
    if clerk is None or not clerk.name.strip():
        raise DocumentError("缺少窗口工作人员姓名")
    applicant = getattr(doc, "applicant", None)
    if applicant is None or not applicant.name.strip():
        raise DocumentError("缺少申请人姓名（名称）")


def require_materials(materials: Sequence[MaterialLine], what: str) -> None:
    if not materials:
        raise DocumentError(f"{what}须列明至少一项材料，材料清单为空")
    for m in materials:
        if not m.name.strip():
            raise DocumentError(f"{what}中有材料名称为空")


# ---- flowables ----------------------------------------------------------------------------

class Title(Flowable):
    """The centred document title, faux-bold (the font has one weight)."""

    def __init__(self, text: str, size: float = 20) -> None:
        super().__init__()
        self.text = text
        self.size = size
        self.space = size * 0.5 if len(text) <= 6 else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, self.size * 1.7

    def draw(self) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        font = styles()["body"].fontName
        c = self.canv
        size = self.size
        width = stringWidth(self.text, font, size) + self.space * (len(self.text) - 1)
        while width > self.width and size > 10:  # very long titles shrink, never overflow
            size -= 1
            width = stringWidth(self.text, font, size)
            self.space = 0.0
        text = c.beginText((self.width - width) / 2, self.size * 0.5)
        text.setFont(font, size)
        text.setCharSpace(self.space)
        text.setTextRenderMode(2)  # fill + stroke: a readable bold
        c.setLineWidth(size / 30)
        text.textOut(self.text)
        c.drawText(text)


def section(title: str) -> Paragraph:
    """A section heading such as 「一、申请事项」."""
    return pm(f"<font size=11.5>■</font> {esc(title)}", "section")


def cn_no(i: int) -> str:
    return CN_NUM[i - 1] if 1 <= i <= 10 else str(i)


def grid_style(extra: Iterable[tuple] = ()) -> TableStyle:
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), styles()["cell"].fontName, 9.5),
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        *extra,
    ])


def kv_grid(rows: Sequence[Sequence[tuple[str, object]]], width: float = FRAME_W,
            label_w: float = 22 * mm) -> Table:
    """A bordered label/value grid; each row holds one (full width) or two pairs."""
    value_w = (width - 2 * label_w) / 2
    data: list[list[object]] = []
    extra: list[tuple] = [("BACKGROUND", (0, 0), (0, -1), LABEL_BG)]
    for r, row in enumerate(rows):
        cells: list[object] = []
        for label, value in row:
            cells += [p(label, "label"), value if isinstance(value, Flowable) else p(value, "cell")]
        if len(row) == 1:
            cells += [None, None]
            extra.append(("SPAN", (1, r), (3, r)))
        else:
            extra.append(("BACKGROUND", (2, r), (2, r), LABEL_BG))
        data.append(cells)
    table = Table(data, colWidths=[label_w, value_w, label_w, value_w])
    table.setStyle(grid_style(extra))
    return table


def data_table(header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
               centred: Sequence[int] = ()) -> Table:
    """A bordered table whose header row repeats on every page and whose rows may split."""
    data: list[list[object]] = [[p(h, "head") for h in header]]
    for row in rows:
        data.append([
            c if isinstance(c, Flowable) else p(c, "cell_c" if i in centred else "cell")
            for i, c in enumerate(row)
        ])
    table = Table(data, colWidths=list(widths), repeatRows=1, splitByRow=1)
    table.setStyle(grid_style([("BACKGROUND", (0, 0), (-1, 0), LABEL_BG)]))
    return table


def items_table(items: Sequence[ItemLine], due: date | None = None) -> Table:
    """申请事项: name, code, department, promised limit (and due date)."""
    rows = []
    for i, it in enumerate(items, 1):
        limit = f"{it.promised_days}个工作日" if it.promised_days is not None else ""
        rows.append([str(i), it.name, it.code, it.department, item_kind_label(it.kind), limit])
    w = [12 * mm, 0.0, 30 * mm, 32 * mm, 19 * mm, 22 * mm]
    w[1] = FRAME_W - sum(w)
    return data_table(["序号", "事项名称", "事项编码", "实施部门", "办件类型", "承诺时限"], rows, w,
                      centred=(0, 4, 5))


def materials_table(materials: Sequence[MaterialLine]) -> Table:
    """The material table: 序号, 材料名称, 原件/复印件, 份数, 来源/方式."""
    rows = []
    for i, m in enumerate(materials, 1):
        copies = "—" if m.mode in ("e_license", "commitment", "missing") or m.copies == 0 else str(m.copies)
        rows.append([str(i), m.name, form_label(m.form), copies, MODE_LABELS[m.mode]])
    w = [12 * mm, 0.0, 28 * mm, 14 * mm, 24 * mm]
    w[1] = FRAME_W - sum(w)
    return data_table(["序号", "材料名称", "原件/复印件", "份数", "来源/方式"], rows, w, centred=(0, 2, 3, 4))


def party_rows(applicant: Party, agent: Party | None) -> list[list[tuple[str, object]]]:
    """Grid rows for applicant and agent: name, masked ID, phone."""
    label = "申请人" if applicant.kind == "person" else "申请单位"
    rows: list[list[tuple[str, object]]] = [
        [(label, applicant.name), ("联系电话", mask_phone(applicant.phone))],
        [("证件号码", party_id(applicant))],
    ]
    if agent is not None:
        rows += [
            [("代理人", agent.name), ("联系电话", mask_phone(agent.phone))],
            [("代理人证件", party_id(agent))],
        ]
    return rows


def bullet_lines(lines: Sequence[str]) -> str:
    """Markup of numbered lines (1. 2. …) or the lone line as is."""
    if len(lines) == 1:
        return esc(lines[0])
    return "<br/>".join(f"{i}. {esc(t)}" for i, t in enumerate(lines, 1))


def signature_block(clerk: Clerk, issuer: str, when: date,
                    signer: str = "申请人（代理人）签字") -> KeepTogether:
    """Clerk name/badge, the citizen's signature and date lines, and the issuer where the seal goes."""
    return KeepTogether(signature_parts(clerk, issuer, when, signer))


def signature_parts(clerk: Clerk, issuer: str, when: date,
                    signer: str = "申请人（代理人）签字") -> list[Flowable]:
    """The flowables of :func:`signature_block`, to keep together with other lines."""
    blank = "&nbsp;"
    left = pm(f"窗口工作人员：{esc(clerk_label(clerk))}", "sign")
    badge = pm(f"工号：{esc(clerk.badge)}", "sign") if clerk.badge else None
    right = pm(f"{esc(signer)}：<u>{blank * 34}</u>", "sign")
    date_line = pm(f"日期：<u>{blank * 12}</u>年<u>{blank * 6}</u>月<u>{blank * 6}</u>日", "sign")
    seal = pm(f"{esc(issuer)}（盖章）<br/>{esc(fmt_date(when))}", "seal")
    table = Table([[left, right], [badge, date_line], [None, seal]], colWidths=[FRAME_W * 0.42, FRAME_W * 0.58])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), styles()["sign"].fontName, 10.5),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (1, 2), (1, 2), 16),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [Spacer(1, 3 * mm), table]


def note_box(markup: str) -> Table:
    """A framed note paragraph (legal wording, how to supply…)."""
    table = Table([[pm(markup, "cell")]], colWidths=[FRAME_W])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), styles()["cell"].fontName, 9.5),
        ("BOX", (0, 0), (-1, -1), 0.6, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def gap(h: float = 3) -> Spacer:
    return Spacer(1, h * mm)
