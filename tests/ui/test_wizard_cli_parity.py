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
from store.samples import convenience_store, sign_accepted, sole_proprietor_tolerated, ten_materials

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
    for key, status in req["materials"].items():
        row = page.rows.get(key) or next(r for r in page.rows.values() if key in r.line.material_ids)
        row.buttons[MaterialStatus(status)].click()
        if row.line.is_choice:
            row.choice.setCurrentIndex(row.choice.findData(key))
    assert wiz.next(), wiz.page.errors.messages()
    assert wiz.page.step is Step.DECISION
    for it in req["items"]:  # the 受理条件 the request confirms, ticked on the decision page
        for cid in it.get("conditions", []):
            wiz.page.condition_checks[(it["code"], cid)].click()
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
    """The case without what differs by construction: its number, its application's and the rows' ids."""
    out = {k: v for k, v in record.items() if k not in ("id", "case_no", "application_no")}
    out["materials"] = [{k: v for k, v in m.items() if k != "id"} for m in record["materials"]]
    out["events"] = [{k: v for k, v in e.items() if k != "id"} for e in record["events"]]
    return out


@pytest.mark.parametrize("request_of", [sign_accepted, sole_proprietor_tolerated, ten_materials],
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
