"""Start the counter window app: fonts, Chinese translations, context, login, main window.

``CLERK_EXIT_AFTER_SHOWN=1`` quits as soon as the first window (the login dialog) is shown
and prints the elapsed time, for the start-up benchmark.
"""

from __future__ import annotations

import os
import sys
import time

_T0 = time.perf_counter()


def _exit_after_shown(app, what: str) -> None:
    from PySide6.QtCore import QTimer

    def done() -> None:
        print(f"CLERK_SHOWN {what} {time.perf_counter() - _T0:.3f}", flush=True)
        app.exit(0)

    QTimer.singleShot(0, done)


def _start_sync(ctx):
    """The background replication worker (issue 6) when installed; it shares the window's store."""
    try:
        from clerk_app.sync.worker import SyncWorker
    except ImportError:
        return None
    worker = SyncWorker(lambda: ctx, close_context=False)
    worker.start()
    return worker


def _warn_about_data(ctx, parent) -> None:
    """Tell the admin, once at start, why the catalogue or calendar is not what is on disk."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    summary, details = [], []
    st = ctx.catalogue_status
    if st.degraded:
        summary.append(QCoreApplication.translate("main", "The item catalogue has %1 error(s); the last good version %2 stays in use.")
                       .replace("%1", str(len(st.errors))).replace("%2", st.version[:8]))
        details += [str(e) for e in st.errors]
    if ctx.calendar_problems:
        summary.append(QCoreApplication.translate("main", "%1 holiday calendar file(s) were skipped.").replace(
            "%1", str(len(ctx.calendar_problems))))
        details += ctx.calendar_problems
    if summary:
        summary.append(QCoreApplication.translate("main", "Details below; an admin can also run “clerk catalog check”."))
        box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("main", "Data problems"), "\n".join(summary),
                          QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("dataProblems")
        box.setDetailedText("\n".join(details))
        box.open()


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(argv)
    from clerk_app.ui.fonts import install_fonts
    from clerk_app.ui.i18n import install_translators

    install_fonts(app)
    install_translators(app)
    exit_after = os.environ.get("CLERK_EXIT_AFTER_SHOWN") == "1"

    from clerk_app.services.catalogue import CatalogInvalid
    from clerk_app.services.context import open_context
    from clerk_app.settings import SettingsError

    try:
        ctx = open_context()
    except CatalogInvalid as exc:
        QMessageBox.critical(None, app.translate("main", "Catalogue invalid"),
                             app.translate("main", "The item catalogue is invalid and there is no earlier good version:")
                             + "\n" + str(exc))
        return 1
    except SettingsError as exc:
        QMessageBox.critical(None, app.translate("main", "Settings invalid"), str(exc))
        return 1
    worker = None
    try:
        from clerk_app.ui import session

        if exit_after:
            _exit_after_shown(app, "login")  # measured up to the login dialog being shown
        clerk = session.login(ctx, None)
        if clerk is None:
            return 0
        from clerk_app.ui.main_window import MainWindow

        win = MainWindow(ctx, clerk)
        session.install_idle_lock(win, ctx, win.current_clerk)
        win.resize(1366, 768)
        win.showMaximized()
        if exit_after:
            _exit_after_shown(app, "main")
        else:
            _warn_about_data(ctx, win)
            win.offer_drafts_soon()
            worker = _start_sync(ctx)
            if worker is not None:
                win.committed.connect(lambda _n: worker.trigger())
        return app.exec()
    finally:
        if worker is not None:
            worker.stop()
        ctx.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
