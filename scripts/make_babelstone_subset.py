"""Make ``resources/fonts/BabelStoneHan-Subset.ttf``: the CJK ideographs no earlier font of the chain has.

HanaMinA/B (2017) stop at Unicode 12: they lack the ideographs of Unicode 13 and later, among
them most of CJK Extension G (2020) and H (2022), where the rare characters of personal names
collected from the household registers were encoded. BabelStone Han (Debian
``fonts-babelstone-han``, 51 MB, Arphic Public License; only some symbol glyphs, none of them
ideographs, are under CC BY-SA) has many of them: this keeps just the ideographs (CJK Unified
Ideographs and their extensions) that WenQuanYi and HanaMin lack and BabelStone has, and records
the change in the font, as the licence's section 2a asks. Run again after a font upgrade, then
``scripts/font_coverage.py``:

    .venv/bin/python scripts/make_babelstone_subset.py /usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clerk_app import glyphs  # noqa: E402

OUT = ROOT / "resources" / "fonts" / "BabelStoneHan-Subset.ttf"
FAMILY = "BabelStone Han Subset"
# CJK Unified Ideographs and Extensions A–I (Unicode 15.1); the compatibility ideographs are all in HanaMin.
IDEOGRAPHS = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2EE5F), (0x30000, 0x323AF))
BEFORE = [face for face in glyphs.CHAIN if not face.file.startswith("BabelStoneHan")]


def wanted(cmap: dict[int, str]) -> list[int]:
    """The ideographs of ``cmap`` that no font before this one in the chain shows."""
    return [c for lo, hi in IDEOGRAPHS for c in range(lo, hi + 1)
            if c in cmap and not any(c in glyphs.coverage(face) for face in BEFORE)]


def main(source: str) -> None:
    font = TTFont(source)
    code_points = wanted(font.getBestCmap())
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=code_points)
    sub.subset(font)
    notice = (f"Modified {date.today():%Y-%m-%d} by Window Clerk: subset of BabelStone Han to the "
              f"{len(code_points)} CJK ideographs that WenQuanYi Micro Hei and HanaMin A/B lack; renamed {FAMILY}. "
              "Distributed under the Arphic Public License (see BabelStoneHan-Subset.LICENSE.txt).")
    name = font["name"]
    for rec in list(name.names):
        if rec.nameID in (1, 4, 16):
            name.setName(FAMILY, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 6:
            name.setName(FAMILY.replace(" ", ""), rec.nameID, rec.platformID, rec.platEncID, rec.langID)
    name.setName(notice, 10, 3, 1, 0x409)  # description
    name.setName(notice, 10, 1, 0, 0)
    font.save(OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(code_points)} ideographs)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf")
