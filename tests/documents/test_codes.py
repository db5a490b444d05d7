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
    doc = samples.case(reason="不属于本机关职权范围", outcome="refused" if kind == "refusal" else "accepted")
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


def _longest(template: str) -> str:
    """The longest prefix of ``template`` the header still takes as a barcode."""
    from clerk_app.documents.page import BAR_MAX_W

    best = ""
    for n in range(1, len(template) + 1):
        try:
            fit_module(code128_pattern(template[:n]), BAR_MAX_W)
        except DocumentError:
            break
        best = template[:n]
    return best


LONGEST = [
    _longest("SH-PT-20261122-A0001-XYZ-NOTICE-0001-ABCDEFGHIJ"),  # letters: Code128 B, 11 modules each
    _longest("31010701003202611220001230001" * 3),  # digits: Code128 C, two per symbol
]


def _scanned(img: Image.Image) -> Image.Image:
    """A rough office scan: slightly skewed, blurred, grey paper."""
    from PIL import ImageFilter

    img = img.rotate(0.7, resample=Image.Resampling.BILINEAR, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    return img.point(lambda v: int(v * 0.85 + 25))


@needs_pdftoppm
@pytest.mark.parametrize("case_no", LONGEST, ids=["letters", "digits"])
@pytest.mark.parametrize("dpi", [150, 200])
def test_longest_numbers_decode_from_preview_and_scan(case_no, dpi, settings, tmp_path):
    assert len(LONGEST[0]) >= 24 and len(LONGEST[1]) >= 40
    data = render(samples.case(case_no=case_no), "receipt", settings)
    [png, *_] = rasterise(data, tmp_path, dpi=dpi)
    assert ("Code128", case_no) in decode(png)
    with Image.open(png) as raw:
        scan = _scanned(raw.convert("L"))
    scan_png = tmp_path / "scan.png"
    scan.save(scan_png)
    assert ("Code128", case_no) in decode(scan_png)


@needs_pdftoppm
@pytest.mark.parametrize("case_no", LONGEST, ids=["letters", "digits"])
def test_quiet_zone_of_ten_modules_left_of_the_bars(case_no, tmp_path):
    """A long centre name is shrunk, never run into the bars: ≥ 10 modules of white before them."""
    from clerk_app.settings import CentreSettings

    long_centre = Settings(centre=CentreSettings(name="上海市普陀区行政服务中心综合窗口受理大厅（第二分中心）东区"))
    data = render(samples.case(case_no=case_no), "receipt", long_centre)
    pdf = tmp_path / "q.pdf"
    pdf.write_bytes(data)
    dpi = 600
    px = dpi / MM_PER_INCH
    subprocess.run([PDFTOPPM, "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", "1", "-l", "1",
                    "-y", str(int(14 * px)), "-H", str(int(10 * px)), "-x", "0", "-W", str(int(210 * px)),
                    str(pdf), str(tmp_path / "q")], check=True)
    with Image.open(tmp_path / "q.png") as raw:
        img = raw.convert("L")
    mid = [img.getpixel((x, img.height // 2)) for x in range(img.width)]
    x = int((210 - 18) * px)  # the bars end at the right margin; walk left until 2 mm of white
    while mid[x] >= 128:
        x -= 1
    white = 0
    while white < 2 * px:
        x -= 1
        white = white + 1 if mid[x] >= 128 else 0
    bar_left = x + white  # the first bar
    assert (int((210 - 18) * px) - bar_left) / px > 30  # found the bars, not a gap inside them
    gap = min(
        (bar_left - max([i for i in range(bar_left) if img.getpixel((i, y)) < 128], default=0)) / px
        for y in range(0, img.height, 6)
    )
    assert gap >= 10 * 0.34
