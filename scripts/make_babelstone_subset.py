"""Make ``resources/fonts/BabelStoneHan-Ext13.ttf``: the CJK Extension A/B characters HanaMin lacks.

HanaMinA/B (2017) stop at Unicode 12: they lack U+4DB6–U+4DBF (Extension A, Unicode 13) and
U+2A6D7–U+2A6DF (Extension B, Unicode 13/14). BabelStone Han (Debian ``fonts-babelstone-han``,
51 MB, Arphic Public License) has them; this keeps just those glyphs (a few KB) and records the
change in the font, as the licence's section 2a asks. Run again after a font upgrade:

    .venv/bin/python scripts/make_babelstone_subset.py /usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "fonts" / "BabelStoneHan-Ext13.ttf"
FAMILY = "BabelStone Han Ext13"
CODE_POINTS = [*range(0x4DB6, 0x4DC0), *range(0x2A6D7, 0x2A6E0)]


def main(source: str) -> None:
    font = TTFont(source)
    missing = [c for c in CODE_POINTS if c not in font.getBestCmap()]
    if missing:
        sys.exit(f"{source} lacks {', '.join(f'U+{c:04X}' for c in missing)}")
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=CODE_POINTS)
    sub.subset(font)
    notice = (f"Modified {date.today():%Y-%m-%d} by Window Clerk: subset of BabelStone Han to the "
              f"{len(CODE_POINTS)} characters U+4DB6-U+4DBF and U+2A6D7-U+2A6DF; renamed {FAMILY}. "
              "Distributed under the Arphic Public License (see BabelStoneHan-Ext13.LICENSE.txt).")
    name = font["name"]
    for rec in list(name.names):
        if rec.nameID in (1, 4, 16):
            name.setName(FAMILY, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 6:
            name.setName(FAMILY.replace(" ", ""), rec.nameID, rec.platformID, rec.platEncID, rec.langID)
    name.setName(notice, 10, 3, 1, 0x409)  # description
    name.setName(notice, 10, 1, 0, 0)
    font.save(OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf")
