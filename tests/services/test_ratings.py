"""好差评 services: one rating per service, tied to who served; a 差评's follow-up and its closure."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import LOCAL_CLERK, Clerk
from clerk_app.domain.ratings import Rating
from clerk_app.intake.request import flow_from_json
from clerk_app.protocol.records import parse_payload
from clerk_app.services import case_actions, cases, ratings
from clerk_app.services.case_actions import ActionRefused, hand_out
from clerk_app.services.intake import submit
from clerk_app.store.models import AuditEntry, CaseNote, OutboxEntry

FULL = {"employment_registration_form": "original", "applicant_id": "original", "photo_2inch": "original"}
A = Clerk(id="1001", name="张三", badge="PT-0301")
B_FOR_A = Clerk(id="1002", name="李四", badge="PT-0302", on_behalf_of_id="1001", on_behalf_of_name="张三")
BOSS = Clerk(id="1003", name="王五", badge="PT-0101", supervisor=True)


def take(ctx, clerk=A) -> str:
    data = {"items": [{"code": "000134011000"}],
            "applicant": {"kind": "person", "name": "赵七", "id_number": "11010519491231002X", "phone": "13800138000"},
            "materials": FULL}
    flow, errs = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs, errs
    return submit(ctx, flow, clerk).number


def handed_out(ctx, no, clerk=A) -> None:
    cases.transition(ctx, no, CaseStatus.APPROVED, LOCAL_CLERK)
    cases.transition(ctx, no, CaseStatus.RESULT_READY, LOCAL_CLERK)
    hand_out.hand_out(ctx, no, clerk, "赵七")


def _outbox(ctx):
    with ctx.store.read() as s:
        return s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "case_note").order_by(OutboxEntry.seq)).all()


def test_intake_rating_names_the_clerk_and_the_a_and_is_audited_and_replicated(ctx):
    no = take(ctx, B_FOR_A)
    note = ratings.rate(ctx, no, B_FOR_A, "intake", "very_satisfied")
    (r,) = ratings.ratings_of(ctx, no)
    assert (r.level.value, r.service.value, r.served_by, r.served_for, r.followup_due) == (
        "very_satisfied", "intake", "李四（代张三）", "张三", None)
    assert Rating.from_detail(note.id, no, note.detail) == r
    (entry,) = _outbox(ctx)
    assert parse_payload("case_note", entry.payload).kind == "rating"
    with ctx.store.read() as s:
        assert s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq.desc())).first() == "case.rating"


def test_one_rating_per_service_hand_out_only_after_hand_out(ctx, clock):
    no = take(ctx)
    with pytest.raises(ActionRefused, match="尚未出件"):
        ratings.rate(ctx, no, A, "hand_out", "satisfied")
    ratings.rate(ctx, no, A, "intake", "not_rated")
    assert ratings.unrated_services(ctx, no) == []
    with pytest.raises(ActionRefused, match="一次服务只能评价一次"):
        ratings.rate(ctx, no, A, "intake", "very_satisfied")
    clock.now = datetime(2026, 11, 27, 15, 0)
    handed_out(ctx, no, B_FOR_A)
    assert [s.value for s in ratings.unrated_services(ctx, no)] == ["hand_out"]
    ratings.rate(ctx, no, A, "hand_out", "basic")
    with pytest.raises(ActionRefused, match="一次服务只能评价一次"):
        ratings.rate(ctx, no, A, "hand_out", "basic")
    levels = [(r.service.value, r.level.value, r.served_by) for r in ratings.ratings_of(ctx, no)]
    assert levels == [("intake", "not_rated", "张三"), ("hand_out", "basic", "李四（代张三）")]
    assert len(_outbox(ctx)) == 2  # the refused attempts wrote nothing


def test_bad_input_is_refused_with_a_message_and_nothing_written(ctx):
    no = take(ctx)
    for kwargs, msg in (({"level": "great"}, "评价等级无效"), ({"service": "mail"}, "评价的服务无效"),
                        ({"problems": ["太慢"]}, "问题类型“太慢”无效")):
        args = {"service": "intake", "level": "dissatisfied", **kwargs}
        with pytest.raises(ActionRefused, match=msg):
            ratings.rate(ctx, no, A, **args)
    with pytest.raises(cases.CaseNotFound):
        ratings.rate(ctx, "S000000000000000000000", A, "intake", "satisfied")
    with ctx.store.read() as s:
        assert s.scalars(select(CaseNote)).all() == []


def test_a_bad_rating_opens_a_followup_due_in_working_days_from_the_setting(ctx, clock):
    no = take(ctx)  # Monday 23 November 2026
    note = ratings.rate(ctx, no, A, "intake", "dissatisfied", ["等候时间长", "业务不熟"], "排队一个小时")
    assert note.detail["followup_due"] == "2026-11-30"  # five working days: Tue..Fri, Mon
    (f,) = ratings.open_followups(ctx, date(2026, 11, 30))
    assert (f.case_no, f.rating_id, f.level.value, f.served_by, f.due, f.overdue) == (
        no, note.id, "dissatisfied", "张三", date(2026, 11, 30), False)
    assert ratings.open_followups(ctx, date(2026, 12, 1))[0].overdue
    ctx.settings.ratings.followup_days = 2
    other = take(ctx)
    assert ratings.rate(ctx, other, A, "intake", "very_dissatisfied").detail["followup_due"] == "2026-11-25"
    assert ratings.rate(ctx, take(ctx), A, "intake", "basic").detail["followup_due"] is None  # 好评: none


def test_only_a_supervisor_closes_an_open_followup(ctx):
    no = take(ctx)
    bad = ratings.rate(ctx, no, A, "intake", "very_dissatisfied", ["服务态度"])
    case = cases.get_case(ctx, no)
    assert "close_followup" not in case_actions.offered(ctx, case, A)
    assert "close_followup" not in case_actions.offered(ctx, case, Clerk(id="1002", name="李四", on_behalf_of_id="x",
                                                                          on_behalf_of_name="王五"))
    assert "close_followup" in case_actions.offered(ctx, case, BOSS)
    with pytest.raises(ActionRefused, match="只有督查人员"):
        case_actions.perform(ctx, "close_followup", no, A, {"rating_id": bad.id, "action": "已电话回访并致歉"})
    with pytest.raises(ActionRefused, match="请填写“整改情况”"):
        case_actions.perform(ctx, "close_followup", no, BOSS, {"rating_id": bad.id})
    note = case_actions.perform(ctx, "close_followup", no, BOSS, {"rating_id": bad.id, "action": "已电话回访并致歉"})
    assert (note.kind, note.detail) == ("rating_followup_closed", {"rating_id": bad.id, "action": "已电话回访并致歉"})
    assert ratings.open_followups(ctx, date(2026, 12, 31)) == []
    assert "close_followup" not in case_actions.offered(ctx, cases.get_case(ctx, no), BOSS)
    with pytest.raises(ActionRefused, match="已办结|没有待整改"):
        case_actions.perform(ctx, "close_followup", no, BOSS, {"rating_id": bad.id, "action": "再次办结一下"})
    assert _outbox(ctx)[-1].kind == "case_note"


def test_supervisor_comes_from_the_roster_and_is_the_persons_own(ctx):
    from clerk_app.services import staff, staff_login

    verifier = staff.passwords.hash_password("Qy-2026-secret")
    roster = [{"staff_no": "2001", "name": "钱一", "windows": ["*"], "authorised": ["*"], "supervisor": True,
               "password_hash": verifier},
              {"staff_no": "2002", "name": "孙二", "windows": ["*"], "authorised": ["*"], "substitutes": ["2001"],
               "password_hash": verifier}]
    with ctx.store.transaction() as s:
        staff.apply_roster(s, roster, "v1", datetime(2026, 11, 23, 9))
        exported = {r["staff_no"]: r["supervisor"] for r in staff.export_roster(s)}
    assert (exported["2001"], exported["2002"]) == (True, False)
    boss = staff_login.login(ctx, "2001", "Qy-2026-secret").clerk
    assert boss.supervisor
    staff_login.logout(ctx, boss)
    assert not staff_login.login(ctx, "2002", "Qy-2026-secret").clerk.supervisor  # absent from the roster: no
