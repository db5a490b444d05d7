"""出件 with an agent and 邮寄 with a tracking number, driven through the case view as a clerk would:
focus on the first field, Enter on an incomplete form says what is missing and keeps it open,
the form follows the choices made in it, and the case view shows the result once out."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from records_json import as_json

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.intake.request import flow_from_json
from clerk_app.services import cases, documents
from clerk_app.services.case_actions.handouts import get_handout
from clerk_app.services.intake import submit
from clerk_app.ui.case_dialog import CaseDialog
from clerk_app.ui.results_dialogs import HandOutForm, MailForm

CLERK = Clerk(id="s1", name="陈晓燕", badge="A0317")
AGENT_ID = "310115198001011238"


def _ready(ctx, delivery=None):
    data = {"items": [{"code": "000134011000"}],
            "applicant": {"kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13800138000"},
            "materials": {"employment_registration_form": "original", "applicant_id": "original",
                          "photo_2inch": "original"}}
    if delivery:
        data["delivery"] = delivery
    flow, errs = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs, errs
    no = submit(ctx, flow, CLERK).number
    cases.transition(ctx, no, CaseStatus.APPROVED, CLERK)
    cases.transition(ctx, no, CaseStatus.RESULT_READY, CLERK, "准予，就业创业证 No.3101")
    return no


def _case_view(ctx, qtbot, no):
    dlg = CaseDialog(ctx, CLERK, cases.get_case(ctx, no))
    qtbot.addWidget(dlg)
    dlg.resize(1366, 700)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def _choose(combo, value):
    combo.setCurrentIndex(combo.findData(value))


def test_an_agent_collects_with_id_and_authorisation_through_the_case_view(ctx, qtbot, keys):
    no = _ready(ctx)
    dlg = _case_view(ctx, qtbot, no)
    assert dlg.handout_btn.isVisibleTo(dlg) and dlg.mail_btn.isVisibleTo(dlg)
    dlg.handout_btn.click()
    form = dlg.action_dialog
    assert isinstance(form, HandOutForm)
    qtbot.waitExposed(form)
    f = form.fields
    qtbot.waitUntil(lambda: QApplication.focusWidget() is f["result"])  # focus on the first field
    assert f["recipient_name"].text() == "张三" and f["collector"].currentData() == "applicant"
    assert not f["authorisation_kept"].isEnabled()  # the 委托书 is an agent's

    _choose(f["collector"], "agent")  # someone else came: the name on file goes, the 委托书 fields open
    assert f["recipient_name"].text() == "" and f["authorisation_kept"].isEnabled()
    keys.type("李四", f["recipient_name"])
    f["recipient_name"].setFocus()
    keys.enter()  # no ID document: refused with the reason, the form stays open
    assert form.isVisible()
    assert any("代领须出示本人有效身份证件" in m and "不予代领" in m for m in form.errors.messages())
    keys.type(AGENT_ID, f["recipient_id"])
    f["recipient_id"].setFocus()
    keys.enter()  # ID but no 授权委托书
    assert form.isVisible() and any("授权委托书" in m for m in form.errors.messages())
    assert cases.get_case(ctx, no).status == CaseStatus.RESULT_READY
    f["authorisation_kept"].setChecked(True)
    keys.type("代为领取就业创业证", f["authorisation_scope"])
    f["authorisation_scope"].setFocus()
    keys.enter()
    assert not form.isVisible()

    case = cases.get_case(ctx, no)
    assert case.status == CaseStatus.HANDED_OUT
    h = get_handout(ctx, case.id)
    assert (h.receiver.name, h.receiver.id_number, h.receiver_role, h.authorisation_kept, h.authorisation_scope) == (
        "李四", AGENT_ID, "agent", True, "代为领取就业创业证")
    assert not dlg.handout_btn.isVisibleTo(dlg)  # the view reloaded: nothing left to hand out
    # the new paper's print button has the case view's focus: printing the 领取回执 is the next key
    qtbot.waitUntil(lambda: dlg.focusWidget() is dlg.findChild(QPushButton, "doc:handout:2"))
    text = documents.preview(ctx, no, "handout")
    assert text.startswith(b"%PDF")


def test_back_to_the_applicant_fills_the_name_on_file_again(ctx, qtbot):
    no = _ready(ctx)
    form = HandOutForm(ctx, CLERK, cases.get_case(ctx, no))
    qtbot.addWidget(form)
    f = form.fields
    _choose(f["collector"], "agent")
    f["authorisation_kept"].setChecked(True)
    _choose(f["collector"], "applicant")
    assert f["recipient_name"].text() == "张三" and not f["authorisation_kept"].isChecked()


def test_mail_through_the_case_view_checks_the_number_per_courier_and_shows_it(ctx, qtbot, keys):
    no = _ready(ctx, {"method": "mail", "address": "上海市普陀区长寿路1号"})
    dlg = _case_view(ctx, qtbot, no)
    dlg.mail_btn.click()
    form = dlg.action_dialog
    assert isinstance(form, MailForm)
    qtbot.waitExposed(form)
    f = form.fields
    qtbot.waitUntil(lambda: QApplication.focusWidget() is f["result"])
    assert f["address"].text() == "上海市普陀区长寿路1号" and f["recipient_phone"].text() == "13800138000"
    assert f["courier"].currentData() == "ems" and not f["courier_name"].isEnabled()
    f["result"].setFocus()
    keys.enter()  # no tracking number yet
    assert form.isVisible() and "请填写“快递单号”" in form.errors.messages()
    _choose(f["courier"], "sf")
    assert f["tracking_no"].placeholderText() == "SF加12至13位数字"
    keys.type("1234567890123", f["tracking_no"])  # a number without SF: refused, saying the form
    f["tracking_no"].setFocus()
    keys.enter()
    assert form.isVisible() and any("顺丰速运的快递单号应为SF加12至13位数字" in m for m in form.errors.messages())
    assert cases.get_case(ctx, no).status == CaseStatus.RESULT_READY
    f["tracking_no"].clear()
    keys.type("SF1234567890123", f["tracking_no"])
    _choose(f["cost_bearer"], "government")
    f["tracking_no"].setFocus()
    keys.enter()
    assert not form.isVisible()

    case = as_json(cases.get_case(ctx, no))
    assert case["status"] == CaseStatus.MAILED and case["tracking_no"] == "SF1234567890123"
    label = dlg.findChild(QLabel, "trackingNo")
    assert label is not None and label.text() == "顺丰速运　SF1234567890123"
    assert documents.applicable_kinds(ctx, no)[-1] == "mail_label"
    qtbot.waitUntil(lambda: dlg.focusWidget() is dlg.findChild(QPushButton, "doc:mail_label:2"))


def test_other_courier_asks_for_its_name(ctx, qtbot):
    no = _ready(ctx, {"method": "mail", "address": "上海市普陀区长寿路1号"})
    form = MailForm(ctx, CLERK, cases.get_case(ctx, no))
    qtbot.addWidget(form)
    f = form.fields
    _choose(f["courier"], "other")
    assert f["courier_name"].isEnabled() and f["tracking_no"].placeholderText() == "6至30位字母或数字"
    f["tracking_no"].setText("DPK123456789012")
    form._ok()
    assert "选择“其他快递”时请填写快递公司名称" in form.errors.messages()
    f["courier_name"].setText("德邦快递")
    form._ok()
    assert cases.get_case(ctx, no).courier == "德邦快递"
