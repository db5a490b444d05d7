"""窗口工作报表: the period report as a printable A4 PDF (tables and ReportLab bar charts).

The input is a :class:`PrintedReport` of plain tables (the services build it from the report),
so this module knows nothing of how the counts were made. Not a case paper: it is not in the
paper-kind registry; it shares the page (header, footer, embedded CJK font) with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from clerk_app.documents.blocks import Title, data_table, gap, kv_grid, section
from clerk_app.documents.errors import DocumentError
from clerk_app.documents.fonts import collect_missing, register_fonts
from clerk_app.documents.page import DocSpec, build_pdf
from clerk_app.documents.styles import FRAME_W
from clerk_app.documents.text import fmt_dt, p
from clerk_app.settings import Settings

TITLE = "窗口工作报表"
PALETTE = ("#1f4e79", "#2e8b57", "#e0a100", "#c0392b", "#7d3c98", "#5d6d7e", "#16a085")


@dataclass(frozen=True)
class Chart:
    """A grouped bar chart: one group per category, one bar per series."""

    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]


@dataclass(frozen=True)
class PrintedReport:
    code: str  # e.g. 20261123-20261123: printed as the header's code
    period: str
    window: str
    made_at: datetime
    tables: tuple[tuple[str, tuple[str, ...], tuple[tuple[object, ...], ...]], ...]  # (title, header, rows)
    charts: tuple[Chart, ...] = ()
    clerk: str = ""


def bar_chart(chart: Chart, width: float = FRAME_W, height: float = 62 * mm) -> Drawing:
    font = register_fonts()
    d = Drawing(width, height)
    d.initialFontName = font  # else the drawing starts in Helvetica (not embedded)
    d.add(String(0, height - 10, chart.title, fontName=font, fontSize=10))
    bc = VerticalBarChart()
    bc.x, bc.y = 28, 34
    bc.width, bc.height = width - 150, height - 58
    bc.data = [list(values) for _, values in chart.series] or [[0]]
    top = max((v for _, values in chart.series for v in values), default=0)
    bc.valueAxis.valueMin = 0
    bc.valueAxis.valueMax = max(4, top + 1)
    bc.valueAxis.valueStep = max(1, (top + 4) // 5)
    bc.valueAxis.labels.fontName = font
    bc.valueAxis.labels.fontSize = 7.5
    bc.categoryAxis.categoryNames = [c if len(c) <= 8 else c[:7] + "…" for c in chart.categories]
    bc.categoryAxis.labels.fontName = font
    bc.categoryAxis.labels.fontSize = 7.5
    bc.categoryAxis.labels.boxAnchor = "n"
    bc.barSpacing = 1
    bc.groupSpacing = 6
    for i in range(len(chart.series)):
        bc.bars[i].fillColor = colors.HexColor(PALETTE[i % len(PALETTE)])
        bc.bars[i].strokeColor = None
    bc.barLabels.fontName = font
    bc.barLabels.fontSize = 6.5
    bc.barLabelFormat = "%d"
    bc.barLabels.nudge = 5
    d.add(bc)
    legend = Legend()
    legend.x, legend.y = width - 112, height - 22
    legend.fontName = font
    legend.fontSize = 8
    legend.alignment = "right"
    legend.colorNamePairs = [(colors.HexColor(PALETTE[i % len(PALETTE)]), name)
                             for i, (name, _) in enumerate(chart.series)]
    d.add(legend)
    return d


def _widths(header: Sequence[str]) -> list[float]:
    first = 34 * mm
    rest = (FRAME_W - first) / max(1, len(header) - 1)
    return [first] + [rest] * (len(header) - 1)


def build(doc: PrintedReport) -> DocSpec:
    if not doc.tables:
        raise DocumentError("报表没有内容")
    story: list[Flowable] = [
        Title(TITLE),
        kv_grid([[("报表期间", doc.period), ("窗口", doc.window)],
                 [("窗口人员", doc.clerk or "全部"), ("制表时间", fmt_dt(doc.made_at))]]),
    ]
    for title, header, rows in doc.tables:
        story.append(section(title))
        if rows:
            story.append(data_table(list(header), [[str(c) for c in r] for r in rows], _widths(header),
                                    centred=tuple(range(1, len(header)))))
        else:
            story.append(p("（无）", "cell"))
    for chart in doc.charts:
        story += [gap(4), bar_chart(chart)]
    return DocSpec(title=TITLE, code=doc.code, code_label="报表期间", story=story)


def render_report(doc: PrintedReport, settings: Settings) -> bytes:
    with collect_missing() as missing:
        spec = build(doc)
    return build_pdf(spec, settings, missing)
