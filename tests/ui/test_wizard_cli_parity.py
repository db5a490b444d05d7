"""The wizard and ``clerk intake --json`` drive the same engine: the same request commits the same record.

Each request is entered once through the wizard's widgets (as a clerk would) and once through
the CLI in-process, on the same store and clock; the two committed cases must be identical
apart from their numbers and row ids.
"""

from __future__ import annotations

import functools
import json
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton
from store.samples import (
    convenience_store,
    sign_accepted,
    sole_proprietor_tolerated,
    teacher_originals_and_copies,
    ten_materials,
)

from clerk_app.domain.decision import MaterialStatus
from clerk_app.intake.flow import Step
from clerk_app.services import cases


def _click(qtbot, wiz, name: str) -> None:
    btn = wiz.findChild(QRadioButton, name)
    assert btn is not None, name
    qtbot.mouseClick(btn, Qt.MouseButton.LeftButton)
    assert btn.isChecked()


def _fill_party(form, p: dict[str, Any]) -> None:
    (form.company if p["kind"] == "company" else form.person).setChecked(True)
    for field in ("id_number", "name", "phone", "address", "contact"):
        getattr(form, field).setText(p.get(field, ""))


def through_wizard(window, qtbot, req: dict[str, Any]) -> str:
    wiz = window.new_intake()
    for it in req["items"]:
        wiz.page.add(next(h for h in window.index.search(it["code"]) if h.key == it["code"]))
    assert wiz.next(), wiz.page.errors.messages()
    if wiz.page.step is Step.SITUATION:
        for it in req["items"]:
            for q, v in it.get("answers", {}).items():
                _click(qtbot, wiz, f"q:{it['code']}:{q}:{v}")
        assert wiz.next(), wiz.page.errors.messages()
    page = wiz.page
    assert page.step is Step.APPLICANT
    _fill_party(page.applicant, req["applicant"])
    if req.get("agent"):
        page.has_agent.setChecked(True)
        _fill_party(page.agent, req["agent"])
    assert wiz.next(), wiz.page.errors.messages()
    page = wiz.page
    assert page.step is Step.MATERIALS
    for key, given in req["materials"].items():
        row = page.rows.get(key) or next(r for r in page.rows.values() if key in r.line.material_ids)
        counted = given if isinstance(given, dict) else {"status": given}
        row.buttons[MaterialStatus(counted["status"])].click()
        if row.line.is_choice:
            row.choice.setCurrentIndex(row.choice.findData(key))
        for name in ("originals", "copies"):  # the pieces counted, typed into the row's own boxes
            if name in counted:
                box = getattr(row, name)
                assert box.isVisible() and box.isEnabled(), (key, name)
                box.setValue(counted[name])
    assert wiz.next(), wiz.page.errors.messages()
    assert wiz.page.step is Step.DECISION
    for it in req["items"]:  # the 受理条件 the request confirms, ticked on the decision page
        for cid in it.get("conditions", []):
            wiz.page.condition_checks[(it["code"], cid)].click()
    if req.get("override"):  # the outcome changed, with its reason, for the cases the clerk ticks
        ov, page = req["override"], wiz.page
        page.override.setCurrentIndex(page.override.findData(ov["outcome"]))
        page.reason.setText(ov["reason"])
        if ov.get("items") is not None:
            assert page.override_cases.isVisible()
            for code, box in page.override_checks.items():
                box.setChecked(code in ov["items"])
    assert wiz.next(), wiz.page.errors.messages()
    assert window.wizard is None
    return window.last_dialog.result.number


