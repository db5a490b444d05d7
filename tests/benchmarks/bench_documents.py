"""Benchmark: a receipt voucher (10 materials) vs a bare ReportLab page with the same content.

Run on demand: ``.venv/bin/python tests/benchmarks/bench_documents.py [--runs N]``.
Both are measured in the same run, after the CJK font is registered once.
Target: the voucher within 1.3× of the bare page, about 40 ms.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reportlab.graphics.barcode.code128 import Code128  # noqa: E402
from reportlab.graphics.barcode.qr import QrCodeWidget  # noqa: E402
from reportlab.graphics.shapes import Drawing  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: E402

from clerk_app.documents import render_bytes, samples  # noqa: E402
from clerk_app.documents.fonts import register_fonts  # noqa: E402
from clerk_app.documents.text import MODE_LABELS, form_label, mask_id  # noqa: E402
from clerk_app.settings import Settings  # noqa: E402


def bare_page(doc, settings: Settings) -> bytes:
    """The same content with plain platypus: title, text, info and material tables, Code128, QR."""
    font = register_fonts()
    body = ParagraphStyle("b", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    cell = ParagraphStyle("c", fontName=font, fontSize=9.5, leading=12.5, wordWrap="CJK")
    title = ParagraphStyle("t", fontName=font, fontSize=20, leading=26, alignment=1)
    qr = QrCodeWidget(settings.centre.progress_url.format(case_no=doc.case_no))
    x1, y1, x2, y2 = qr.getBounds()
    size = 27 * mm
    drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0])
    drawing.add(qr)
    info = [[Paragraph(k, cell), Paragraph(v, cell)] for k, v in (
        ("办件编号", doc.case_no), ("申请人", doc.applicant.name), ("证件号码", mask_id(doc.applicant.id_number)),
        ("代理人", doc.agent.name), ("收件时间", f"{doc.received_at:%Y-%m-%d %H:%M}"),
        ("窗口工作人员", f"{doc.clerk.name}（代{doc.clerk.substitute_for}）"))]
    rows = [[Paragraph(h, cell) for h in ("序号", "材料名称", "原件/复印件", "份数", "来源/方式")]]
    rows += [[Paragraph(str(i), cell), Paragraph(m.name, cell), Paragraph(form_label(m.form), cell),
              Paragraph(str(m.copies), cell), Paragraph(MODE_LABELS[m.mode], cell)]
             for i, m in enumerate(doc.materials, 1)]
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.6, "#333333"), ("FONT", (0, 0), (-1, -1), font, 9.5)])
    story = [
        Code128(doc.case_no, barWidth=0.34 * mm, barHeight=10 * mm, humanReadable=False),
        Paragraph(settings.centre.name, body),
        Paragraph("收件凭证", title),
        Paragraph(f"{doc.applicant.name}：您提交的申请材料已收到。{settings.wording.receipt_note}", body),
        Table([[Table(info, colWidths=[28 * mm, 100 * mm], style=grid), drawing]]),
        Spacer(1, 4 * mm),
        Table(rows, colWidths=[12 * mm, 96 * mm, 28 * mm, 14 * mm, 24 * mm], repeatRows=1, style=grid),
        Paragraph(f"咨询电话：{settings.centre.enquiry_phone} 申请人签字：＿＿＿＿＿＿", body),
    ]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, initialFontName=font).build(story)
    return buf.getvalue()


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    settings = Settings()
    doc = samples.case(10)
    t = time.perf_counter()
    register_fonts()
    print(f"font registration (once per process): {(time.perf_counter() - t) * 1000:.1f} ms")
    voucher = lambda: render_bytes(doc, "receipt", settings)  # noqa: E731
    bare = lambda: bare_page(doc, settings)  # noqa: E731
    for fn in (voucher, bare, voucher, bare):  # warm up imports and caches
        fn()
    # interleave the two so machine noise hits both alike
    v_times, b_times = [], []
    for _ in range(args.runs):
        v_times.append(median_ms(voucher, 1))
        b_times.append(median_ms(bare, 1))
    v, b = statistics.median(v_times), statistics.median(b_times)
    print(f"receipt voucher, 10 materials: median {v:.1f} ms  ({len(voucher()) // 1024} KB, {args.runs} runs)")
    print(f"bare ReportLab page, same content: median {b:.1f} ms  ({len(bare()) // 1024} KB)")
    print(f"ratio voucher / bare: {v / b:.2f}x  (target <= 1.3x, about 40 ms)")
    rare_fonts(settings, args.runs)


def rare_fonts(settings: Settings, runs: int) -> None:
    """The cost of rare-character names: first use (coverage + font registration) and steady state."""
    import subprocess

    code = (
        "import time, dataclasses\n"
        "from clerk_app.documents import render_bytes, samples\n"
        "from clerk_app.settings import Settings\n"
        "s = Settings(); d = samples.case(10)\n"
        "render_bytes(d, 'receipt', s)\n"
        "r = dataclasses.replace(d, applicant=dataclasses.replace(d.applicant, name='刘䶮\\U00020001\\U0002A6DD'))\n"
        "t = time.perf_counter(); render_bytes(r, 'receipt', s)\n"
        "print(f'{(time.perf_counter() - t) * 1000:.0f}')\n"
    )
    root = Path(__file__).resolve().parents[2]
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    print(f"first rare-character paper in a process (cmaps + HanaMinA/B + subset registered): "
          f"{first.stdout.strip()} ms")
    doc = samples.case(10)
    rare = replace(doc, applicant=replace(doc.applicant, name="刘䶮\U00020001\U0002A6DD"))
    render_bytes(rare, "receipt", settings)
    times = [median_ms(lambda: render_bytes(rare, "receipt", settings), 1) for _ in range(runs)]
    size = len(render_bytes(rare, "receipt", settings)) // 1024
    print(f"receipt voucher with a rare-character name, later papers: median {statistics.median(times):.1f} ms "
          f"({size} KB)")


if __name__ == "__main__":
    main()
