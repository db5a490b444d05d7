"""The intake wizard driven through its widgets for the cases a clerk meets every day."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QRadioButton
from records_json import as_json
from sqlalchemy import select

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.decision import Outcome
from clerk_app.intake.flow import Step
from clerk_app.services import cases
from clerk_app.store.models import AuditEntry

ID_OK = "11010519491231002X"
ID_BAD = "110105194912310021"  # last digit wrong
LEASE = "any:property_cert|lease_contract"


def start(window, keys, query: str):
    window.new_intake()
    wiz = window.wizard
    keys.type(query, wiz.page.query)
    keys.enter()
    return wiz


def click(qtbot, wiz, name: str) -> None:
    btn = wiz.findChild(QRadioButton, name)
    assert btn is not None, name
    qtbot.mouseClick(btn, Qt.MouseButton.LeftButton)
    assert btn.isChecked()


def fill_applicant(wiz, keys, name="张三", id_number=ID_OK, phone="13800138000"):
    page = wiz.page
    assert page.step is Step.APPLICANT
    keys.type(id_number, page.applicant.id_number)
    keys.type(name, page.applicant.name)
    keys.type(phone, page.applicant.phone)


def tick(wiz, statuses: dict[str, str]) -> None:
    page = wiz.page
    assert page.step is Step.MATERIALS
    for key, status in statuses.items():
        page.rows[key].buttons[next(s for s in page.rows[key].buttons if s.value == status)].click()


def confirm_conditions(wiz) -> list[str]:
    """Tick every 受理条件 the decision page lists (the clerk checked each); their texts."""
    assert wiz.page.step is Step.DECISION
    for box in wiz.page.condition_checks.values():
        box.click()
    return [b.text() for b in wiz.page.condition_checks.values()]


def finish(window, wiz):
    assert wiz.page.step is Step.DECISION
    assert wiz.next(), wiz.page.errors.messages()
    assert window.wizard is None
    return window.last_dialog.result


def test_promised_item_with_tolerated_gap(window, keys, qtbot, ctx):
    wiz = start(window, keys, "gtgs")  # 个体工商户登记 by pinyin initials
    assert [s.code for s in wiz.flow.draft.selections] == ["000117001000"]
    assert wiz.next() and wiz.page.step is Step.SITUATION
    assert not wiz.next()  # the question is not answered yet
    assert "情形" in " ".join(wiz.page.errors.messages())
    click(qtbot, wiz, "q:000117001000:op:new")
    assert "设立登记" in wiz.page._labels["000117001000"].text()
    assert wiz.next()
    fill_applicant(wiz, keys)
    assert wiz.next()
    tick(wiz, {"sole_proprietor_application": "original", "applicant_id": "e-license", LEASE: "tolerated"})
    row = wiz.page.rows[LEASE]
    assert "tolerated" in {s.value for s in row.buttons} and row.line.is_choice
    assert wiz.next()
    assert "容缺受理" in wiz.page.outcome.text()
    assert "2026-11-26" in wiz.page.dates.text()  # promised 3 working days
    assert "经营场所使用证明" in wiz.page.missing.text()
    assert confirm_conditions(wiz) == ["经营者为有经营能力的自然人", "个体工商户名称已通过自主申报（或不使用名称）"]
    result = finish(window, wiz)
    case = as_json(cases.get_case(ctx, result.number))
    assert case["status"] == CaseStatus.ACCEPTED_TOLERATED
    assert case["supplement_due"] == "2026-11-26"
    assert window.today.rows[0].case_no == result.number


def test_one_time_notice_then_follow_up_intake_prefilled(window, keys, qtbot, ctx):
    wiz = start(window, keys, "jycy")
    assert wiz.next()
    fill_applicant(wiz, keys, name="李四")
    assert wiz.next()
    tick(wiz, {"applicant_id": "original"})
    assert wiz.next()
    assert "一次性告知" in wiz.page.outcome.text()
    missing = wiz.page.missing.text()
    assert "就业创业登记表" in missing or "登记" in missing
    assert missing.count("✗") == 2  # every missing material, by name, at once
    result = finish(window, wiz)
    assert result.outcome is Outcome.NOTICE and result.number.startswith("N")
    assert [n.notice_no for n in _notices(window)] == [result.number]

    # the applicant comes back with the notice: scan it, start again from it
    keys.type(result.number, window.search)
    keys.enter()
    dlg = window.last_dialog
    assert dlg.objectName() == "noticeDialog"
    qtbot.mouseClick(dlg.start, Qt.MouseButton.LeftButton)
    wiz = window.wizard
    assert wiz.flow.draft.notice_no == result.number
    assert [s.code for s in wiz.flow.draft.selections] == ["000134011000"]
    assert wiz.next() and wiz.page.applicant.name.text() == "李四"
    assert wiz.next()
    tick(wiz, {"employment_registration_form": "original", "applicant_id": "original", "photo_2inch": "original"})
    assert wiz.next()
    follow = finish(window, wiz)
    assert as_json(cases.get_case(ctx, follow.number))["notice_no"] == result.number
    assert as_json(cases.get_notice(ctx, result.number))["followed_by_case"] == follow.number


def _notices(window):
    window.today.refresh()
    from clerk_app.services import worklist

    return worklist.todays_notices(window.ctx, window.clerk.id)


def test_theme_shows_each_shared_material_once(window, keys, qtbot, ctx):
    wiz = start(window, keys, "wykcyd")  # 我要开餐饮店
    assert wiz.flow.draft.theme_id == "open_restaurant"
    assert len(wiz.flow.draft.selections) == 4
    assert wiz.next() and wiz.page.step is Step.SITUATION
    for code, q, v in (("000117001000", "op", "new"), ("000117007000", "op", "new"),
                       ("000117007000", "catering", "yes"), ("000120019000", "op", "new")):
        click(qtbot, wiz, f"q:{code}:{q}:{v}")
    assert wiz.next(), wiz.page.errors.messages()
    fill_applicant(wiz, keys)
    assert wiz.next(), wiz.page.errors.messages()
    page = wiz.page
    keys_ = list(page.rows)
    assert len(keys_) == len(set(keys_))
    assert keys_.count("applicant_id") == 1
    shared = [r for r in page.rows.values() if len(r.line.items) > 1]
    assert shared, "a 一件事 theme has shared materials"
    for r in page.rows.values():
        if r.line.required:
            status = "original" if r.line.form.value != "copy" else "copy"
            r.buttons[next(s for s in r.buttons if s.value == status)].click()
            if r.line.is_choice:
                r.choice.setCurrentIndex(1)
        else:
            na = [s for s in r.buttons if s.value == "n/a"]
            if na:
                r.buttons[na[0]].click()
    assert wiz.next(), wiz.page.errors.messages()
    assert wiz.page.decision.outcome in (Outcome.ACCEPTED, Outcome.RECEIVED)
    shown = wiz.page.cases.text()  # the decision page lists one case per item, each with its own date
    lines = shown.split("\n")[1:]
    assert wiz.page.cases.isVisibleTo(wiz.page) and len(lines) == 4
    assert lines[0].startswith("　个体工商户登记（区市场监管局）：受理") and lines[0].endswith("2026-11-26")
    confirm_conditions(wiz)
    result = finish(window, wiz)
    assert len(result.cases) == 4  # one application, one case per item
    for c in result.cases:
        case = as_json(cases.get_case(ctx, c.number))
        assert [i["code"] for i in case["items"]] == [c.item] and case["theme_id"] == "open_restaurant"
        assert case["application_no"] == result.application_no
        assert [m["key"] for m in case["materials"]].count("applicant_id") <= 1
    assert result.application_no in " ".join(lab.text() for lab in window.last_dialog.findChildren(QLabel))


def test_bad_id_number_is_flagged_while_typing_and_corrected(window, keys, qtbot, ctx):
    wiz = start(window, keys, "jycy")
    assert wiz.next()
    form = wiz.page.applicant
    keys.type(ID_BAD[:10], form.id_number)
    msg = form.messages["id_number"]
    assert not msg.is_error  # still typing: no error yet
    keys.type(ID_BAD[10:], form.id_number)
    assert msg.is_error and "校验位" in msg.text()  # flagged at the 18th character, before leaving the field
    keys.type("张三", form.name)
    keys.type("13800138000", form.phone)
    assert not wiz.next()
    assert any("校验位" in m for m in wiz.page.errors.messages())
    form.id_number.setFocus()
    keys.press(Qt.Key.Key_Backspace)
    keys.type("X")
    assert not msg.is_error and msg.text()
    assert wiz.next() and wiz.page.step is Step.MATERIALS
    assert wiz.flow.draft.applicant.id_number == ID_OK


def test_company_credit_code_and_returning_applicant_filled_in(window, keys, qtbot, ctx):
    from clerk_app.domain.people import Party
    from clerk_app.services.intake import upsert_applicant

    with ctx.store.transaction() as s:
        upsert_applicant(s, Party("person", "王五", ID_OK, "13900139000", "上海市普陀区某路1号"), ctx.clock())
    wiz = start(window, keys, "jycy")
    assert wiz.next()
    form = wiz.page.applicant
    keys.type(ID_OK, form.id_number)
    assert form.name.text() == "王五" and form.phone.text() == "13900139000"
    assert not wiz.page.known.isHidden() and wiz.page.known.text()
    form.phone.setText("13700137000")  # the clerk corrects what changed
    assert wiz.next()
    assert wiz.flow.draft.applicant.phone == "13700137000"


def test_not_accepted_needs_a_reason_and_is_audited(window, keys, qtbot, ctx):
    wiz = start(window, keys, "jycy")
    assert wiz.next()
    fill_applicant(wiz, keys)
    assert wiz.next()
    tick(wiz, {"employment_registration_form": "original", "applicant_id": "original", "photo_2inch": "original"})
    assert wiz.next()
    page = wiz.page
    page.override.setCurrentIndex(page.override.findData(Outcome.NOT_ACCEPTED.value))
    assert not wiz.next()
    assert page.reason_msg.is_error
    keys.type("申请事项不属于本中心受理范围", page.reason)
    assert not wiz.next()  # the legal ground is chosen too (its article and item go on the notice)
    assert "不予受理须选择法定情形" in page.ground_msg.text()
    assert not page.refer_to.isVisibleTo(page)
    page.ground.setCurrentIndex(page.ground.findData("outside_power"))
    assert page.refer_to.isVisibleTo(page)
    assert not wiz.next()
    assert "须写明应向哪个行政机关申请" in page.ground_msg.text()
    page.refer_to.setText("区人力资源和社会保障局")
    result = finish(window, wiz)
    case = as_json(cases.get_case(ctx, result.number))
    assert case["status"] == CaseStatus.NOT_ACCEPTED and "受理范围" in case["not_accepted_reason"]
    assert (case["refusal_ground"], case["refer_to"]) == ("outside_power", "区人力资源和社会保障局")
    with ctx.store.read() as s:
        actions = [a.action for a in s.execute(select(AuditEntry)).scalars()]
    assert "intake.override" in actions


def test_acceptance_conditions_must_each_be_confirmed_before_the_case_opens(window, keys, qtbot, ctx):
    wiz = start(window, keys, "gtgs")
    assert wiz.next()
    click(qtbot, wiz, "q:000117001000:op:new")
    assert wiz.next()
    fill_applicant(wiz, keys)
    assert wiz.next()
    tick(wiz, {"sole_proprietor_application": "original", "applicant_id": "e-license", LEASE: "tolerated"})
    assert wiz.next()
    page = wiz.page
    assert page.conditions_box.isVisible()
    assert "年满18周岁" in page.conditions_box.findChildren(QLabel)[0].text()  # its 审查标准 under it
    assert not wiz.next()  # nothing confirmed yet: the engine keeps the clerk here
    assert wiz.page.step is Step.DECISION and window.wizard is wiz
    assert "请确认事项“个体工商户登记”的受理条件：经营者为有经营能力的自然人" in page.conditions_msg.text()
    page.condition_checks[("000117001000", "capable_person")].click()
    assert not wiz.next()
    assert "capable_person" in wiz.flow.draft.conditions["000117001000"]
    page.condition_checks[("000117001000", "name_reserved")].click()
    finish(window, wiz)


def test_follow_up_of_a_notice_walks_through_with_answers_and_verified_materials(window, ctx):
    """The wizard started from a notice: the situation is already answered, what was in order at the
    first visit is still ticked; only the missing materials are recorded before the case opens."""
    from store.samples import food_tolerated, submit_request

    req = food_tolerated()
    req["materials"].update({"food_safety_manager": "missing", "health_certificates": "missing"})
    notice = cases.get_notice(ctx, submit_request(ctx, req).number)
    window.intake_from_notice(notice)
    wiz = window.wizard
    assert wiz.next() and wiz.page.step is Step.SITUATION
    assert wiz.findChild(QRadioButton, "q:000117007000:catering:yes").isChecked()
    assert wiz.next() and wiz.page.step is Step.APPLICANT
    assert wiz.next(), wiz.page.errors.messages()
    assert wiz.page.step is Step.MATERIALS
    assert wiz.flow.draft.provided["food_site_layout"].status.value == "original"
    tick(wiz, {"food_safety_manager": "original", "health_certificates": "copy"})
    assert wiz.next(), wiz.page.errors.messages()
    assert wiz.page.decision.outcome is Outcome.ACCEPTED
    confirm_conditions(wiz)
    result = finish(window, wiz)
    case = as_json(cases.get_case(ctx, result.number))
    assert case["notice_no"] == notice.notice_no
    assert {m["key"]: m["status"] for m in case["materials"]}["food_site_layout"] == "original"


def test_a_full_disk_at_commit_says_so_in_chinese_and_keeps_the_wizard(window, keys, qtbot, ctx, monkeypatch):
    """磁盘空间不足 while committing: the clerk reads what happened and what to do; nothing is lost."""
    from PySide6.QtWidgets import QMessageBox

    from clerk_app.services.store_open import DiskFull
    from clerk_app.ui.wizard import host

    wiz = start(window, keys, "jycy")  # 就业创业证申领, a 即办件
    assert wiz.next() and wiz.page.step is Step.APPLICANT
    fill_applicant(wiz, keys)
    assert wiz.next() and wiz.page.step is Step.MATERIALS
    wiz.page.all_as_required()
    assert wiz.next() and wiz.page.step is Step.DECISION

    def full(*_a, **_k):
        raise DiskFull("database or disk is full")

    shown: list[str] = []
    monkeypatch.setattr(host, "submit", full)
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a, **k: shown.append(text))
    assert not wiz.next()
    assert window.wizard is wiz and wiz.page.step is Step.DECISION  # the intake is still there to retry
    assert len(shown) == 1 and "磁盘空间不足" in shown[0] and "联系信息科" in shown[0]