def through_cli(monkeypatch, capsys, clock, tmp_path, req: dict[str, Any], field: str = "case_no") -> str:
    import clerk_app.services.context as context
    from clerk_app.cli import main

    monkeypatch.setattr(context, "open_context", functools.partial(context.open_context, clock=clock))
    path = tmp_path / "request.json"
    path.write_text(json.dumps(req, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    code = main(["intake", "--json", str(path)])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)[field]


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """The case without what differs by construction: its number, its application's, the rows' ids and
    the digest of its random 查询密码."""
    out = {k: v for k, v in record.items() if k not in ("id", "case_no", "application_no", "query_password_hash")}
    out["materials"] = [{k: v for k, v in m.items() if k != "id"} for m in record["materials"]]
    out["events"] = [{k: v for k, v in e.items() if k != "id"} for e in record["events"]]
    return out


@pytest.mark.parametrize("request_of", [sign_accepted, sole_proprietor_tolerated, ten_materials,
                                        teacher_originals_and_copies],
                         ids=lambda f: f.__name__)
def test_wizard_and_cli_commit_the_same_record(window, qtbot, ctx, clock, monkeypatch, capsys, tmp_path,
                                               request_of):
    req = request_of()
    by_wizard = through_wizard(window, qtbot, req)
    by_cli = through_cli(monkeypatch, capsys, clock, tmp_path, req)
    assert by_wizard != by_cli
    a, b = cases.get_case(ctx, by_wizard), cases.get_case(ctx, by_cli)
    assert a is not None and b is not None
    assert comparable(a.to_json()) == comparable(b.to_json())


def test_the_wizard_row_shows_the_boxes_the_line_asks_for_and_records_originals_apart(window, qtbot, ctx):
    """原件 only: the originals box; 复印件 only: the copies box; 原件及复印件: both and 核验后退回."""
    req = teacher_originals_and_copies()
    number = through_wizard(window, qtbot, req)
    rec = cases.get_case(ctx, number)
    assert rec is not None
    got = {m.key: m.received_text() for m in rec.materials}
    assert got["education_cert"] == "原件1份（核验后退回）、复印件2份"
    assert got["photo_2inch"] == "原件2份" and got["teacher_exam_cert"] == "复印件1份"
    wiz = window.new_intake()
    wiz.page.add(next(h for h in window.index.search("000109006000") if h.key == "000109006000"))
    assert wiz.next()
    _fill_party(wiz.page.applicant, req["applicant"])
    assert wiz.next()
    rows = wiz.page.rows
    shown = {k: (r.originals.isVisibleTo(r), r.copies.isVisibleTo(r), r.returned.isVisibleTo(r))
             for k, r in rows.items()}
    assert shown["photo_2inch"] == (True, False, True)
    assert shown["teacher_exam_cert"] == (False, True, False)
    assert shown["education_cert"] == (True, True, True)
    edu = rows["education_cert"]
    edu.buttons[MaterialStatus.ORIGINAL].click()
    assert (edu.originals.value(), edu.copies.value(), edu.returned.isChecked()) == (1, 1, True)
    edu.originals.setValue(0)  # the original not shown: the row says what is short
    assert "原件须 1 份，仅收 0 份" in edu.verdict.text()
    edu.originals.setValue(1)
    edu.copies.setValue(2)
    assert wiz.next() and wiz.page.step is Step.DECISION  # the decision step lists the pieces too
    assert "学历证书：原件1份（核验后退回）、复印件2份" in wiz.page.received.text()
    assert wiz.page.received_box.isVisibleTo(wiz.page)


def test_wizard_and_cli_give_the_same_cases_for_one_application(window, qtbot, ctx, clock, monkeypatch, capsys,
                                                                tmp_path):
    req = convenience_store()
    del req["theme"]  # the wizard adds the three items one by one here
    through_wizard(window, qtbot, req)
    by_wizard = window.last_dialog.result.application_no
    by_cli = through_cli(monkeypatch, capsys, clock, tmp_path, req, field="application_no")
    assert by_wizard and by_cli and by_wizard != by_cli
    a, b = cases.application_cases(ctx, by_wizard), cases.application_cases(ctx, by_cli)
    assert [(c.items[0].code, c.outcome.value, c.due_date) for c in a] == [
        ("000117001000", "accepted", date(2026, 11, 26)), ("000117007000", "accepted", date(2026, 12, 7)),
        ("000156001000", "received", date(2026, 12, 14))]
    assert [comparable(x.to_json()) for x in a] == [comparable(x.to_json()) for x in b]


def test_an_override_for_one_case_of_an_application_is_the_same_from_the_wizard_and_the_cli(
        window, qtbot, ctx, clock, monkeypatch, capsys, tmp_path):
    req = convenience_store(override={"outcome": "accepted", "reason": "烟草专卖局授权窗口收件即受理",
                                      "items": ["000156001000"]})
    del req["theme"]
    through_wizard(window, qtbot, req)
    by_wizard = window.last_dialog.result.application_no
    by_cli = through_cli(monkeypatch, capsys, clock, tmp_path, req, field="application_no")
    a, b = cases.application_cases(ctx, by_wizard), cases.application_cases(ctx, by_cli)
    assert [(c.outcome.value, c.override_reason) for c in a] == [
        ("accepted", None), ("accepted", None), ("accepted", "烟草专卖局授权窗口收件即受理")]
    assert [comparable(x.to_json()) for x in a] == [comparable(x.to_json()) for x in b]
