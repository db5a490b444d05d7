"""The period report exported: CSV (one table), XLSX (openpyxl: a sheet per table) and a printable PDF.

Each writes the whole file atomically (a temporary file then rename), so a failed export leaves
nothing half-written. The tables are :mod:`clerk_app.services.report`'s, the same the app shows.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from clerk_app.documents.period_report import Chart, PrintedReport, render_report
from clerk_app.paths import write_atomic
from clerk_app.services.report import (
    COUNT_HEADER,
    HEADER,
    LATE_HEADER,
    RATING_HEADER,
    Report,
    charts,
    count_rows,
    late_rows,
    rating_rows,
)
from clerk_app.settings import Settings


class ExportFailed(OSError):
    """The file could not be written (message in Chinese)."""


def _write(path: Path, data: bytes) -> None:
    try:
        write_atomic(Path(path), data)
    except OSError as exc:
        raise ExportFailed(f"无法写入文件 {path}：{exc.strerror or exc}") from exc


def csv_bytes(report: Report) -> bytes:
    """UTF-8 with BOM (Excel opens it in Chinese), one row per clerk then the window's total."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEADER)
    w.writerows(report.rows())
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_csv(report: Report, path: Path) -> None:
    _write(path, csv_bytes(report))


def xlsx_bytes(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    sheets = (("办件情况", COUNT_HEADER, count_rows(report)), ("评价情况", RATING_HEADER, rating_rows(report)),
              ("逾期办件", LATE_HEADER, late_rows(report)))
    for i, (title, header, rows) in enumerate(sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = title
        ws["A1"] = f"窗口工作报表 {report.period} {report.window_name}（{report.window_id}）"
        ws["A1"].font = Font(bold=True, size=13)
        ws.append([])
        ws.append(list(header))
        for cell in ws[3]:
            cell.font, cell.fill = bold, head_fill
        for row in rows:
            ws.append(list(row))
        if title != "逾期办件" and rows:
            for cell in ws[ws.max_row]:
                cell.font = bold  # the window's total
        ws.column_dimensions["A"].width = 24
        for col in "BCDEFGHIJKLMNOP":
            ws.column_dimensions[col].width = 11
        ws.freeze_panes = "B4"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_xlsx(report: Report, path: Path) -> None:
    _write(path, xlsx_bytes(report))


def printed(report: Report) -> PrintedReport:
    return PrintedReport(
        code=f"{report.start:%Y%m%d}-{report.end:%Y%m%d}", period=report.period,
        window=f"{report.window_name}（{report.window_id}）", made_at=report.made_at,
        tables=(("一、办件情况", tuple(COUNT_HEADER), tuple(tuple(r) for r in count_rows(report))),
                ("二、评价情况（好差评）", tuple(RATING_HEADER), tuple(tuple(r) for r in rating_rows(report))),
                ("三、逾期办件", tuple(LATE_HEADER), tuple(tuple(r) for r in late_rows(report)))),
        charts=tuple(Chart(c.title, c.categories, c.series) for c in charts(report)),
        clerk=report.only_clerk or "")


def pdf_bytes(report: Report, settings: Settings) -> bytes:
    return render_report(printed(report), settings)


def to_pdf(report: Report, settings: Settings, path: Path) -> None:
    _write(path, pdf_bytes(report, settings))
