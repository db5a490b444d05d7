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


def _store_problem_box(app, exc) -> None:
    """A damaged, vanished or full store: the clerk gets the message and the way out, never a traceback."""
    from PySide6.QtWidgets import QMessageBox

    from clerk_app.services.store_open import DiskFull

    title = (app.translate("main", "Disk full") if isinstance(exc, DiskFull)
             else app.translate("main", "The window's database cannot be used"))
    box = QMessageBox(QMessageBox.Icon.Critical, title, exc.message, QMessageBox.StandardButton.Ok)
    box.setObjectName("storeProblem")
    box.setInformativeText(exc.way_out)
    box.exec()


def _install_store_problem_hook(app) -> None:
    """An action that meets a store problem inside a Qt slot shows it; a vanished store ends the app."""
    import logging

    from clerk_app.services.store_open import DiskFull, StoreProblem

    previous = sys.excepthook

    def hook(kind, exc, tb):
        if isinstance(exc, StoreProblem):
            logging.getLogger("clerk.ui").error("store problem: %s", exc.message)
            _store_problem_box(app, exc)
            if not isinstance(exc, DiskFull):
                app.exit(1)
            return
        previous(kind, exc, tb)

    sys.excepthook = hook


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
    from clerk_app.services.store_open import StoreProblem
    from clerk_app.settings import SettingsError

    try:
        ctx = open_context()
    except StoreProblem as exc:
        _store_problem_box(app, exc)
        return 1
    except CatalogInvalid as exc:
        QMessageBox.critical(None, app.translate("main", "Catalogue invalid"),
                             app.translate("main", "The item catalogue is invalid and there is no earlier good version:")
                             + "\n" + str(exc))
        return 1
    except SettingsError as exc:
        QMessageBox.critical(None, app.translate("main", "Settings invalid"), str(exc))
        return 1
    worker = None
    _install_store_problem_hook(app)
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
