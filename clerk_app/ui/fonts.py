"""Chinese fonts from ``resources/fonts`` so the UI never shows boxes, whatever the PC has."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from clerk_app.paths import FONTS


def install_fonts(app: QApplication, point_size: int = 11) -> str | None:
    family = None
    for f in sorted(FONTS.glob("*.tt[cf]")):
        fid = QFontDatabase.addApplicationFont(str(f))
        fams = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
        if fams and family is None:
            family = fams[0]
    if family:
        font = QFont(family, point_size)
        app.setFont(font)
    return family
