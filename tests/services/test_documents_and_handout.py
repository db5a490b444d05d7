"""Stored cases become documents; supplements and hand-outs move the case and are recorded."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from records_json import as_json
from sqlalchemy import text as sql
from store.samples import food_tolerated

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.intake.request import flow_from_json
from clerk_app.services import case_actions, cases, documents
from clerk_app.services.case_actions import hand_out, mail, supplement
from clerk_app.services.intake import submit
from clerk_app.store import audit

CLERK = Clerk(id="s1", name="张三", badge="A017")
SUBSTITUTE = Clerk(id="s2", name="李四", badge="A018", on_behalf_of_id="s1", on_behalf_of_name="张三")

FOOD = food_tolerated()


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))


def _intake(ctx, data=FOOD, clerk=CLERK):
    flow, errors = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errors, errors
    return submit(ctx, flow, clerk)


def test_voucher_of_a_tolerated_case_and_its_reprint(ctx):
    r = _intake(ctx, clerk=SUBSTITUTE)
    assert documents.applicable_kinds(ctx, r.number) == ["acceptance", "tolerated", "commitment"]
    pdf, reprint = documents.issue(ctx, r.number, "acceptance", SUBSTITUTE)
    text = _text(pdf)
    assert not reprint
    assert r.number in text and "受理凭证" in text
    assert "李四（代张三）" in text
    assert "食品经营许可" in text and "从业人员健康证明" in text
    assert "补打" not in text
    pdf2, reprint2 = documents.issue(ctx, r.number, "acceptance", SUBSTITUTE)
    assert reprint2 and "补打" in _text(pdf2)
    with ctx.store.read() as s:
        n, problems = audit.verify(s)
        actions = list(s.execute(sql("select action from audit_log order by seq")).scalars())
    assert not problems
    assert actions.count("document.print") == 1 and actions.count("document.reprint") == 1


def test_notice_document_lists_every_missing_material(ctx):
    data = dict(FOOD, materials={"food_license_application": "original", "business_license": "copy"})
    r = _intake(ctx, data)
    assert r.outcome.value == "notice" and r.number.startswith("N")
    assert documents.applicable_kinds(ctx, r.number) == ["notice"]
    text = _text(documents.issue(ctx, r.number, "notice", CLERK)[0])
    for m in r.missing:
        assert m["name"] in text
    with pytest.raises(documents.DocumentUnavailable):
        documents.issue(ctx, r.number, "acceptance", CLERK)


def test_supplement_of_all_tolerated_materials_makes_the_case_accepted(ctx):
    r = _intake(ctx)
    with pytest.raises(case_actions.ActionRefused):
        supplement.record_supplement(ctx, r.number, CLERK, ["no_such"])
    c = as_json(supplement.record_supplement(ctx, r.number, CLERK, ["health_certificates"]))
    assert c["status"] == CaseStatus.ACCEPTED_TOLERATED
    c = as_json(supplement.record_supplement(ctx, r.number, CLERK, ["food_safety_manager"]))
    assert c["status"] == CaseStatus.ACCEPTED
    with pytest.raises(case_actions.ActionRefused):
        supplement.record_supplement(ctx, r.number, CLERK, ["food_safety_manager"])


def test_hand_out_needs_a_ready_result_and_prints_a_receipt(ctx):
    r = _intake(ctx)
    result = "食品经营许可证 JY13101070001"
    agent = {"collector": "agent", "authorisation_kept": True, "result": result}
    with pytest.raises(case_actions.ActionRefused, match="结果尚未送达"):
        hand_out.hand_out(ctx, r.number, CLERK, "王五", "11010519491231002X", **agent)
    for target in (CaseStatus.IN_REVIEW, CaseStatus.APPROVED, CaseStatus.RESULT_READY):
        cases.transition(ctx, r.number, target, CLERK)
    with pytest.raises(case_actions.ActionRefused, match="身份证"):
        hand_out.hand_out(ctx, r.number, CLERK, "王五", "110105194912310021", **agent)
    c = as_json(hand_out.hand_out(ctx, r.number, CLERK, "王五", "11010519491231002X", **agent))
    assert c["status"] == CaseStatus.HANDED_OUT
    assert "handout" in documents.applicable_kinds(ctx, r.number)
    assert "mail_label" not in documents.applicable_kinds(ctx, r.number)
    text = _text(documents.issue(ctx, r.number, "handout", CLERK)[0])
    assert "领取回执" in text and "JY13101070001" in text and "王五（代领人）" in text
    assert "授权委托书已查验，原件留存窗口" in text
    assert "11010519491231002X" not in text  # the receiver's ID is masked on paper


def test_mailing_requires_tracking_number_and_address(ctx):
    r = _intake(ctx)
    for target in (CaseStatus.IN_REVIEW, CaseStatus.APPROVED, CaseStatus.RESULT_READY):
        cases.transition(ctx, r.number, target, CLERK)
    with pytest.raises(case_actions.ActionRefused, match="快递单号"):
        mail.mail_result(ctx, r.number, CLERK, "EMS", "12")
    with pytest.raises(case_actions.ActionRefused, match="地址"):
        as_json(mail.mail_result(ctx, r.number, CLERK, "EMS", "1234567890123"))  # pickup case: no address on file
    c = as_json(mail.mail_result(ctx, r.number, CLERK, "EMS", "1234567890123", address="上海市普陀区某某路1号"))
    assert c["status"] == CaseStatus.MAILED and c["tracking_no"] == "1234567890123"
    assert documents.applicable_kinds(ctx, r.number)[-1] == "mail_label"
    with pytest.raises(documents.DocumentUnavailable, match="领取回执只用于已在窗口领取的办件"):
        documents.issue(ctx, r.number, "handout", CLERK)
    text = _text(documents.issue(ctx, r.number, "mail_label", CLERK)[0])
    assert "邮寄标签" in text and "1234567890123" in text and "上海市普陀区某某路1号" in text
    assert "申请人到付" in text and "13800138000" in text  # the courier needs the full phone


def test_voucher_command_writes_pdf_and_reports_unknown_numbers(ctx, tmp_path, capsys, monkeypatch):
    import sys

    from clerk_app.cli import main
    from clerk_app.services import staff

    monkeypatch.setenv("CLERK_FAST_HASH", "1")
    staff.add_staff(ctx, "5001", "孙一", "sun-pass-51", [ctx.window_id], badge="B-5001", grants=("*",))
    r = _intake(ctx)
    ctx.close()
    out = tmp_path / "v.pdf"
    # without a logged-in person nothing is printed (never 「本机窗口人员 000」)
    assert main(["voucher", r.number, "--out", str(out)]) == 1
    assert "没有登录的窗口工作人员" in capsys.readouterr().err and not out.exists()
    monkeypatch.setattr(sys, "stdin", io.StringIO("sun-pass-51\n"))
    assert main(["voucher", r.number, "--out", str(out), "--as", "5001", "--password-stdin"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    # a paper the case's state does not have is refused with the reason
    assert main(["voucher", r.number, "--kind", "refusal", "--out", str(out)]) == 1
    assert "不予受理通知书只用于不予受理的办件" in capsys.readouterr().err
    assert main(["voucher", "S310107010032611229999", "--out", str(out)]) == 1
    assert "没有编号" in capsys.readouterr().err


def test_a_receipt_of_a_hand_out_done_without_a_login_names_the_hand_out(ctx):
    """The case was entered by 张三, logged in; the result was handed out by the unnamed local
    stand-in: the refusal says the hand-out had no one to sign it, not the intake."""
    from clerk_app.domain.people import LOCAL_CLERK

    r = _intake(ctx)
    for target in (CaseStatus.IN_REVIEW, CaseStatus.APPROVED, CaseStatus.RESULT_READY):
        cases.transition(ctx, r.number, target, CLERK)
    hand_out.hand_out(ctx, r.number, LOCAL_CLERK, "王五", "11010519491231002X", collector="agent",
                      authorisation_kept=True, result="食品经营许可证 JY13101070001")
    with pytest.raises(documents.DocumentUnavailable, match="未登录的“本机窗口人员”办理出件"):
        documents.issue(ctx, r.number, "handout", CLERK)
    documents.issue(ctx, r.number, "acceptance", CLERK)  # the intake was signed: its paper still prints
