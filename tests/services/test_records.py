"""Typed, versioned records: what the window writes parses back; older payloads and drafts upgrade by steps."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import select
from store.samples import sign_notice, sole_proprietor_tolerated, submit_request

from clerk_app.domain.decision import MaterialStatus
from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.intake import draft as draft_mod
from clerk_app.intake.draft import IntakeDraft
from clerk_app.protocol.records import (
    RECORD_VERSION,
    CaseRecord,
    NoticeRecord,
    RecordError,
    parse_payload,
    upgrade,
)
from clerk_app.services import cases, drafts
from clerk_app.store.models import Draft, OutboxEntry


def outbox(ctx) -> list[OutboxEntry]:
    with ctx.store.read() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))


def test_every_payload_the_window_writes_parses_as_its_record(ctx):
    r = submit_request(ctx, sole_proprietor_tolerated())
    submit_request(ctx, sign_notice())
    from clerk_app.services.case_actions import supplement

    supplement.record_supplement(ctx, r.number, LOCAL_CLERK, ["any:property_cert|lease_contract"])
    kinds = []
    for entry in outbox(ctx):
        record = parse_payload(entry.kind, entry.payload)
        assert record.to_json()["schema_version"] == RECORD_VERSION
        kinds.append(entry.kind)
    assert kinds == ["case", "notice", "case_material", "case_event"]


def test_a_case_and_a_notice_store_their_material_lines_the_same_way(ctx):
    case = cases.get_case(ctx, submit_request(ctx, sole_proprietor_tolerated()).number)
    notice = cases.get_notice(ctx, submit_request(ctx, sign_notice()).number)
    assert isinstance(case, CaseRecord) and isinstance(notice, NoticeRecord)
    assert type(case.materials[0]) is type(notice.materials[0])
    assert set(case.to_json()["materials"][0]) == set(notice.to_json()["materials"][0])
    assert [m.position for m in notice.materials] == list(range(len(notice.materials)))


def test_records_are_frozen(ctx):
    case = cases.get_case(ctx, submit_request(ctx, sole_proprietor_tolerated()).number)
    with pytest.raises(ValueError):
        case.status = "approved"  # type: ignore[misc]  # the point: it is refused


def test_version_1_payloads_upgrade_step_by_step():
    v1_case_line = {"id": "m", "position": 0, "key": "k", "name": "n", "form": "copy", "status": "copy",
                    "verdict": "ok", "detail": {"form_label": "复印件", "material_ids": ["a"], "key": "stray"}}
    up = upgrade("case", {"id": "c", "materials": [v1_case_line]})
    assert up["schema_version"] == RECORD_VERSION
    assert up["materials"][0]["form_label"] == "复印件" and up["materials"][0]["key"] == "k"  # the row wins
    assert "detail" not in up["materials"][0]
    notice = upgrade("notice", {"materials": [{"key": "a"}, {"key": "b"}]})
    assert [m["position"] for m in notice["materials"]] == [0, 1]
    with pytest.raises(RecordError, match="schema_version"):
        upgrade("case", {"schema_version": RECORD_VERSION + 1})


def test_a_version_2_case_names_the_one_case_application_it_was_given():
    up = upgrade("case", {"schema_version": 2, "id": "c", "case_no": "S310107010032611230007"})
    assert up["schema_version"] == 3 and up["application_no"] == "A310107010032611230007"
    assert upgrade("case", {"schema_version": 2, "case_no": 5})["application_no"] is None  # left to validation
    assert upgrade("case", {"schema_version": 3, "application_no": "A1"})["application_no"] == "A1"


def test_a_version_1_draft_saved_by_the_previous_release_still_resumes(ctx):
    v1 = {"channel": "counter", "received_at": None, "theme_id": None,
          "selections": [["000134011000", "default"]], "answers": {},
          "applicant": {"kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13800138000"},
          "agent": None, "provided": {"applicant_id": ["original", None, 1]},
          "delivery_method": "pickup", "delivery_address": "", "notice_no": None,
          "override_outcome": None, "override_reason": ""}
    with ctx.store.transaction() as s:
        s.add(Draft(id="d-old", clerk_id=LOCAL_CLERK.id, updated_at=ctx.clock(), summary="旧", data=copy.deepcopy(v1)))
    d = drafts.load(ctx, "d-old")
    assert d is not None and [(s.code, s.situation) for s in d.selections] == [("000134011000", "default")]
    assert d.provided["applicant_id"].status is MaterialStatus.ORIGINAL and d.provided["applicant_id"].copies == 1
    assert d.to_dict()["version"] == draft_mod.DRAFT_VERSION
    assert IntakeDraft.from_dict(d.to_dict()).to_dict() == d.to_dict()


def test_a_draft_from_a_newer_release_is_reported_not_guessed(ctx):
    with ctx.store.transaction() as s:
        s.add(Draft(id="d-new", clerk_id=LOCAL_CLERK.id, updated_at=ctx.clock(), summary="新",
                    data={"version": draft_mod.DRAFT_VERSION + 1}))
    with pytest.raises(drafts.DraftUnreadable):
        drafts.load(ctx, "d-new")
