"""Adding a case action is adding one module: the worked example of docs/architecture.md.

The 电话回访 (call-back) module is taken verbatim from the document, put where the package's discovery
finds it (a folder on ``case_actions.__path__``, the cache cleared), and then offered,
shown in the case dialog with a form built from its inputs, and run — with no other file.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import select
from test_chinese_ui import chinese, english_words  # noqa: F401  (a fixture, and its check)

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.intake.request import flow_from_json
from clerk_app.services import case_actions, cases
from clerk_app.services.case_actions import hand_out
from clerk_app.services.intake import submit
from clerk_app.store.models import CaseNote, OutboxEntry
from clerk_app.ui.action_form import ActionFormDialog
from clerk_app.ui.case_dialog import CaseDialog

DOC = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"
MODULE = "clerk_app.services.case_actions.callback"


def worked_example() -> str:
    section = DOC.read_text(encoding="utf-8").split("## Adding a case action", 1)[1].split("\n## ", 1)[0]
    found = re.search(r"```python\n(.*?)```", section, re.S)
    assert found, "docs/architecture.md: no module in the worked example"
    return found.group(1)


@pytest.fixture
def callback(tmp_path, monkeypatch):
    """The documented module, discovered as the package discovers its own."""
    assert MODULE not in sys.modules and "callback" not in case_actions.case_actions()
    (tmp_path / "callback.py").write_text(worked_example(), encoding="utf-8")
    monkeypatch.setattr(case_actions, "__path__", [*case_actions.__path__, str(tmp_path)])
    importlib.invalidate_caches()
    case_actions.case_actions.cache_clear()
    yield case_actions.case_actions()["callback"]
    sys.modules.pop(MODULE, None)
    if hasattr(case_actions, "callback"):
        delattr(case_actions, "callback")
    case_actions.case_actions.cache_clear()


def _handed_out_case(ctx) -> str:
    data = {"items": [{"code": "000134011000"}],
            "applicant": {"kind": "person", "name": "赵七", "id_number": "11010519491231002X",
                          "phone": "13800138000"},
            "materials": {"employment_registration_form": "original", "applicant_id": "original",
                          "photo_2inch": "original"}}
    flow, errs = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs, errs
    no = submit(ctx, flow, LOCAL_CLERK).number
    assert "callback" not in case_actions.offered(ctx, cases.get_case(ctx, no), LOCAL_CLERK)
    cases.transition(ctx, no, CaseStatus.APPROVED, LOCAL_CLERK)
    cases.transition(ctx, no, CaseStatus.RESULT_READY, LOCAL_CLERK)
    ready = cases.get_case(ctx, no)
    assert "callback" not in case_actions.offered(ctx, ready, LOCAL_CLERK)
    hidden = CaseDialog(ctx, LOCAL_CLERK, ready)
    assert hidden.action_buttons["callback"].isHidden()  # not offered before the result is out
    hidden.deleteLater()
    hand_out.hand_out(ctx, no, LOCAL_CLERK, "赵七")
    return no


def _open_form(ctx, qtbot, no) -> tuple[CaseDialog, ActionFormDialog]:
    dlg = CaseDialog(ctx, LOCAL_CLERK, cases.get_case(ctx, no))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    button = dlg.findChild(QPushButton, "action:callback")
    assert button is not None and button.isVisibleTo(dlg) and button.text() .startswith("登记电话回访（Alt+")
    button.click()
    form = dlg.action_dialog
    assert isinstance(form, ActionFormDialog)
    qtbot.waitExposed(form)
    return dlg, form


def test_the_documented_callback_module_is_offered_shown_and_recorded(ctx, qtbot, keys, callback):
    assert (callback.title, callback.moves_status) == ("登记电话回访", False)
    no = _handed_out_case(ctx)
    before = cases.get_case(ctx, no)
    assert before.status is CaseStatus.HANDED_OUT
    assert "callback" in case_actions.offered(ctx, before, LOCAL_CLERK)

    dlg, form = _open_form(ctx, qtbot, no)
    outcome = form.fields["outcome"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is outcome)  # the first field has the focus
    assert [outcome.itemText(i) for i in range(outcome.count())] == ["已联系，无意见", "已联系，有意见", "未接通", "号码有误"]

    keys.enter()  # nothing chosen: the form stays and says what is missing
    assert form.isVisible() and form.errors.messages() == ["请选择“回访结果”"]
    outcome.setCurrentIndex(outcome.findData("opinion"))
    form.fields["comment"].setPlainText("太" * 201)
    keys.enter()
    assert form.isVisible() and form.errors.messages() == ["“申请人意见”不能超过200字（现为201字）"]
    form.fields["comment"].setPlainText("")
    keys.enter()  # the module's own rule, through run
    assert form.isVisible() and form.errors.messages() == ["须记录申请人的意见"]
    with ctx.store.read() as s:
        assert s.scalars(select(CaseNote)).all() == []  # nothing recorded by a refused attempt

    form.fields["comment"].setPlainText("等候时间太长")
    keys.enter()
    assert not form.isVisible() and form.result() == form.DialogCode.Accepted
    with ctx.store.read() as s:
        (row,) = s.scalars(select(CaseNote)).all()
        last = s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc())).first()
    assert (row.kind, row.text, row.detail) == ("callback", "等候时间太长", {"outcome": "opinion", "label": "已联系，有意见"})
    assert last.kind == "case_note"
    after = cases.get_case(ctx, no)
    assert (after.status, len(after.events)) == (before.status, len(before.events))  # no status move
    qtbot.waitUntil(lambda: dlg.action_buttons["callback"].isVisibleTo(dlg))  # rebuilt, still offered


def test_the_generic_form_speaks_chinese(chinese, ctx, qtbot, callback):  # noqa: F811
    _, form = _open_form(ctx, qtbot, _handed_out_case(ctx))
    assert english_words(form) == set()


def test_perform_checks_the_rules_and_inputs_before_run(ctx, callback):
    no = _handed_out_case(ctx)
    with pytest.raises(case_actions.ActionRefused, match="请选择“回访结果”"):
        case_actions.perform(ctx, "callback", no, LOCAL_CLERK, {"comment": "好"})
    with pytest.raises(case_actions.ActionRefused, match="选项无效"):
        case_actions.perform(ctx, "callback", no, LOCAL_CLERK, {"outcome": "excellent"})
    note = case_actions.perform(ctx, "callback", no, LOCAL_CLERK, {"outcome": "fine"})
    assert (note.kind, note.detail["outcome"]) == ("callback", "fine")
