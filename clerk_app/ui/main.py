"""Start the Qt window app (a minimal main window until the counter UI lands)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox


def main(argv: list[str]) -> int:
    app = QApplication.instance() or QApplication(argv)
    from clerk_app.catalog.loader import CatalogInvalid
    from clerk_app.services.context import open_context

    try:
        ctx = open_context()
    except CatalogInvalid as exc:
        QMessageBox.critical(None, "事项目录无效", "事项目录无效，且没有可用的上一个有效版本：\n" + str(exc))
        return 1
    win = QMainWindow()
    win.setWindowTitle(f"综合窗口收件台 — {ctx.settings.centre.name} {ctx.settings.window.name}")
    win.setCentralWidget(QLabel(f"事项目录：{len(ctx.catalogue.items)} 个事项"))
    win.resize(1200, 700)
    win.show()
    rc = app.exec()
    ctx.close()
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv))
