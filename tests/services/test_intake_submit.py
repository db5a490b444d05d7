"""Committing an intake: what is stored for each outcome, numbering, deadlines, and what is replicated."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

import pytest
from records_json import as_json
from sqlalchemy import event, select
from store.samples import (
    PERSON,
    sign_accepted,
    sign_notice,
    social_org_received,
    sole_proprietor_tolerated,
    submit_request,
    ten_materials,
)

from clerk_app import paths
from clerk_app.domain.decision import Outcome
from clerk_app.domain.people import Clerk
from clerk_app.intake.request import flow_from_json
from clerk_app.services import cases
from clerk_app.services.intake import IntakeRejected, find_applicant, submit
from clerk_app.store.models import Applicant, AuditEntry, Case, Notice, OutboxEntry

FULL_ID = PERSON["id_number"]


def rows(ctx, model):
    with ctx.store.read() as s:
        return list(s.scalars(select(model)))


def test_accepted_intake_stores_case_materials_event_audit_and_one_outbox_entry(ctx):
    r = submit_request(ctx, sign_accepted())
    assert r.number == "S310107010032611230001"
    assert (r.outcome, r.rules_outcome) == (Outcome.ACCEPTED, Outcome.ACCEPTED)
    assert r.due_date == "2026-11-30" and r.supplement_due is None and r.missing == [] and r.warnings == []

    case = as_json(cases.get_case(ctx, r.number))
    assert case["status"] == "accepted" and case["outcome"] == "accepted"
    assert case["received_at"] == "2026-11-23T10:00:00"
    assert case["due_date"] == "2026-11-30" and case["deadline_provisional"] is False
    assert case["catalogue_version"] == ctx.catalogue.version
    assert [i["code"] for i in case["items"]] == ["000162001000"] and case["items"][0]["situation"] == "new"
    assert case["applicant"]["id_number"] == FULL_ID
    assert [(m["name"], m["status"], m["verdict"]) for m in case["materials"]][:2] == [
        ("户外招牌设置申请表", "original", "ok"), ("营业执照", "e-license", "ok")]
    assert len(case["materials"]) == 5
    assert [(e["from"], e["to"]) for e in case["events"]] == [(None, "accepted")]

    (audit,) = rows(ctx, AuditEntry)
    assert (audit.action, audit.subject) == ("case.create", r.number)
    assert FULL_ID not in str(audit.detail) and audit.detail["applicant"] == "110105********002X"
    (out,) = rows(ctx, OutboxEntry)
    assert (out.seq, out.kind, out.entity_id) == (1, "case", case["id"])
    assert out.payload["case_no"] == r.number and len(out.payload["materials"]) == 5


def test_notice_is_numbered_kept_and_replicated_but_opens_no_case(ctx):
    r = submit_request(ctx, sign_notice())
    assert r.number == "N310107010032611230001" and r.outcome is Outcome.NOTICE
    assert r.due_date is None
    assert [(m["name"], m["verdict"], m["problem"]) for m in r.missing] == [
        ("户外招牌设置申请表", "missing", "未提交"),
        ("户外招牌设计效果图及安装结构图", "nonconforming", "须提交原件，仅有复印件")]
    assert rows(ctx, Case) == []
    (notice,) = rows(ctx, Notice)
    assert notice.notice_no == r.number and len(notice.materials) == 5
    (audit,) = rows(ctx, AuditEntry)
    assert audit.action == "notice.create"
    assert audit.detail["missing"] == ["户外招牌设置申请表", "户外招牌设计效果图及安装结构图"]
    (out,) = rows(ctx, OutboxEntry)
    assert out.kind == "notice" and out.payload["notice_no"] == r.number
    assert as_json(cases.get_any(ctx, r.number))["notice_no"] == r.number


def test_tolerated_intake_names_the_material_and_its_supplement_date(ctx):
    r = submit_request(ctx, sole_proprietor_tolerated())
    assert r.outcome is Outcome.ACCEPTED_TOLERATED
    assert r.supplement_due == "2026-11-26" and r.due_date == "2026-11-26"
    assert [(m["name"], m["verdict"]) for m in r.missing] == [("经营场所使用证明（任选其一）", "tolerated")]
    case = as_json(cases.get_case(ctx, r.number))
    assert case["status"] == "accepted_tolerated" and case["supplement_due"] == "2026-11-26"
    tolerated = [m for m in case["materials"] if m["verdict"] == "tolerated"]
    assert [m["supplement_due"] for m in tolerated] == ["2026-11-26"]


def test_received_only_intake(ctx):
    r = submit_request(ctx, social_org_received())
    assert r.outcome is Outcome.RECEIVED and r.due_date == "2026-12-21"
    assert as_json(cases.get_case(ctx, r.number))["status"] == "received"


def test_any_of_choice_is_recorded(ctx):
    case = as_json(cases.get_case(ctx, submit_request(ctx, sign_accepted()).number))
    (place,) = [m for m in case["materials"] if m["key"] == "any:property_cert|lease_contract"]
    assert place["choice"] == "lease_contract"


def test_numbers_count_per_window_and_day_cases_and_notices_separately(ctx, clock):
    got = [submit_request(ctx, f()).number for f in (sign_accepted, sign_notice, sign_accepted, sign_notice)]
    assert got == ["S310107010032611230001", "N310107010032611230001",
                   "S310107010032611230002", "N310107010032611230002"]
    clock.now += timedelta(days=1)
    assert submit_request(ctx, sign_accepted()).number == "S310107010032611240001"
    ctx.settings.window.number = "004"  # another window of the same centre
    assert submit_request(ctx, sign_accepted()).number == "S310107010042611240001"


def test_outbox_gets_exactly_one_entry_per_intake_gapless(ctx):
    for f in (sign_accepted, sign_notice, sole_proprietor_tolerated, social_org_received, ten_materials):
        submit_request(ctx, f())
    out = rows(ctx, OutboxEntry)
    assert [e.seq for e in out] == [1, 2, 3, 4, 5]
    assert [e.kind for e in out] == ["case", "notice", "case", "case", "case"]


def test_one_transaction_per_intake(ctx):
    counts = {"begin": 0, "commit": 0, "rollback": 0}
    listeners = {k: (lambda conn, k=k: counts.__setitem__(k, counts[k] + 1)) for k in counts}
    for name, fn in listeners.items():
        event.listen(ctx.store.engine, name, fn)
    try:
        submit_request(ctx, ten_materials())
    finally:
        for name, fn in listeners.items():
            event.remove(ctx.store.engine, name, fn)
    assert counts == {"begin": 1, "commit": 1, "rollback": 0}


def test_mail_application_counts_from_the_day_the_letter_arrived(ctx):
    arrived = datetime(2026, 11, 20, 15, 30)  # the Friday before
    r = submit_request(ctx, sign_accepted(channel="mail", received_at=arrived.isoformat()))
    assert r.number == "S310107010032611200001"
    case = as_json(cases.get_case(ctx, r.number))
    assert case["channel"] == "mail" and case["received_at"] == "2026-11-20T15:30:00"
    assert r.due_date == "2026-11-27"  # 5 working days after Friday 20th
    assert case["created_at"] == "2026-11-23T10:00:00"


def test_mail_channel_limit_applies(ctx):
    data = {"channel": "mail", "received_at": "2026-11-23T09:00:00",
            "items": [{"code": "000134031000", "answers": {"age": "adult"}}], "applicant": PERSON,
            "materials": {"social_card_application": "original", "applicant_id": "original",
                          "photo_2inch": "original"}}
    assert submit_request(ctx, data).due_date == "2026-12-14"  # mail limit 15 working days


def test_mail_received_in_the_future_is_refused(ctx):
    data = sign_accepted(channel="mail", received_at="2026-11-23T10:05:00")
    flow, errors = flow_from_json(data, ctx.catalogue, ctx.calendar, ctx.clock())
    assert flow is None
    assert [str(e) for e in errors] == ["received_at: 收到信函的时间不能晚于现在"]


def test_submit_revalidates_a_draft_and_writes_nothing_when_it_is_wrong(ctx):
    flow, errors = flow_from_json(sign_accepted(), ctx.catalogue, ctx.calendar, ctx.clock())
    assert errors == []
    flow.draft.applicant = flow.draft.applicant.__class__(**{**flow.draft.applicant.to_dict(), "phone": "123"})
    with pytest.raises(IntakeRejected) as info:
        submit(ctx, flow, Clerk("c1", "王五"))
    assert [e.field for e in info.value.errors] == ["applicant.phone"]
    assert rows(ctx, Case) == [] and rows(ctx, AuditEntry) == [] and rows(ctx, OutboxEntry) == []


def test_deadline_into_2027_is_provisional_and_warns(ctx, clock):
    clock.now = datetime(2026, 12, 15, 10, 0)
    r = submit_request(ctx, social_org_received())
    assert r.due_date == "2027-01-12"
    assert r.warnings == ["2027年法定节假日安排尚未录入，期限暂按周末推算，请以公布的安排为准"]
    assert as_json(cases.get_case(ctx, r.number))["deadline_provisional"] is True


def test_an_admin_2027_calendar_file_firms_up_the_deadline(clerk_home, clock):
    (paths.calendar_dir() / "2027.toml").write_text('year = 2027\nholidays = ["2027-01-01"]\n', encoding="utf-8")
    from clerk_app.services.context import open_context

    clock.now = datetime(2026, 12, 15, 10, 0)
    ctx = open_context(clock=clock)
    try:
        r = submit_request(ctx, social_org_received())
        assert r.due_date == "2027-01-13" and r.warnings == []
        assert as_json(cases.get_case(ctx, r.number))["deadline_provisional"] is False
    finally:
        ctx.close()


def test_immediate_item_is_due_today(ctx):
    data = {"items": [{"code": "000134011000"}], "applicant": PERSON,
            "materials": {"employment_registration_form": "original", "applicant_id": "e-license",
                          "photo_2inch": "original"}}
    r = submit_request(ctx, data)
    assert r.outcome is Outcome.ACCEPTED and r.due_date == "2026-11-23"


def test_returning_applicant_is_updated_not_duplicated(ctx):
    submit_request(ctx, sign_accepted())
    moved = sign_accepted()
    moved["applicant"].update(phone="13900000000", address="上海市普陀区某路1号", id_number="1101 0519 4912 3100 2x")
    submit_request(ctx, moved)
    (app,) = rows(ctx, Applicant)
    assert (app.id_number, app.phone, app.address) == (FULL_ID, "13900000000", "上海市普陀区某路1号")
    found = find_applicant(ctx, "person", "11010519491231002x")
    assert found is not None and found.phone == "13900000000"
    assert find_applicant(ctx, "person", "not an id") is None
    assert find_applicant(ctx, "company", "91350100M000100Y43") is None


def test_a_substitute_clerk_is_recorded_on_behalf_of_the_a_role(ctx):
    b = Clerk("b01", "王五", "012", on_behalf_of_id="a01", on_behalf_of_name="赵六")
    case = as_json(cases.get_case(ctx, submit_request(ctx, sign_accepted(), clerk=b).number))
    assert case["clerk"] == {"id": "b01", "name": "王五", "badge": "012", "on_behalf_of_id": "a01",
                             "on_behalf_of_name": "赵六"}
    assert case["events"][0]["actor"] == "王五（代赵六）"


def test_clerk_overrides_the_rules_with_a_reason_and_it_is_audited(ctx):
    data = sign_notice(override={"outcome": "not_accepted", "reason": "申请事项不属于本机关职权范围",
                                 "ground": "outside_power", "refer_to": "区规划资源局"})
    r = submit_request(ctx, data)
    assert (r.outcome, r.rules_outcome) == (Outcome.NOT_ACCEPTED, Outcome.NOTICE)
    case = as_json(cases.get_case(ctx, r.number))
    assert case["status"] == "not_accepted" and case["due_date"] is None
    assert case["not_accepted_reason"] == "申请事项不属于本机关职权范围"
    assert [a.action for a in rows(ctx, AuditEntry)] == ["case.create", "intake.override"]


def test_override_needs_a_reason(ctx):
    flow, errors = flow_from_json(sign_notice(override={"outcome": "accepted", "reason": "好"}),
                                  ctx.catalogue, ctx.calendar, ctx.clock())
    assert flow is None and [e.field for e in errors] == ["override.reason"]


def test_a_follow_up_visit_links_the_notice_to_the_new_case(ctx):
    n = submit_request(ctx, sign_notice()).number
    r = submit_request(ctx, sign_accepted(notice_no=n))
    assert as_json(cases.get_case(ctx, r.number))["notice_no"] == n
    assert as_json(cases.get_notice(ctx, n))["followed_by_case"] == r.number


def test_no_full_id_number_in_the_logs(ctx, caplog):
    with caplog.at_level(logging.DEBUG):
        submit_request(ctx, ten_materials())
        submit_request(ctx, sign_notice())
    assert FULL_ID not in caplog.text and "91350100M000100Y43" not in caplog.text


def test_ten_material_case_is_complete(ctx):
    r = submit_request(ctx, ten_materials())
    with ctx.store.read() as s:
        assert len(s.scalars(select(Case)).one().materials) == 10
    case = as_json(cases.get_case(ctx, r.number))
    assert case["agent"]["name"] == "张三" and case["applicant"]["kind"] == "company"
    assert [m["position"] for m in case["materials"]] == list(range(10))
    assert r.due_date == date(2026, 12, 21).isoformat()
