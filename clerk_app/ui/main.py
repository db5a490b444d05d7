"""Start the counter window app: fonts, Chinese translations, context, login, main window.

The login dialog is shown first, with nothing imported but Qt; the context (store,
catalogue, calendar) is opened on a worker thread meanwhile (:mod:`clerk_app.ui.startup`),
which then also prepares the main window's modules and search entries.

``CLERK_EXIT_AFTER_SHOWN=1`` quits as soon as the first window (the login dialog) is shown
and prints the elapsed time (and, when ``CLERK_LAUNCH_T0`` holds the launcher's
``time.time()``, the time since launch), for the start-up benchmark; it still waits for the
worker to finish opening the data folder before the process ends.
"""

from __future__ import annotations

import os
import sys
import time

_T0 = time.perf_counter()


def _exit_after_shown(app, what: str) -> None:
    from PySide6.QtCore import QTimer

    def done() -> None:
        launch = os.environ.get("CLERK_LAUNCH_T0")
        since = f" launch={time.time() - float(launch):.3f}" if launch else ""
        print(f"CLERK_SHOWN {what} {time.perf_counter() - _T0:.3f}{since}", flush=True)
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
    if ctx.settings.problems:
        summary.append(QCoreApplication.translate(
            "main", "%1 setting(s) in the settings file are invalid; their default values are used.").replace(
            "%1", str(len(ctx.settings.problems))))
        details += ctx.settings.problems
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


def _cannot_open(app, exc: BaseException) -> None:
    from PySide6.QtWidgets import QMessageBox

    from clerk_app.services.catalogue import CatalogInvalid
    from clerk_app.services.store_open import StoreProblem
    from clerk_app.settings import SettingsError

    if isinstance(exc, StoreProblem):
        _store_problem_box(app, exc)
    elif isinstance(exc, CatalogInvalid):
        QMessageBox.critical(None, app.translate("main", "Catalogue invalid"),
                             app.translate("main", "The item catalogue is invalid and there is no earlier good version:")
                             + "\n" + str(exc))
    elif isinstance(exc, SettingsError):
        QMessageBox.critical(None, app.translate("main", "Settings invalid"), str(exc))
    else:
        QMessageBox.critical(None, app.translate("main", "Cannot open the window's data"),
                             app.translate("main", "The window's data folder cannot be opened:") + f"\n{exc}")


def _first_login(app, exit_after: bool):
    """Show the login dialog at once and open the context behind it: (context or None, clerk or None)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog

    from clerk_app.ui.login import LoginDialog
    from clerk_app.ui.startup import ContextLoader

    loader = ContextLoader()
    dialog = LoginDialog(None)
    loader.ready.connect(dialog.context_ready)
    loader.failed.connect(dialog.context_failed)
    dialog.show()
    if exit_after:
        _exit_after_shown(app, "login")  # measured up to the login dialog being shown
    QTimer.singleShot(0, loader.start)  # after the dialog is on screen
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        ctx = loader.wait()
        dialog.deleteLater()
    if loader.error is not None:
        raise _OpenFailed(loader.error)
    return ctx, (dialog.clerk if accepted else None)


class _OpenFailed(Exception):
    def __init__(self, cause: BaseException):
        super().__init__(str(cause))
        self.cause = cause


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv)
    from clerk_app.ui.fonts import install_fonts
    from clerk_app.ui.i18n import install_translators

    install_fonts(app)
    install_translators(app)
    exit_after = os.environ.get("CLERK_EXIT_AFTER_SHOWN") == "1"

    try:
        ctx, clerk = _first_login(app, exit_after)
    except _OpenFailed as exc:
        _cannot_open(app, exc.cause)
        return 1
    worker = None
    _install_store_problem_hook(app)
    try:
        if clerk is None:
            return 0
        from clerk_app.ui import session
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
        if ctx is not None:
            ctx.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
