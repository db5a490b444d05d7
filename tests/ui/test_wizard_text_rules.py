"""The wizard's text fields: the domain's text rule inline as the clerk types, and the engine's on Enter."""

from __future__ import annotations

from clerk_app.domain.text import RULES
from clerk_app.intake.flow import Step
from clerk_app.ui.wizard.party_form import PartyForm

ID_OK = "11010519491231002X"


def test_fields_take_their_length_from_the_domain_rules(qtbot):
    form = PartyForm("applicant")
    qtbot.addWidget(form)
    assert form.name.maxLength() == RULES["name"].max_length
    assert form.address.maxLength() == RULES["address"].max_length
    assert form.contact.maxLength() == RULES["contact"].max_length


def test_a_control_character_is_flagged_while_typing(qtbot, keys):
    form = PartyForm("applicant")
    qtbot.addWidget(form)
    form.show()
    keys.type("上海\u2028普陀", form.address)
    msg = form.messages["address"]
    assert msg.is_error and "地址含有不允许的控制字符 U+2028" in msg.text()
    form.address.clear()
    keys.type("上海市普陀区", form.address)
    assert not msg.is_error


def test_the_wizard_does_not_move_on_with_a_bad_name(window, keys):
    window.new_intake()
    wiz = window.wizard
    wiz.flow.choose_items(["000162001000"])
    wiz._go(2)
    page = wiz.page
    assert page.step is Step.APPLICANT
    keys.type(ID_OK, page.applicant.id_number)
    page.applicant.name.setText("张\x00三")  # pasted: setText, as a paste would, bypasses typing
    keys.type("13800138000", page.applicant.phone)
    assert not wiz.next()
    assert wiz.page.step is Step.APPLICANT
    assert "申请人姓名或名称含有不允许的控制字符 U+0000" in page.applicant.messages["name"].text()
