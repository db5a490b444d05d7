"""Chinese fonts from ``resources/fonts`` so the UI never shows boxes, whatever the PC has.

The everyday font (WenQuanYi Micro Hei) is the application font; the rare-character fonts of
:data:`clerk_app.glyphs.CHAIN` (CJK Extension A/B) follow it in the font's family list, so a
name such as 刘䶮 shows in every widget without any per-field code.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from clerk_app import glyphs
from clerk_app.paths import FONTS


def _add(file: str) -> list[str]:
    fid = QFontDatabase.addApplicationFont(str(FONTS / file))
    return QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []


def install_fonts(app: QApplication, point_size: int = 11) -> str | None:
    """Register the shipped fonts with Qt; return the everyday family (None if its file is absent)."""
    families: list[str] = []
    primary = None
    for face in glyphs.CHAIN:
        loaded = _add(face.file)
        if face is glyphs.PRIMARY and loaded:
            primary = loaded[0]
        if loaded and loaded[0] not in families:
            families.append(loaded[0])
    if primary:
        font = QFont(primary, point_size)
        font.setFamilies(families)  # explicit fallback order, the same as the printed papers'
        app.setFont(font)
    return primary
