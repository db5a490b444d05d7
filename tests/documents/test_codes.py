"""Barcodes and QR codes scan back from a 150 dpi raster, as at the window."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from clerk_app.documents import DocumentError, samples
from clerk_app.documents.codes import MIN_MODULE, code128_pattern, fit_module
from clerk_app.settings import Settings

from .conftest import PDFTOPPM, decode, needs_pdftoppm, rasterise, render
from .test_contents import notice_case

MM_PER_INCH = 25.4


@needs_pdftoppm
@pytest.mark.parametrize("kind", ["receipt", "acceptance", "handout"])
def test_case_barcode_and_progress_qr_decode(kind, settings, tmp_path):
    doc = samples.handout() if kind == "handout" else samples.case()
    codes = decode(rasterise(render(doc, kind, settings), tmp_path)[0])
    assert ("Code128", doc.case_no) in codes
    assert ("QRCode", settings.centre.progress_url.format(case_no=doc.case_no)) in codes


@needs_pdftoppm
def test_progress_url_pattern_from_settings(tmp_path):
    s = Settings.model_validate({"centre": {"progress_url": "https://gov.example/cx?bh={case_no}&src=qr"}})
    doc = samples.case(case_no="PT-2026-000042")
    codes = decode(rasterise(render(doc, "receipt", s), tmp_path)[0])
    assert ("QRCode", "https://gov.example/cx?bh=PT-2026-000042&src=qr") in codes
    assert ("Code128", "PT-2026-000042") in codes


@needs_pdftoppm
def test_notice_barcode_is_the_notice_number(settings, tmp_path):
    codes = decode(rasterise(render(notice_case(), "notice", settings), tmp_path)[0])
    assert ("Code128", "GZ2026112200007") in codes


@needs_pdftoppm
@pytest.mark.parametrize("kind", ["tolerated", "commitment", "refusal"])
def test_other_documents_carry_the_case_barcode(kind, settings, tmp_path):
    doc = samples.case(reason="不属于本机关职权范围")
    codes = decode(rasterise(render(doc, kind, settings), tmp_path)[0])
    assert ("Code128", doc.case_no) in codes


@needs_pdftoppm
def test_every_page_header_has_the_barcode(settings, tmp_path):
    doc = samples.case(40)
    pages = rasterise(render(doc, "receipt", settings), tmp_path)
    assert len(pages) >= 2
    for png in pages:
        assert ("Code128", doc.case_no) in decode(png), png.name


def _narrowest_bar_mm(data: bytes, tmp_path: Path, dpi: int = 600) -> float:
    """Rasterise the header strip at ``dpi`` and measure the narrowest dark run across the bars."""
    pdf = tmp_path / "bars.pdf"
    pdf.write_bytes(data)
    px = dpi / MM_PER_INCH
    top, height = int(16 * px), int(6 * px)  # a strip through the bars (14–24 mm from the top)
    subprocess.run([PDFTOPPM, "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", "1", "-l", "1",
                    "-y", str(top), "-H", str(height), "-x", "0", "-W", str(int(210 * px)),
                    str(pdf), str(tmp_path / "strip")], check=True)
    with Image.open(tmp_path / "strip.png") as raw:
        img = raw.convert("L")
        row = [img.getpixel((x, img.height // 2)) for x in range(img.width)]
    start = int(img.width * 0.45)  # the bars sit in the right half; skip header text on the left
    runs, run = [], 0
    for value in row[start:]:
        if value < 128:
            run += 1
        elif run:
            runs.append(run)
            run = 0
    assert len(runs) > 20, "no barcode found in the header strip"
    return min(runs) / px


@needs_pdftoppm
@pytest.mark.parametrize("case_no", ["3101070100320261122000123", "SH-PT-20261122-A0001-XYZ"])
def test_bars_at_least_0_3_mm(case_no, settings, tmp_path):
    narrowest = _narrowest_bar_mm(render(samples.case(case_no=case_no), "receipt", settings), tmp_path)
    assert narrowest >= 0.3 * 0.95  # allow rasterisation rounding of a pixel fraction


def test_module_never_below_0_3_mm():
    assert fit_module(code128_pattern("A" * 30), 1000) >= MIN_MODULE
    with pytest.raises(DocumentError, match="编号过长"):
        fit_module(code128_pattern("ABCDEFGHIJ" * 6), 100)


@pytest.mark.parametrize("bad", ["", "办件001", "ABC\n1"])
def test_unprintable_numbers_raise(bad):
    with pytest.raises(DocumentError):
        code128_pattern(bad)
