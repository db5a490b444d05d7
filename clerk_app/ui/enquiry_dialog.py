"""咨询登记 (首问负责): record an enquiry that opened no case, and print the item's material list.

The dialog only gathers the fields; ``services.enquiries`` checks and records them. Focus starts
in the item search; Enter in the search picks the first hit; Ctrl+Enter saves; a refusal is shown
in the dialog with the focus on the field it names.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import EnquiryRecord
from clerk_app.services import enquiries
from clerk_app.services.context import AppContext
from clerk_app.services.search import NUMBER, THEME, SearchIndex, index_for
from clerk_app.ui.widgets import ERROR_COLOUR

_CODE = Qt.ItemDataRole.UserRole


class EnquiryDialog(QDialog):
    recorded = Signal(object)  # EnquiryRecord

    def __init__(self, ctx: AppContext, clerk: Clerk, parent: QWidget | None = None,
                 index: SearchIndex | None = None):
        super().__init__(parent)
        self.setObjectName("enquiryDialog")
        self.ctx, self.clerk = ctx, clerk
        self.index = index or index_for(ctx)  # any item may be asked about (首问负责), not only one's own
        self.record: EnquiryRecord | None = None
        self.pdf: bytes | None = None
        self.setWindowTitle(self.tr("Enquiry (first-contact responsibility)"))
        self.search = QLineEdit()
        self.search.setObjectName("enquirySearch")
        self.search.setPlaceholderText(self.tr("Item asked about: name or pinyin initials"))
        self.hits = QListWidget()
        self.hits.setObjectName("enquiryHits")
        self.hits.setMaximumHeight(130)
        self.chosen = QLabel(self.tr("No item chosen"))
        self.chosen.setObjectName("enquiryItem")
        self.question = QPlainTextEdit()
        self.question.setObjectName("enquiryQuestion")
        self.question.setTabChangesFocus(True)
        self.question.setMaximumHeight(70)
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("enquiryAnswer")
        self.answer.setTabChangesFocus(True)
        self.answer.setMaximumHeight(90)
        self.name = QLineEdit()
        self.name.setObjectName("enquiryName")
        self.phone = QLineEdit()
        self.phone.setObjectName("enquiryPhone")
        self.id_number = QLineEdit()
        self.id_number.setObjectName("enquiryId")
        self.id_number.setPlaceholderText(self.tr("Optional; kept with the middle hidden"))
        self.print_list = QCheckBox(self.tr("Print the item's material list for the citizen"))
        self.print_list.setObjectName("enquiryPrint")
        self.error = QLabel()
        self.error.setObjectName("enquiryError")
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Record (Ctrl+Enter)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel (Esc)"))
        buttons.button(QDialogButtonBox.StandardButton.Save).setAutoDefault(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Item"), self.search)
        form.addRow("", self.hits)
        form.addRow("", self.chosen)
        form.addRow(self.tr("Question"), self.question)
        form.addRow(self.tr("What was told *"), self.answer)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("ID number"), self.id_number)
        form.addRow("", self.print_list)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.fields = {"item_code": self.search, "answer": self.answer, "question": self.question,
                       "name": self.name, "phone": self.phone, "id_number": self.id_number}
        self.item_code = ""
        self.search.textEdited.connect(self._update)
        self.search.installEventFilter(self)  # Enter picks the first hit and goes on (never reaches the buttons)
        self.hits.itemActivated.connect(self._pick)
        self.hits.itemClicked.connect(self._pick)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self.save)
        self.resize(640, 600)
        self.search.setFocus()

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802 - Qt API
        if (obj is self.search and ev.type() == QEvent.Type.KeyPress and isinstance(ev, QKeyEvent)
                and ev.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not ev.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self._first()
            return True
        if (obj is self.search and ev.type() == QEvent.Type.KeyPress and isinstance(ev, QKeyEvent)
                and ev.key() == Qt.Key.Key_Down and self.hits.count()):
            self.hits.setFocus()
            return True
        return super().eventFilter(obj, ev)

    def showEvent(self, ev: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(ev)
        self.search.setFocus()

    # -- the item -------------------------------------------------------------------------------
    def _update(self, text: str) -> None:
        self.hits.clear()
        for h in self.index.search(text, limit=12):
            if h.kind in (NUMBER, THEME):
                continue
            it = QListWidgetItem(f"{h.title}    {h.detail}")
            it.setData(_CODE, h.key)
            self.hits.addItem(it)
        if self.hits.count():
            self.hits.setCurrentRow(0)

    def _first(self) -> None:
        if self.hits.count():
            self._pick(self.hits.currentItem() or self.hits.item(0))

    def _pick(self, it: QListWidgetItem) -> None:
        self.choose(str(it.data(_CODE)))

    def choose(self, code: str) -> None:
        item = self.ctx.catalogue.items.get(code)
        if item is None:
            return
        self.item_code = code
        self.chosen.setText(f"{item.name}（{item.code}，{item.department}）")
        self.question.setFocus()

    # -- saving ---------------------------------------------------------------------------------
    def save(self) -> None:
        try:
            rec = enquiries.add_enquiry(
                self.ctx, self.clerk, self.item_code, self.answer.toPlainText(), question=self.question.toPlainText(),
                name=self.name.text(), phone=self.phone.text(), id_number=self.id_number.text(),
                materials_printed=self.print_list.isChecked())
        except enquiries.EnquiryRefused as exc:
            self.error.setText(str(exc))
            widget = self.fields.get(exc.field)
            if widget is not None:
                widget.setFocus()
            return
        self.record = rec
        if self.print_list.isChecked():
            self.pdf = enquiries.material_list_pdf(self.ctx, rec.item_code, self.clerk, asker=rec.asker_name,
                                                   answer=rec.answer)
            self._print(self.pdf)
        self.recorded.emit(rec)
        self.accept()

    def _print(self, pdf: bytes) -> None:
        """Print the material list (asks for the printer); tests replace ``print_pdf``."""
        self.print_pdf(pdf)

    def print_pdf(self, pdf: bytes) -> None:  # pragma: no cover - Qt's modal printer dialog
        from PySide6.QtWidgets import QMessageBox

        from clerk_app.ui import printing

        try:
            printing.print_now(lambda: pdf, self)
        except printing.PrintUnavailable as exc:  # the enquiry itself is saved: say so and close as usual
            QMessageBox.warning(self, self.tr("Cannot print"), str(exc))
