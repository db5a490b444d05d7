"""Qt translations: UI source strings are English (``self.tr``); Simplified Chinese comes from
``resources/i18n/*_zh_CN.qm`` (compiled from the ``.ts`` files with ``pyside6-lrelease``).

Each UI area keeps its own ``.ts`` file (e.g. ``main_zh_CN.ts``, ``login_zh_CN.ts``); all are
loaded. Regenerate after changing strings::

    .venv/bin/pyside6-lupdate clerk_app/ui/<files>.py -ts resources/i18n/<area>_zh_CN.ts
    # translate (pyside6-linguist, or edit the XML), then
    .venv/bin/pyside6-lrelease resources/i18n/<area>_zh_CN.ts
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from clerk_app.paths import RESOURCES

I18N = RESOURCES / "i18n"
_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, locale: str = "zh_CN") -> int:
    """Load every ``*_<locale>.qm`` plus Qt's own strings; return how many were loaded."""
    n = 0
    for qm in sorted(I18N.glob(f"*_{locale}.qm")):
        tr = QTranslator(app)
        if tr.load(str(qm)):
            app.installTranslator(tr)
            _installed.append(tr)
            n += 1
    from PySide6.QtCore import QLibraryInfo

    qt_tr = QTranslator(app)
    if qt_tr.load(QLocale(locale), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_tr)
        _installed.append(qt_tr)
    QLocale.setDefault(QLocale(locale))
    return n
