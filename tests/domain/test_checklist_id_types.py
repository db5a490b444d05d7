"""The catalogue restricts items and situations to document types; 任选其一 slots depend on them."""

from __future__ import annotations

import pytest

from clerk_app.domain.catalog import item_problems
from clerk_app.domain.checklist import ChecklistError, Selection, build_checklist

from .builders import catalogue, item, req, situation

ID_SLOT = req(any_of=["applicant_id", "social_security_card", "hmt_residence_permit", "hk_mo_permit"],
              slot_name="身份证明（任选其一）",
              any_of_by_id_type={"resident_id": ["applicant_id", "social_security_card"],
                                 "hmt_residence": ["hmt_residence_permit", "hk_mo_permit"]})


def _lines(cat, code, id_type, kind="person"):
    return build_checklist(cat, [Selection(code, "main")], kind, False, {}, id_type)


def test_any_of_slot_offers_the_materials_of_the_applicants_document():
    cat = catalogue(item("A1000000", situation("main", req("form_a"), ID_SLOT)))
    slot = {ln.key: ln for ln in _lines(cat, "A1000000", "resident_id")}[ID_SLOT.key]
    assert slot.material_ids == ["applicant_id", "social_security_card"]
    slot = {ln.key: ln for ln in _lines(cat, "A1000000", "hmt_residence")}[ID_SLOT.key]
    assert slot.material_ids == ["hmt_residence_permit", "hk_mo_permit"]
    slot = {ln.key: ln for ln in _lines(cat, "A1000000", "passport")}[ID_SLOT.key]  # not listed: every option
    assert len(slot.material_ids) == 4
    slot = {ln.key: ln for ln in _lines(cat, "A1000000", None)}[ID_SLOT.key]  # unknown yet: every option
    assert len(slot.material_ids) == 4


def test_items_and_situations_restricted_to_some_documents():
    cat = catalogue(item("A1000000", situation("main", req("form_a"), id_types=["resident_id", "hmt_residence"])),
                    item("B2000000", situation("main", req("form_b")), id_types=["resident_id"]))
    assert _lines(cat, "A1000000", "hmt_residence")
    with pytest.raises(ChecklistError, match="不受理持护照的申请人"):
        _lines(cat, "A1000000", "passport")
    with pytest.raises(ChecklistError, match="事项“事项B2000000”不受理持港澳台居民居住证的申请人（限：居民身份证）"):
        _lines(cat, "B2000000", "hmt_residence")


def test_condition_on_document_type_is_machine_decided():
    notarised = req("hk_notarised_poa", required=False, condition={"id_types": ["hmt_residence", "hk_mo_permit"]})
    cat = catalogue(item("A1000000", situation("main", req("form_a"), notarised)))
    assert [ln.key for ln in _lines(cat, "A1000000", "resident_id")] == ["form_a"]
    lines = _lines(cat, "A1000000", "hk_mo_permit")
    assert [ln.key for ln in lines] == ["form_a", "hk_notarised_poa"] and lines[1].required


@pytest.mark.parametrize(("it", "field", "reason"), [
    (item("C1000000", situation("main", req(any_of=["a", "b"], any_of_by_id_type={"resident_id": ["a", "z"]}))),
     "situations[0].materials[0].any_of_by_id_type.resident_id", "材料 z 不在本项 any_of 中"),
    (item("C2000000", situation("main", req(any_of=["a", "b"], any_of_by_id_type={"uscc": ["a"]}),
                          applicant_kinds=["person"])),
     "situations[0].materials[0].any_of_by_id_type.uscc", "统一社会信用代码不是本情形申请人可持有的证件"),
    (item("C3000000", situation("main", req("a"), id_types=["passport"]), id_types=["resident_id"]),
     "situations[0].id_types[0]", "证件类型 passport（护照）不在事项的 id_types 中"),
    (item("C4000000", situation("main", req("a"), id_types=["uscc"], applicant_kinds=["person"])),
     "situations[0].id_types[0]", "统一社会信用代码不是本情形申请人（person）可持有的证件"),
    (item("C5000000", situation("main", req(any_of=["a", "b"], any_of_by_id_type={"passport": ["a"]}),
                          id_types=["resident_id"])),
     "situations[0].materials[0].any_of_by_id_type.passport", "本情形不受理持护照的申请人，此处细分无效"),
])
def test_catalogue_rules_on_document_types(it, field, reason):
    assert (field, reason) in item_problems(it)


def test_a_slot_narrowed_to_one_material_is_keyed_by_that_material_in_a_request():
    from datetime import datetime

    from clerk_app.domain.calendar import WorkCalendar
    from clerk_app.intake.request import flow_from_json

    slot = req(any_of=["applicant_id", "hmt_residence_permit"], slot_name="身份证明",
               any_of_by_id_type={"hmt_residence": ["hmt_residence_permit"]})
    cat = catalogue(item("D1000000", situation("main", req("form_a"), slot)))
    hk = {"kind": "person", "id_type": "hmt_residence", "name": "陈大文", "id_number": "810000199408230021",
          "phone": "13812345678"}
    now = datetime(2026, 11, 23, 10)
    flow, errors = flow_from_json({"items": [{"code": "D1000000"}], "applicant": hk,
                                   "materials": {"form_a": "original", "hmt_residence_permit": "original"}},
                                  cat, WorkCalendar.of([], [], [2026]), now)
    assert errors == [] and flow.decision(now).outcome.value == "accepted"
    _, errors = flow_from_json({"items": [{"code": "D1000000"}], "applicant": hk,
                                "materials": {"form_a": "original", "applicant_id": "original"}},
                               cat, WorkCalendar.of([], [], [2026]), now)
    assert [e.field for e in errors] == ["materials.applicant_id"]  # not an option for a 居住证 holder
