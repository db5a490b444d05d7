"""F4 in the applicant step: read the ID card off the UI thread and fill the applicant (or agent).

Nothing touches the reader until the clerk presses F4 (or the small button), so a counter
without a reader sees no error at start. The reading runs on Qt's thread pool; its result
comes back to the UI thread as a queued signal. Errors land in the status line under the
button, never in a dialog.

The page wires it with one call: ``attach_card_reader(page, applicant_form, agent_form, has_agent)``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QCheckBox, QHBoxLayout, QPushButton, QWidget

from clerk_app.services.idcard import CardData, IdCardError, configured_port, id_type_of, read_card
from clerk_app.ui.widgets import FieldMessage

READ_KEY = Qt.Key.Key_F4
log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the UI thread; the worker emits through it so slots run on the UI thread."""

    done = Signal(object)
    failed = Signal(str)


class _ReadJob(QRunnable):
    def __init__(self, read: Callable[[], CardData], relay: _Relay):
        super().__init__()
        self.read = read
        self.relay = relay

    def run(self) -> None:
        try:
            card = self.read()
        except IdCardError as exc:  # no reader, no card, card lifted, expired card...
            self._emit(self.relay.failed, str(exc))
        except Exception as exc:  # a driver bug must not kill the worker thread silently
            log.exception("reading the ID card failed")
            self._emit(self.relay.failed, f"读卡出错：{exc}")
        else:
            self._emit(self.relay.done, card)

    @staticmethod
    def _emit(signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the wizard was closed while the card was being read
            log.info("ID card read finished after its page was closed")


class CardReaderHook(QObject):
    """The F4 shortcut, a small button and a status line on the applicant page."""

    finished = Signal()  # after each read, whatever its outcome (tests and key counting wait on it)

    def __init__(self, page, applicant, agent, has_agent: QCheckBox,
                 read: Callable[[], CardData] | None = None):
        super().__init__(page)
        self.page = page
        self.applicant = applicant
        self.agent = agent
        self.has_agent = has_agent
        self._read = read or (lambda: read_card(configured_port(page.ctx.settings), today=page.ctx.clock().date()))
        self.busy = False
        self._target = applicant

        self.button = QPushButton(self.tr("Read ID card (F4)"))
        self.button.setObjectName("readIdCard")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keeps the page's tab order as it was
        self.button.clicked.connect(self.read)
        self.status = FieldMessage()
        self.status.setObjectName("idCardStatus")
        self.bar = QWidget()
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.status, 1)
        page.body.insertWidget(0, self.bar)

        self.shortcut = QShortcut(QKeySequence(READ_KEY), page)
        self.shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.shortcut.activated.connect(self.read)

        self.relay = _Relay(self)
        self.relay.done.connect(self._done)
        self.relay.failed.connect(self._failed)

    # -- reading ---------------------------------------------------------------------------
    def target_form(self):
        """The agent's form when the clerk is in it (or the applicant is a company), else the applicant's."""
        focus = QApplication.focusWidget()
        in_agent = focus is not None and (focus is self.agent or self.agent.isAncestorOf(focus))
        if in_agent or self.applicant.kind == "company":
            return self.agent
        return self.applicant

    def read(self) -> None:
        if self.busy:
            return
        self.busy = True
        self._target = self.target_form()
        self.button.setEnabled(False)
        self.status.note(self.tr("Reading the card… keep it on the reader"))
        QThreadPool.globalInstance().start(_ReadJob(self._read, self.relay))

    def _finish(self) -> None:
        self.busy = False
        self.button.setEnabled(True)
        self.finished.emit()

    def _failed(self, message: str) -> None:
        self.status.error(message)
        self._finish()

    def _done(self, card: CardData) -> None:
        form = self._target
        if form is self.agent and not self.has_agent.isChecked():
            self.has_agent.setChecked(True)
        fill_form(form, card)
        who = self.tr("agent") if form is self.agent else self.tr("applicant")
        summary = " ".join(v for v in (card.name, card.sex, card.ethnicity,
                                       f"{card.birth_date:%Y.%m.%d}", card.card_kind) if v)
        self.status.ok(self.tr("Card read into the %1: %2, valid %3").replace("%1", who)
                       .replace("%2", summary).replace("%3", card.validity))
        self._finish()


def fill_form(form, card: CardData) -> None:
    """Put the card into a party form: the ID number first (its check runs and a returning
    applicant's phone is offered), then name and address from the card, which win."""
    form.person.setChecked(True)
    i = form.id_type.findData(id_type_of(card.kind))  # the card says which document it is
    if i >= 0:
        form.id_type.setCurrentIndex(i)
    form.id_number.setText(card.id_number)
    form.id_number.editingFinished.emit()
    form.name.setText(card.name or card.english_name)
    if card.address:
        form.address.setText(card.address)
    form.messages["name"].clear_message()
    if not form.phone.text().strip():
        form.phone.setFocus()  # the one thing the card does not carry: the clerk types it next


def attach_card_reader(page, applicant, agent, has_agent: QCheckBox) -> CardReaderHook:
    """Give the applicant page its F4 card reading; returns the hook (``page.card_reader``)."""
    page.card_reader = CardReaderHook(page, applicant, agent, has_agent)
    return page.card_reader
