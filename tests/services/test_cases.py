"""Moving a case through its lifecycle and finding it again by a scanned or typed number."""

from __future__ import annotations

from datetime import timedelta

import pytest
from records_json import as_json
from sqlalchemy import event, select
from store.samples import sign_accepted, sign_notice, social_org_received, submit_request

from clerk_app.domain.case import IllegalTransition
from clerk_app.domain.people import Clerk
from clerk_app.services import cases
from clerk_app.store import audit
from clerk_app.store.models import AuditEntry, OutboxEntry

CLERK = Clerk("c01", "王五", "012")


def outbox_kinds(ctx):
    with ctx.store.read() as s:
        return [(e.seq, e.kind) for e in s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))]


def test_full_lifecycle_records_every_step(ctx, clock):
    no = submit_request(ctx, sign_accepted()).number
    for target in ("in_review", "supplement_requested", "in_review", "approved", "result_ready", "handed_out"):
        clock.now += timedelta(hours=1)
        case = as_json(cases.transition(ctx, no, target, CLERK, note=f"到{target}"))
        assert case["status"] == target
    case = as_json(cases.get_case(ctx, no))
    assert [(e["from"], e["to"]) for e in case["events"]] == [
        (None, "accepted"), ("accepted", "in_review"), ("in_review", "supplement_requested"),
        ("supplement_requested", "in_review"), ("in_review", "approved"), ("approved", "result_ready"),
        ("result_ready", "handed_out")]
    assert case["events"][-1]["actor"] == "王五" and case["events"][-1]["note"] == "到handed_out"
    assert case["row_version"] == 7 and case["updated_at"] == "2026-11-23T16:00:00"
    assert [k for _, k in outbox_kinds(ctx)] == ["case"] + ["case_event"] * 6
    with ctx.store.read() as s:
        assert audit.verify(s) == (7, [])


def test_received_case_can_be_not_accepted_or_mailed_after_refusal(ctx):
    a = submit_request(ctx, social_org_received()).number
    assert as_json(cases.transition(ctx, a, "not_accepted", CLERK))["status"] == "not_accepted"
    b = submit_request(ctx, social_org_received()).number
    for t in ("accepted", "in_review", "refused", "result_ready", "mailed"):
        cases.transition(ctx, b, t, CLERK)
    assert as_json(cases.get_case(ctx, b))["status_label"] == "已出件（邮寄）"


@pytest.mark.parametrize(("path", "target"), [
    (["in_review", "approved", "result_ready", "handed_out"], "accepted"),
    ([], "result_ready"),
    (["in_review"], "handed_out"),
])
def test_illegal_move_is_refused_and_writes_nothing(ctx, path, target):
    no = submit_request(ctx, sign_accepted()).number
    for t in path:
        cases.transition(ctx, no, t, CLERK)
    before = (as_json(cases.get_case(ctx, no)), outbox_kinds(ctx))
    with ctx.store.read() as s:
        audits = s.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))
    with pytest.raises(IllegalTransition, match="办件状态不能从"):
        cases.transition(ctx, no, target, CLERK)
    assert (as_json(cases.get_case(ctx, no)), outbox_kinds(ctx)) == before
    with ctx.store.read() as s:
        assert s.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1)) == audits


def test_one_transaction_per_move(ctx):
    no = submit_request(ctx, sign_accepted()).number
    begins: list[object] = []

    def on_begin(conn) -> None:
        begins.append(conn)

    event.listen(ctx.store.engine, "begin", on_begin)
    try:
        cases.transition(ctx, no, "in_review", CLERK)
    finally:
        event.remove(ctx.store.engine, "begin", on_begin)
    assert len(begins) == 1


def test_unknown_case_is_a_clear_error(ctx):
    with pytest.raises(cases.CaseNotFound, match="没有编号为 S310107010032611239999 的办件"):
        cases.transition(ctx, "S310107010032611239999", "in_review", CLERK)


def test_case_is_found_by_its_printed_or_scanned_form(ctx):
    no = submit_request(ctx, sign_accepted()).number
    for typed in (no, no.lower(), "S 310107 01 003 261123 0001", " S-310107-01-003-261123-0001\n"):
        assert as_json(cases.get_case(ctx, typed))["case_no"] == no, typed
    assert as_json(cases.get_case(ctx, "S310107010032611230002")) is None
    assert as_json(cases.get_any(ctx, "nonsense")) is None


def test_lists_filter_by_status_and_show_newest_first(ctx, clock):
    a = submit_request(ctx, sign_accepted()).number
    clock.now += timedelta(minutes=5)
    b = submit_request(ctx, social_org_received()).number
    n = submit_request(ctx, sign_notice()).number
    assert [c["case_no"] for c in as_json(cases.list_cases(ctx))] == [b, a]
    assert [c["case_no"] for c in as_json(cases.list_cases(ctx, status="accepted"))] == [a]
    assert "events" not in as_json(cases.list_cases(ctx))[0]
    assert [x["notice_no"] for x in as_json(cases.list_notices(ctx))] == [n]
    assert as_json(cases.list_cases(ctx, clerk_id="someone-else")) == []
