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


OLD_COUNTY = "110199198001011238"  # check digit right, county code not in today's table


def test_an_old_county_code_is_a_soft_note_under_the_id_field(qtbot):
    form = PartyForm("applicant")
    qtbot.addWidget(form)
    form.show()
    seen = []
    form.idValid.connect(lambda *a: seen.append(a))
    form.id_number.setText(OLD_COUNTY)
    assert form._check_id(final=True)  # never blocks
    assert seen == [("person", OLD_COUNTY, "resident_id")]
    assert not form.messages["id_number"].is_error
    assert form.id_note.isVisible() and "110199" in form.id_note.text() and "旧代码" in form.id_note.text()
    form.id_number.setText("11010519491231002X")
    assert form._check_id(final=True) and not form.id_note.isVisible()


def test_returning_applicant_found_by_document_type_and_number(window, keys, ctx):
    from store.samples import sign_accepted, submit_request

    from clerk_app.intake.flow import Step

    passport = {"kind": "person", "name": "John Smith", "id_type": "passport", "id_number": "E12345678",
                "phone": "13812345678", "address": "上海市普陀区某路1号"}
    req = sign_accepted()
    req["applicant"] = passport
    submit_request(ctx, req)

    window.new_intake()
    wiz = window.wizard
    wiz.flow.choose_items(["000162001000"])
    wiz._go(2)
    assert wiz.page.step is Step.APPLICANT
    page = wiz.page
    form = page.applicant
    form.id_type.setCurrentIndex(form.id_type.findData("passport"))
    keys.type("E12345678", form.id_number)
    form._check_id(final=True)
    assert form.name.text() == "John Smith" and form.address.text() == "上海市普陀区某路1号"
    assert page.known.isVisible()


def test_wizard_uses_the_centres_mail_bound(window, ctx):
    ctx.settings.centre.mail_max_age_days = 5
    window.new_intake()
    assert window.wizard.flow.mail_max_age_days == 5
