"""Every name prints: CJK Extension A and B come from the shipped fallback fonts, glyph by glyph."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace

import pypdf
import pytest
from PIL import Image
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from clerk_app import glyphs
from clerk_app.documents import render_bytes, samples
from clerk_app.documents.fonts import MISSING_NOTE, collect_missing, draw_runs

from .conftest import all_text, needs_pdftoppm, rasterise

EXT_A = range(0x3400, 0x4DC0)
EXT_B = range(0x20000, 0x2A6E0)
NO_FONT = "\U00030041"  # CJK Extension G: one of the 1,894 no shipped font has


def _assigned(block: range) -> list[str]:
    return [chr(c) for c in block if unicodedata.category(chr(c)) != "Cn"]


def _embedded_fonts(data: bytes) -> set[str]:
    names = set()
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


@pytest.mark.parametrize(("block", "count"), [(EXT_A, 6592), (EXT_B, 42720)], ids=["ext-a", "ext-b"])
def test_every_character_of_extension_a_and_b_has_a_font(block, count):
    chars = _assigned(block)
    assert len(chars) == count  # the whole block as of Unicode 14
    without = [f"U+{ord(ch):04X}" for ch in chars if glyphs.face_for(ch) is None]
    assert without == []
    assert glyphs.missing_glyphs("".join(chars)) == []


def test_fallback_order_and_known_characters():
    assert glyphs.face_for("刘") is glyphs.PRIMARY
    assert glyphs.face_for("䶮").name == "HanaMinA"
    assert glyphs.face_for("\U00020001").name == "HanaMinB"
    assert glyphs.face_for("\u4DBF").name == "BabelStoneHanSubset"  # Unicode 13, not in HanaMin
    assert glyphs.face_for("\U0002A6DF").name == "BabelStoneHanSubset"
    assert [(f.name if f else None, run) for f, run in glyphs.runs("刘䶮 明")] == [
        ("WQYMicroHei", "刘"), ("HanaMinA", "䶮 "), ("WQYMicroHei", "明")]


@pytest.mark.parametrize("ch", ["\U00030EDE", "\U00030EDD", "\U0003134A", "\U00031350", "\U000323AF", "\u9FFF"])
def test_ideographs_of_unicode_13_to_15_have_a_glyph(ch):
    """Extensions G and H (2020, 2022) hold the rare name characters collected from household
    registers (𰻞 U+30EDE among them): most of them print now, from the BabelStone subset."""
    assert glyphs.face_for(ch).name == "BabelStoneHanSubset"
    assert glyphs.missing_glyphs(f"张{ch}") == []


def test_rare_names_print_with_embedded_fallback_fonts(settings):
    name = "刘䶮\U00020BB7\U00020001\U0002A6DD\U00030EDE"
    doc = samples.case(applicant=replace(samples.case().applicant, name=name))
    data = render_bytes(doc, "receipt", settings)
    assert name in all_text(data)  # each glyph maps back to its character
    assert {"WenQuanYiMicroHei-0", "HanaMinA", "HanaMinB", "BabelStoneHanSubset"} <= _embedded_fonts(data)
    assert "U+" not in all_text(data)  # nothing replaced, so no note either


def test_a_character_without_any_glyph_prints_as_its_code_point_and_says_so(settings):
    assert glyphs.face_for(NO_FONT) is None
    doc = samples.case(applicant=replace(samples.case().applicant, name=f"张{NO_FONT}"))
    text = all_text(render_bytes(doc, "receipt", settings))
    assert "张〔U+30041〕" in text
    assert MISSING_NOTE.replace(" ", "") in text


def test_the_clerk_is_warned_about_a_character_no_font_has():
    assert glyphs.missing_glyphs_message("刘䶮𠮷") == ""
    message = glyphs.missing_glyphs_message(f"王{NO_FONT}")
    assert "〔U+30041〕" in message and "没有字形" in message
    assert glyphs.missing_glyphs("a b\u200d\ufe00\n") == []  # spaces, joiners, selectors print nothing


def _sample(block: range, step: int) -> list[str]:
    chars = _assigned(block)
    return chars[::step] + chars[-12:]  # a spread of the block and its newest characters


@needs_pdftoppm
@pytest.mark.parametrize(("block", "step"), [(EXT_A, 61), (EXT_B, 379)], ids=["ext-a", "ext-b"])
def test_a_rendered_sample_of_each_block_shows_ink_for_every_character(block, step, tmp_path):
    """Each character in its own grid cell, drawn by the papers' run code; each cell has ink,
    and no cell is the font's empty .notdef (checked above: every character has a real glyph)."""
    chars = _sample(block, step)
    cols, cell = 16, 11 * mm
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(cols * cell + 20 * mm, (len(chars) // cols + 2) * cell + 20 * mm))
    with collect_missing() as missing:
        for i, ch in enumerate(chars):
            x, y = 10 * mm + (i % cols) * cell, 10 * mm + (i // cols) * cell
            draw_runs(c, x + 1.5 * mm, y + 2 * mm, ch, 22)
    c.save()
    assert missing == set()
    [png] = rasterise(buf.getvalue(), tmp_path, dpi=100)
    with Image.open(png) as raw:
        img = raw.convert("L")
        px = 100 / 25.4
        blank = []
        for i, ch in enumerate(chars):
            x0 = (10 + (i % cols) * 11) * px
            y_top = img.height - (10 + (i // cols + 1) * 11) * px
            box = img.crop((int(x0), int(y_top), int(x0 + 11 * px), int(y_top + 11 * px)))
            dark = sum(box.histogram()[:128])
            if dark < 15:
                blank.append(f"U+{ord(ch):04X}")
    assert blank == []
    fonts = _embedded_fonts(buf.getvalue())
    assert fonts & {"HanaMinA", "HanaMinB"}


def test_recorded_coverage_matches_the_shipped_fonts():
    """coverage.json is what the fonts' cmaps say (run scripts/font_coverage.py after a font change)."""
    import json

    from clerk_app import paths

    recorded = json.loads((paths.FONTS / glyphs.COVERAGE_FILE).read_text(encoding="utf-8"))
    fresh = json.loads(json.dumps(glyphs.coverage_record()))
    assert recorded == fresh


def test_a_font_whose_size_differs_from_the_record_is_read_from_its_cmap(monkeypatch):
    face = glyphs.CHAIN[1]
    record = {face.file: {"size": 1, "subfont": 0, "ranges": [[0x41, 0x41]]}}
    monkeypatch.setattr(glyphs, "_recorded", lambda: record)
    cov = glyphs._load(face)
    assert ord("䶮") in cov and len(cov) > 40_000
    record[face.file]["size"] = (glyphs.paths.FONTS / face.file).stat().st_size
    assert ord("䶮") not in glyphs._load(face)  # a matching record is trusted as is


def test_invisible_characters_never_print_as_boxes():
    """A selector or joiner the run's font lacks is left out; a newline stays for the line break."""
    runs = [(f.name if f else None, run) for f, run in glyphs.runs("\U00020001\ufe00 刘\n䶮\ufe00")]
    assert runs == [("HanaMinB", "\U00020001 "), ("WQYMicroHei", "刘\n"), ("HanaMinA", "䶮")]
    assert "".join(run for _, run in glyphs.runs("刘\u200d明\U000E0100")) == "刘明"
