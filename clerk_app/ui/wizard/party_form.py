"""An applicant or agent form with inline checks as the clerk types (ID check digit, phone)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.identity import (
    ID_TYPES,
    IdentityError,
    IdType,
    check_id,
    check_phone,
    id_notes,
    id_types_for,
)
from clerk_app.domain.people import Party
from clerk_app.domain.text import RULES, TextError, check_text
from clerk_app.glyphs import missing_glyphs_message
from clerk_app.ui.widgets import FieldMessage


class PartyForm(QWidget):
    """Fields of a :class:`Party`. ``idValid`` fires with (kind, number, document type) once an ID
    passes its check."""

    idValid = Signal(str, str, str)
    kindChanged = Signal(str)

    def __init__(self, prefix: str, allow_company: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.prefix = prefix
        self.person = QRadioButton(self.tr("Person"))
        self.company = QRadioButton(self.tr("Company / organisation"))
        self.person.setObjectName(f"{prefix}.kind.person")
        self.company.setObjectName(f"{prefix}.kind.company")
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.person)
        self.kind_group.addButton(self.company)
        self.person.setChecked(True)
        kinds = QWidget(self)  # parented: kept alive even when hidden (agents are persons)
        kl = QHBoxLayout(kinds)
        kl.setContentsMargins(0, 0, 0, 0)
        kl.addWidget(self.person)
        kl.addWidget(self.company)
        kl.addStretch(1)
        kinds.setVisible(allow_company)

        self.id_type = QComboBox()  # the document; labels come from the domain's registry (Chinese)
        self.id_type.setObjectName(f"{prefix}.id_type")
        self.id_number = self._line("id_number", 18 + 6)
        self.name = self._line("name", RULES["name"].max_length)
        self.phone = self._line("phone", 20)
        self.address = self._line("address", RULES["address"].max_length)
        self.contact = self._line("contact", RULES["contact"].max_length)
        self.messages = {f: FieldMessage() for f in ("id_number", "name", "phone", "address", "contact")}
        self.id_note = FieldMessage()  # a soft note on a valid number (e.g. an old county code): never blocks
        self.id_note.setObjectName(f"{prefix}.id_note")
        self.id_label = QLabel()
        self.name_label = QLabel()
        self.contact_label = QLabel(self.tr("Contact person"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if allow_company:
            form.addRow(self.tr("Type"), kinds)
        form.addRow(self.tr("Document"), self.id_type)
        form.addRow(self.id_label, self._with_message(self.id_number, "id_number"))
        form.addRow(self.name_label, self._with_message(self.name, "name"))
        form.addRow(self.tr("Phone"), self._with_message(self.phone, "phone"))
        form.addRow(self.tr("Address"), self._with_message(self.address, "address"))
        form.addRow(self.contact_label, self._with_message(self.contact, "contact"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(form)

        self.id_number.textEdited.connect(self._id_edited)
        self.id_number.editingFinished.connect(lambda: self._check_id(final=True))
        self.phone.textEdited.connect(lambda _t: self._check_phone(final=False))
        self.phone.editingFinished.connect(lambda: self._check_phone(final=True))
        self.name.textEdited.connect(lambda t: self._check_glyphs("name", t))
        self.address.textEdited.connect(lambda t: self._check_glyphs("address", t))
        self.contact.textEdited.connect(lambda t: self._check_glyphs("contact", t))
        self.person.toggled.connect(self._kind_toggled)
        self.id_type.currentIndexChanged.connect(self._id_type_changed)
        self._kind_toggled(True)

    def _line(self, field: str, max_len: int) -> QLineEdit:
        w = QLineEdit()
        w.setObjectName(f"{self.prefix}.{field}")
        w.setMaxLength(max_len)
        return w

    def _with_message(self, w: QWidget, field: str) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(w)
        lay.addWidget(self.messages[field])
        if field == "id_number":
            lay.addWidget(self.id_note)
        return box

    @property
    def kind(self) -> str:
        return "company" if self.company.isChecked() else "person"

    @property
    def id_type_value(self) -> str:
        return self.id_type.currentData() or ID_TYPES[IdType.RESIDENT_ID].id.value

    def _fill_id_types(self, selected: str = "") -> None:
        self.id_type.blockSignals(True)
        self.id_type.clear()
        for doc in id_types_for(self.kind):
            self.id_type.addItem(doc.label, doc.id.value)
        i = self.id_type.findData(selected)
        self.id_type.setCurrentIndex(max(i, 0))
        self.id_type.blockSignals(False)
        self._id_type_changed()

    def _id_type_changed(self, _index: int = 0) -> None:
        t = self.id_type_value
        if t == IdType.USCC:
            self.id_label.setText(self.tr("Credit code"))
        elif t == IdType.RESIDENT_ID:
            self.id_label.setText(self.tr("ID number"))
        else:
            self.id_label.setText(self.tr("Document number"))
        if self.id_number.text().strip():
            self._check_id(final=True)

    def _kind_toggled(self, _on: bool) -> None:
        company = self.kind == "company"
        self.name_label.setText(self.tr("Company name") if company else self.tr("Name"))
        self.contact.setVisible(company)
        self.contact_label.setVisible(company)
        self._fill_id_types()
        self.kindChanged.emit(self.kind)

    # -- inline checks ---------------------------------------------------------------
    def _id_edited(self, _text: str) -> None:
        self._check_id(final=False)

    def _check_id(self, final: bool) -> bool:
        text = "".join(self.id_number.text().split()).upper()
        msg = self.messages["id_number"]
        self.id_note.clear_message()
        if not text:
            msg.clear_message()
            return False
        fixed = self.id_type_value in (IdType.RESIDENT_ID, IdType.HMT_RESIDENCE, IdType.USCC)
        if not final and fixed and len(text) < 18:
            msg.note(self.tr("%1 of 18 characters").replace("%1", str(len(text))))
            return False
        if not final and not fixed:
            msg.clear_message()
            return False
        try:
            norm = check_id(self.id_type_value, text)
        except IdentityError as exc:
            msg.error(str(exc))
            return False
        msg.ok(self.tr("Check digit correct"))
        self.id_note.note("；".join(id_notes(self.id_type_value, norm)))
        self.idValid.emit(self.kind, norm, self.id_type_value)
        return True

    def _check_glyphs(self, field: str, text: str) -> None:
        """While typing: the domain's text rule (length, control characters), then any character no
        shipped font can print (it would print as U+…)."""
        try:
            check_text(field, text)
        except TextError as exc:
            self.messages[field].error(str(exc))
            return
        self.messages[field].error(missing_glyphs_message(text))

    def _check_phone(self, final: bool) -> None:
        text = self.phone.text().strip()
        msg = self.messages["phone"]
        if not text or (not final and len(text) < 11):
            msg.clear_message()
            return
        try:
            check_phone(text)
        except IdentityError as exc:
            msg.error(str(exc))
        else:
            msg.clear_message()

    # -- data ----------------------------------------------------------------------------
    def party(self) -> Party | None:
        if not any(w.text().strip() for w in (self.id_number, self.name, self.phone, self.address)):
            return None
        return Party(self.kind, self.name.text().strip(), self.id_number.text().strip(), self.phone.text().strip(),
                     self.address.text().strip(), self.contact.text().strip() if self.kind == "company" else "",
                     self.id_type_value)

    def set_party(self, p: Party | None) -> None:
        p = p or Party("person", "", "")
        (self.company if p.kind == "company" else self.person).setChecked(True)
        self._fill_id_types(p.id_type)
        self.id_number.setText(p.id_number)
        self.name.setText(p.name)
        self.phone.setText(p.phone)
        self.address.setText(p.address)
        self.contact.setText(p.contact)
        for m in self.messages.values():
            m.clear_message()
        self.id_note.clear_message()

    def fill_known(self, p: Party) -> bool:
        """Fill name/phone/address from a known applicant; True if anything changed."""
        changed = False
        for w, v in ((self.name, p.name), (self.phone, p.phone), (self.address, p.address)):
            if v and w.text().strip() != v:
                w.setText(v)
                changed = True
        return changed

    def show_field_error(self, field: str, message: str) -> bool:
        if field in self.messages:
            self.messages[field].error(message)
            return True
        return False
