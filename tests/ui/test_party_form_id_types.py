"""The applicant form offers the document types of its party kind and checks each by its own rule."""

from __future__ import annotations

from clerk_app.ui.wizard.party_form import PartyForm


def test_document_type_combobox_follows_kind_and_checks_the_number(qtbot):
    form = PartyForm("applicant")
    qtbot.addWidget(form)
    labels = [form.id_type.itemText(i) for i in range(form.id_type.count())]
    assert labels[:3] == ["居民身份证", "港澳台居民居住证", "外国人永久居留身份证"] and "护照" in labels
    form.id_type.setCurrentIndex(form.id_type.findData("hmt_residence"))
    form.id_number.setText("810000199408230021")
    form.name.setText("陈大文")
    assert form._check_id(final=True)
    p = form.party()
    assert p is not None and p.id_type == "hmt_residence" and p.id_number == "810000199408230021"
    form.id_number.setText("810000199408230022")
    assert not form._check_id(final=True)

    form.company.setChecked(True)
    assert [form.id_type.itemData(i) for i in range(form.id_type.count())] == ["uscc", "org_exempt"]
    form.set_party(p)
    assert form.person.isChecked() and form.id_type_value == "hmt_residence"
