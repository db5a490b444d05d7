"""Which materials the clerk must check: conditions, 任选其一, and one merged list for a 一件事 theme."""

from __future__ import annotations

import pytest

from clerk_app.domain.catalog import Form
from clerk_app.domain.checklist import ChecklistError, Selection, build_checklist

from .builders import catalogue, item, question, req, situation


def keys(lines) -> list[str]:
    return [ln.key for ln in lines]


def by_key(lines):
    return {ln.key: ln for ln in lines}


# -- conditional materials ---------------------------------------------------------------------------

COND = item(
    "100001",
    situation("main",
              req("form"),
              req("poa", required=False, condition={"has_agent": True, "text": "委托代办时"}),
              req("rep_id", required=False, condition={"applicant_kind": "company", "text": "单位申请时"}),
              req("health", required=False, condition={"answers": {"catering": "yes"}, "text": "餐饮"}),
              req("site", required=False, condition={"text": "变更场所时提交"}),
              req("both", required=False, condition={"applicant_kind": "company", "has_agent": True})),
    questions=[question("catering", "yes", "no")],
)
CAT = catalogue(COND)


def build(kind="person", agent=False, answers=None):
    return build_checklist(CAT, [Selection("100001", "main")], kind, agent, {"100001": answers or {}})


def test_person_without_agent_gets_only_what_applies_plus_clerk_judged_lines():
    lines = build("person", False, {"catering": "no"})
    assert keys(lines) == ["form", "site"]
    site = by_key(lines)["site"]
    assert site.required is False and site.condition_text == "变更场所时提交"  # the clerk decides


def test_each_machine_decidable_condition_switches_its_material_on_as_required():
    lines = by_key(build("company", True, {"catering": "yes"}))
    assert set(lines) == {"form", "poa", "rep_id", "health", "site", "both"}
    for k in ("poa", "rep_id", "health", "both"):
        assert lines[k].required, k
    assert lines["poa"].condition_text == "委托代办时"


@pytest.mark.parametrize(("kind", "agent", "expected"), [
    ("person", True, {"poa"}),
    ("company", False, {"rep_id"}),
    ("company", True, {"rep_id", "poa", "both"}),
])
def test_all_keys_of_a_condition_must_match(kind, agent, expected):
    got = set(keys(build(kind, agent, {"catering": "no"}))) - {"form", "site"}
    assert got == expected


def test_unanswered_question_leaves_the_answer_conditional_material_out():
    assert "health" not in keys(build("person", False, {}))


def test_situation_is_picked_by_answers_most_specific_first():
    it = item("100002",
              situation("any", req("a")),
              situation("new", req("b"), when={"op": "new"}),
              situation("new_food", req("c"), when={"op": "new", "food": "yes"}),
              questions=[question("op", "new", "change"), question("food", "yes", "no")])
    cat = catalogue(it)
    assert keys(build_checklist(cat, [Selection("100002", "")], "person", False,
                                {"100002": {"op": "new", "food": "yes"}})) == ["c"]
    assert keys(build_checklist(cat, [Selection("100002", "")], "person", False,
                                {"100002": {"op": "new", "food": "no"}})) == ["b"]
    assert keys(build_checklist(cat, [Selection("100002", "")], "person", False,
                                {"100002": {"op": "change"}})) == ["a"]


def test_unknown_item_situation_or_applicant_kind_is_a_clear_error():
    only_company = item("100003", situation("main", req("a"), applicant_kinds=["company"]))
    cat = catalogue(only_company, COND)
    with pytest.raises(ChecklistError, match="未知的事项编码 999999"):
        build_checklist(cat, [Selection("999999", "main")], "person", False)
    with pytest.raises(ChecklistError, match="没有情形 nope"):
        build_checklist(cat, [Selection("100001", "nope")], "person", False)
    with pytest.raises(ChecklistError, match="不适用于个人申请人"):
        build_checklist(cat, [Selection("100003", "main")], "person", False)


# -- 任选其一 ----------------------------------------------------------------------------------------

def test_any_of_is_one_line_naming_every_choice():
    it = item("100004", situation("main", req(any_of=["deed", "lease"], form="copy")))
    (line,) = build_checklist(catalogue(it), [Selection("100004", "main")], "person", False)
    assert line.key == "any:deed|lease"
    assert line.is_choice and line.material_ids == ["deed", "lease"]
    assert line.name == "材料deed／材料lease（任选其一）"
    assert line.standard == "deed的标准；lease的标准"


def test_any_of_uses_the_slot_name_when_given():
    it = item("100005", situation("main", req(any_of=["deed", "lease"], slot_name="场所证明（任选其一）")))
    (line,) = build_checklist(catalogue(it), [Selection("100005", "main")], "person", False)
    assert line.name == "场所证明（任选其一）"


# -- theme merging -------------------------------------------------------------------------------

