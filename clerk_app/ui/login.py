"""The login dialog: staff number (remembered), password, and the optional 代岗 choice.

All rules are in :mod:`clerk_app.services.staff_login`; this only hosts the widgets.
``run_login`` is what the main window calls for "switch user", after an idle lock's
"switch user" and on logout. At start the dialog appears before the context exists
(``LoginDialog(None)``): it imports only Qt, and ``context_ready`` fills in the window's
name, the remembered staff number and the notes when the worker thread has opened the
store (:mod:`clerk_app.ui.startup`). A login asked for before that waits for it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from clerk_app.domain.people import Clerk
    from clerk_app.services import staff_login
    from clerk_app.services.context import AppContext
    from clerk_app.ui.startup import LoginFacts

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #b00020; font-weight: bold;"
NOTE_STYLE = "color: #8a5300;"


class LoginDialog(QDialog):
    """Modal login. After ``exec()`` returns Accepted, ``clerk`` is the acting clerk."""

    def __init__(self, ctx: AppContext | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.load_error: BaseException | None = None
        self._login_waiting = False
        self.clerk: Clerk | None = None
        self.result_info: staff_login.LoginResult | None = None
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Window staff login"))
        self.setModal(True)
        self.setMinimumWidth(480)

        title = QLabel(self.tr("Window Clerk — staff login"))
        title.setObjectName("loginTitle")
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setBold(True)
        title.setFont(f)
        self.where = where = QLabel("…")
        where.setObjectName("where")
        where.setWordWrap(True)

        self.staff_no = QLineEdit()
        self.staff_no.setObjectName("staffNo")
        self.staff_no.setMaxLength(32)
        self.staff_no.setPlaceholderText(self.tr("e.g. 1001"))
        self.remember = QCheckBox(self.tr("Remember my staff number on this PC"))
        self.remember.setObjectName("remember")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.substitute = QCheckBox(self.tr("Stand in for a colleague (AB role)"))
        self.substitute.setObjectName("substitute")
        self.holder = QComboBox()
        self.holder.setObjectName("holder")
        self.holder.setEnabled(False)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("Staff number"), self.staff_no)
        form.addRow("", self.remember)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.substitute)
        form.addRow(self.tr("Standing in for"), self.holder)

        self.buttons = QDialogButtonBox()
        self.login_button = self.buttons.addButton(self.tr("Log in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(where)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.error)
        self._layout = layout
        layout.addWidget(self.buttons)

        self.staff_no.textChanged.connect(self._refresh_holders)
        self.substitute.toggled.connect(self._substitute_toggled)
        self.staff_no.setFocus()
        if ctx is not None:
            from clerk_app.ui.startup import login_facts

            self.context_ready(login_facts(ctx))
        else:
            self._refresh_holders()

    # -- the context arrives (at start, from the worker thread) ---------------------------
    def context_ready(self, facts: LoginFacts) -> None:
        ctx = self.ctx = facts.ctx
        self.where.setText(f"{ctx.settings.centre.name}　{ctx.settings.window.name}（{ctx.window_id}）")
        at = self._layout.indexOf(self.buttons)
        for note in self._notes(facts):
            label = QLabel(note)
            label.setObjectName("note")
            label.setWordWrap(True)
            label.setStyleSheet(NOTE_STYLE)
            self._layout.insertWidget(at, label)
            at += 1
        if facts.remembered and not self.staff_no.text():  # never overwrite what the clerk typed meanwhile
            focus_was_here = self.staff_no.hasFocus() or not self.password.text()
            self.staff_no.setText(facts.remembered)
            self.remember.setChecked(True)
            if focus_was_here:
                self.password.setFocus()
        self._refresh_holders()
        if self._login_waiting:
            self._login_waiting = False
            self.try_login()

    def context_failed(self, exc: BaseException) -> None:
        """The store or catalogue cannot be opened: close; the caller says why."""
        self.load_error = exc
        self._login_waiting = False
        self.reject()

    def _notes(self, facts: LoginFacts) -> list[str]:
        notes = []
        if facts.secrets_note:
            notes.append(facts.secrets_note)
        if facts.demo_active:
            notes.append(self.tr("Demo accounts with published passwords are active on this PC; "
                                 "an administrator must disable them before real work."))
        return notes

    def _refresh_holders(self) -> None:
        """Offer only the people this staff number is a designated B for, at this window."""
        current = self.holder.currentData()
        self.holder.clear()
        choices: list[tuple[str, str]] = []
        if self.ctx is not None:
            from clerk_app.services import staff_login

            try:
                choices = staff_login.substitutable_for(self.ctx, self.staff_no.text())
            except Exception:
                log.exception("cannot list substitution choices")
        for no, label in choices:
            self.holder.addItem(label, no)
        if current is not None:
            i = self.holder.findData(current)
            if i >= 0:
                self.holder.setCurrentIndex(i)
        self.substitute.setEnabled(bool(choices))
        if not choices:
            self.substitute.setChecked(False)
            self.substitute.setToolTip(self.tr("You are not the designated substitute (B) of anyone at this window."))
        else:
            self.substitute.setToolTip("")
        self.holder.setEnabled(self.substitute.isChecked() and bool(choices))

    def _substitute_toggled(self, on: bool) -> None:
        self.holder.setEnabled(on and self.holder.count() > 0)

    def show_error(self, text: str) -> None:
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setText(text)
        self.error.show()

    def try_login(self) -> None:
        no = self.staff_no.text().strip()
        if not no or not self.password.text():
            self.show_error(self.tr("Please enter your staff number and password."))
            return
        holder = self.holder.currentData() if self.substitute.isChecked() else None
        if self.substitute.isChecked() and not holder:
            self.show_error(self.tr("Choose the colleague you are standing in for."))
            return
        if self.ctx is None:  # still opening the store: log in as soon as it is open
            self._login_waiting = True
            self.error.setText(self.tr("Opening this window's data; the login continues by itself…"))
            self.error.setStyleSheet(NOTE_STYLE)
            self.error.show()
            return
        from clerk_app.services import staff_login

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = staff_login.login(self.ctx, no, self.password.text(), on_behalf_of=holder)
        except staff_login.LoginRefused as exc:
            self.password.clear()
            self.password.setFocus()
            self.show_error(str(exc))
            return
        except Exception:
            log.exception("login failed")
            self.show_error(self.tr("Login failed because of an internal error; see the log file."))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.password.clear()
        staff_login.remember_staff_no(no if self.remember.isChecked() else None)
        self.result_info = result
        self.clerk = result.clerk
        if result.notes:
            QMessageBox.warning(self, self.tr("Please note"), "\n".join(result.notes))
        if result.handover is not None:
            from clerk_app.ui.handover import HandoverDialog

            HandoverDialog(result.handover, self).exec()
            try:
                staff_login.acknowledge_handover(self.ctx, result.clerk, result.handover)
            except Exception:
                log.exception("cannot record the handover")
        self.accept()


def run_login(ctx: AppContext, parent: QWidget | None = None) -> Clerk | None:
    """Show the login dialog; the acting clerk, or None when the user cancels."""
    dialog = LoginDialog(ctx, parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.clerk
        return None
    finally:
        dialog.deleteLater()
