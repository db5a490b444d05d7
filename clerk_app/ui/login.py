"""The login dialog: staff number (remembered), password, and the optional 代岗 choice.

All rules are in :mod:`clerk_app.services.staff_login`; this only hosts the widgets.
``run_login`` is what the main window calls at start, for "switch user", and after an
idle lock's "switch user".
"""

from __future__ import annotations

import logging

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

from clerk_app.domain.people import Clerk
from clerk_app.services import staff_login
from clerk_app.services.context import AppContext
from clerk_app.services.staff_login import backend_status

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #b00020; font-weight: bold;"
NOTE_STYLE = "color: #8a5300;"


class LoginDialog(QDialog):
    """Modal login. After ``exec()`` returns Accepted, ``clerk`` is the acting clerk."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
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
        where = QLabel(f"{ctx.settings.centre.name}　{ctx.settings.window.name}（{ctx.window_id}）")
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
        for note in self._notes():
            label = QLabel(note)
            label.setObjectName("note")
            label.setWordWrap(True)
            label.setStyleSheet(NOTE_STYLE)
            layout.addWidget(label)
        layout.addWidget(self.buttons)

        self.staff_no.textChanged.connect(self._refresh_holders)
        self.substitute.toggled.connect(self._substitute_toggled)
        remembered = staff_login.remembered_staff_no()
        if remembered:
            self.staff_no.setText(remembered)
            self.remember.setChecked(True)
            self.password.setFocus()
        else:
            self.staff_no.setFocus()
        self._refresh_holders()

    def _notes(self) -> list[str]:
        notes = []
        status = backend_status()
        if status.fallback:
            notes.append(status.message)
        try:
            if staff_login.demo_accounts_active(self.ctx):
                notes.append(self.tr("Demo accounts with published passwords are active on this PC; "
                                     "an administrator must disable them before real work."))
        except Exception:  # a note must never stop a login
            log.exception("cannot check demo accounts")
        return notes

    def _refresh_holders(self) -> None:
        """Offer only the people this staff number is a designated B for, at this window."""
        current = self.holder.currentData()
        self.holder.clear()
        try:
            choices = staff_login.substitutable_for(self.ctx, self.staff_no.text())
        except Exception:
            log.exception("cannot list substitution choices")
            choices = []
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