A = item("200001", situation("main",
                             req("id", form="copy", copies=1, e_license=True, commitment=True, tolerate=True,
                                 tolerate_days=3, review_points=["在有效期内"]),
                             req("licence", form="original_or_copy", e_license=True),
                             req(any_of=["deed", "lease"], form="copy", tolerate=True, tolerate_days=2),
                             req("only_a")))
B = item("200002", situation("main",
                             req("id", form="original", copies=2, e_license=True, commitment=False, tolerate=True,
                                 tolerate_days=5, review_points=["在有效期内", "与申请人一致"]),
                             req("licence", form="copy", e_license=False),
                             req(any_of=["deed", "lease"], form="copy", tolerate=True, tolerate_days=4),
                             req("only_b")))
C = item("200003", situation("main", req("id", form="original_and_copy", tolerate=False), req("only_c")))
THEMED = catalogue(A, B, C)


def merged(*codes):
    return build_checklist(THEMED, [Selection(c, "main") for c in codes], "person", False)


def test_shared_material_appears_once_in_first_seen_order():
    assert keys(merged("200001", "200002")) == ["id", "licence", "any:deed|lease", "only_a", "only_b"]


def test_shared_material_takes_strictest_form_and_most_copies():
    lines = by_key(merged("200001", "200002"))
    assert lines["id"].form is Form.ORIGINAL and lines["id"].copies == 2
    assert lines["licence"].form is Form.COPY
    assert by_key(merged("200001", "200002", "200003"))["id"].form is Form.ORIGINAL_AND_COPY
    assert by_key(merged("200003", "200001"))["id"].form is Form.ORIGINAL_AND_COPY  # order does not matter


def test_alternatives_survive_only_where_every_item_allows_them():
    lines = by_key(merged("200001", "200002"))
    assert lines["id"].e_license is True  # both allow
    assert lines["id"].commitment is False  # B does not
    assert lines["licence"].e_license is False  # B does not
    assert lines["id"].tolerate is True and lines["id"].tolerate_days == 3  # the shorter period
    assert lines["any:deed|lease"].tolerate_days == 2
    three = by_key(merged("200001", "200002", "200003"))
    assert three["id"].tolerate is False and three["id"].tolerate_days is None


def test_merged_line_remembers_its_items_and_all_review_points():
    line = by_key(merged("200001", "200002"))["id"]
    assert line.items == ["200001", "200002"]
    assert line.review_points == ["在有效期内", "与申请人一致"]


# -- the demo catalogue --------------------------------------------------------------------------------

def test_demo_food_licence_catering_and_agent(demo):
    sel = [Selection("000117007000", "new")]
    plain = by_key(build_checklist(demo, sel, "company", False, {"000117007000": {"op": "new", "catering": "no"}}))
    assert "food_safety_manager" not in plain and "health_certificates" not in plain
    assert "legal_rep_id" in plain and "applicant_id" not in plain
    full = by_key(build_checklist(demo, sel, "person", True, {"000117007000": {"op": "new", "catering": "yes"}}))
    assert {"food_safety_manager", "health_certificates", "power_of_attorney", "agent_id", "applicant_id"} <= set(full)
    assert "legal_rep_id" not in full
    assert full["food_safety_manager"].commitment and full["food_safety_manager"].tolerate


def test_demo_restaurant_theme_merges_shared_materials(demo):
    codes = demo.themes["open_restaurant"].items
    answers = {"000117001000": {"op": "new"}, "000117007000": {"op": "new", "catering": "yes"},
               "000120019000": {"op": "new"}}
    sel = [Selection(c, demo.items[c].pick_situation(answers.get(c, {})).id) for c in codes]
    lines = build_checklist(demo, sel, "person", False, answers)
    ks = keys(lines)
    assert len(ks) == len(set(ks))
    got = by_key(lines)
    place = got["any:property_cert|lease_contract"]
    assert set(place.items) == {"000117001000", "000120019000", "000162001000"}
    assert place.tolerate is False  # 个体工商户登记 tolerates it, 公共场所卫生许可 does not
    health = got["health_certificates"]  # 食品经营: tolerate; 卫生许可: commitment → neither survives
    assert set(health.items) == {"000117007000", "000120019000"}
    assert health.required and not health.tolerate and not health.commitment
    assert got["business_license"].items == ["000117007000", "000120019000", "000162001000"]


def test_demo_newborn_theme_takes_the_strictest_birth_certificate_form(demo):
    codes = demo.themes["newborn"].items
    answers = {"000134031000": {"age": "minor"}}
    sel = [Selection(c, demo.items[c].pick_situation(answers.get(c, {})).id) for c in codes]
    got = by_key(build_checklist(demo, sel, "person", False, answers))
    birth = got["birth_medical_cert"]
    assert birth.form is Form.ORIGINAL_AND_COPY  # 出生登记 asks original+copy, the others a copy
    assert birth.required and birth.e_license
    assert got["applicant_id"].copies == 2
