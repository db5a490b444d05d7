"""Layout blocks shared by the renderers: title, grids, tables, QR block, signature lines."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from clerk_app.documents.codes import QrFlowable
from clerk_app.documents.fonts import register_fonts
from clerk_app.documents.keep import mark_signature
from clerk_app.documents.model import ItemLine, PrintedClerk, PrintedMaterial, PrintedParty
from clerk_app.documents.styles import FRAME_W, GRID, LABEL_BG, styles
from clerk_app.documents.text import (
    MODE_LABELS,
    clerk_label,
    esc,
    fmt_date,
    form_label,
    item_kind_label,
    mask_phone,
    p,
    party_id,
    pm,
)
from clerk_app.settings import Settings

QR_SIZE = 27 * mm
QR_COL = 34 * mm


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
        font = styles()["body"].fontName
        size, space = self.size, self.space
        width = stringWidth(self.text, font, size) + space * (len(self.text) - 1)
        while width > self.width and size > 10:  # very long titles shrink, never overflow
            size, space = size - 1, 0.0
            width = stringWidth(self.text, font, size)
        c = self.canv
        text = c.beginText((self.width - width) / 2, self.size * 0.5)
        text.setFont(font, size)
        text.setCharSpace(space)
        text.setTextRenderMode(2)  # fill + stroke: a readable bold
        c.setLineWidth(size / 30)
        text.textOut(self.text)
        c.drawText(text)


def section(title: str) -> Paragraph:
    """A section heading such as 「一、申请事项」."""
    return pm(f"<font size=11.5>■</font> {esc(title)}", "section")


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
            cells += [p(label, "label"), value if isinstance(value, Flowable | list) else p(value, "cell")]
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
            c if isinstance(c, Flowable | list) else p(c, "cell_c" if i in centred else "cell")
            for i, c in enumerate(row)
        ])
    table = Table(data, colWidths=list(widths), repeatRows=1, splitByRow=1)
    table.setStyle(grid_style([("BACKGROUND", (0, 0), (-1, 0), LABEL_BG)]))
    return table


def items_table(items: Sequence[ItemLine]) -> Table:
    """申请事项: name, code, department, kind and promised limit."""
    rows = []
    for i, it in enumerate(items, 1):
        limit = time_limit(it)
        rows.append([str(i), it.name, it.code, it.department, item_kind_label(it.kind), limit])
    w = [12 * mm, 0.0, 30 * mm, 32 * mm, 19 * mm, 22 * mm]
    w[1] = FRAME_W - sum(w)
    return data_table(["序号", "事项名称", "事项编码", "实施部门", "办件类型", "承诺时限"], rows, w,
                      centred=(0, 4, 5))


def time_limit(it: ItemLine) -> str:
    """承诺时限 as printed: 当场办结 for a 即办件, else N个工作日."""
    if it.immediate:
        return "当场办结"
    return f"{it.promised_days}个工作日" if it.promised_days is not None else ""


def seal_organ(items: Sequence[ItemLine], centre: str) -> str:
    """The deciding organ named on the seal line: the items' department(s), else the centre."""
    departments = list(dict.fromkeys(it.department for it in items if it.department.strip()))
    return "、".join(departments) if departments else centre


def materials_table(materials: Sequence[PrintedMaterial]) -> Table:
    """The material table: 序号, 材料名称, 原件/复印件, 份数, 来源/方式."""
    rows = []
    for i, m in enumerate(materials, 1):
        if m.mode in ("tolerated", "missing"):
            copies = "未交"  # owed: nothing was handed in
        elif m.mode in ("e_license", "commitment") or m.copies == 0:
            copies = "—"
        else:
            copies = m.received or str(m.copies)  # 原件1份（核验后退回）、复印件2份 when recorded apart
        rows.append([str(i), m.name, form_label(m.form), copies, MODE_LABELS[m.mode]])
    wide = any(m.received for m in materials)
    w = [12 * mm, 0.0, 24 * mm, 38 * mm, 22 * mm] if wide else [12 * mm, 0.0, 28 * mm, 14 * mm, 24 * mm]
    w[1] = FRAME_W - sum(w)
    return data_table(["序号", "材料名称", "原件/复印件", "份数", "来源/方式"], rows, w, centred=(0, 2, 3, 4))


def party_rows(applicant: PrintedParty, agent: PrintedParty | None) -> list[list[tuple[str, object]]]:
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


def signature_block(clerk: PrintedClerk, issuer: str, when: date,
                    signer: str | None = "申请人（代理人）签字") -> KeepTogether:
    """PrintedClerk name, staff number and badge, the citizen's signature and date lines (none when
    ``signer`` is None: a letter's applicant is not there), and the issuer with 「（印章）」."""
    return mark_signature(KeepTogether(signature_parts(clerk, issuer, when, signer)))


def signature_parts(clerk: PrintedClerk, issuer: str, when: date,
                    signer: str | None = "申请人（代理人）签字") -> list[Flowable]:
    """The flowables of :func:`signature_block`, to keep together with other lines."""
    blank = "&nbsp;"
    left = pm(f"窗口工作人员：{esc(clerk_label(clerk))}", "sign")
    ids = [f"工号：{esc(clerk.staff_no)}"] if clerk.staff_no else []
    ids += [f"工作牌号：{esc(clerk.badge)}"] if clerk.badge else []
    staff_no = pm(("&nbsp;" * 6).join(ids), "sign") if ids else None
    right = pm(f"{esc(signer)}：<u>{blank * 34}</u>", "sign") if signer else None
    date_line = (pm(f"日期：<u>{blank * 12}</u>年<u>{blank * 6}</u>月<u>{blank * 6}</u>日", "sign")
                 if signer else None)
    seal = pm(f"{esc(issuer)}（印章）<br/>{esc(fmt_date(when))}", "seal")
    table = Table([[left, right], [staff_no, date_line], [None, seal]],
                  colWidths=[FRAME_W * 0.42, FRAME_W * 0.58])
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


def progress_url(settings: Settings, case_no: str) -> str:
    """The centre's progress-enquiry URL for this case (printed as a QR code)."""
    return settings.centre.progress_url.format(case_no=case_no)


def qr_block(settings: Settings, case_no: str, caption: str = "扫码查询办理进度") -> Table:
    """QR code with its caption, boxed, for the right of the info grid."""
    table = Table([[QrFlowable(progress_url(settings, case_no), QR_SIZE)], [p(caption, "small_c")]],
                  colWidths=[QR_COL - 3 * mm])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), register_fonts(), 9),
        ("BOX", (0, 0), (-1, -1), 0.6, GRID),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def with_qr(grid: Flowable, qr: Table) -> Table:
    """The info grid on the left, the QR block on the right."""
    outer = Table([[grid, qr]], colWidths=[FRAME_W - QR_COL, QR_COL])
    outer.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), register_fonts(), 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return outer
