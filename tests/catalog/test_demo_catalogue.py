"""The shipped demo catalogue in forms/ loads and covers every shape a real 办事指南 has."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clerk_app.catalog.loader import CatalogInvalid, load_catalogue
from clerk_app.domain import catalog as schema
from clerk_app.domain.catalog import CATCH_ALL_NAMES, Form, HandlingKind, ItemType
from clerk_app.domain.identity import IdType

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "forms"


@pytest.fixture(scope="module")
def cat():
    return load_catalogue(FORMS)


def _reqs(cat):
    for item in cat.items.values():
        for sit in item.situations:
            for req in sit.materials:
                yield item, sit, req


def test_loads_with_enough_items_departments_themes(cat):
    assert len(cat.items) >= 24
    assert len({i.department for i in cat.items.values()}) >= 9
    assert len(cat.themes) >= 3
    assert not (FORMS / "items" / "sample.toml").exists()


def test_required_departments_present(cat):
    depts = {i.department for i in cat.items.values()}
    for d in ["区市场监管局", "区卫生健康委", "区规划资源局", "区住房建设管理委", "区人社局",
              "区民政局", "区文化旅游局", "区交通委", "区公安分局"]:
        assert d in depts, d


def test_file_name_is_item_code():
    import tomllib

    from clerk_app.domain.catalog import ItemFile

    for path in (FORMS / "items").glob("*.toml"):
        item = ItemFile.model_validate(tomllib.loads(path.read_text("utf-8"))).item
        assert path.stem == item.code, path.name


def test_item_types_and_kinds(cat):
    types = {i.item_type for i in cat.items.values()}
    assert {ItemType.LICENSING, ItemType.CONFIRMATION, ItemType.PAYMENT,
            ItemType.PUBLIC_SERVICE, ItemType.OTHER_POWER} <= types
    kinds = [i.kind for i in cat.items.values()]
    assert HandlingKind.IMMEDIATE in kinds and HandlingKind.PROMISED in kinds
    # an immediate item whose legal limit is still 20 working days
    assert any(i.kind is HandlingKind.IMMEDIATE and i.legal_limit_days == 20 for i in cat.items.values())
    # promised items: promised strictly shorter than legal
    for i in cat.items.values():
        if i.kind is HandlingKind.PROMISED:
            assert 0 < i.promised_limit_days < i.legal_limit_days, i.code


def test_item_attributes_spread(cat):
    items = list(cat.items.values())
    assert sum(i.accept_on_receipt for i in items) > len(items) / 2
    assert sum(i.chief_rep_decides for i in items) >= 3
    assert 1 <= sum(bool(i.fees) for i in items) < len(items) / 2
    assert sum(1 for i in items if i.channel_limits.online is not None) >= 3
    assert sum(1 for i in items if i.implementation_code and i.handling_code) >= 3
    for i in items:
        assert i.legal_basis, i.code
        assert i.keywords, i.code
        assert "/" in i.group, i.code
        for lim in (i.channel_limits.window, i.channel_limits.online, i.channel_limits.mail):
            assert lim is None or lim <= i.legal_limit_days, i.code


def test_situations_picked_by_questions(cat):
    multi = [i for i in cat.items.values() if len(i.situations) > 1]
    assert len(multi) >= 10
    for i in multi:
        for s in i.situations:
            assert s.when, (i.code, s.id)
            # each situation's answers pick that very situation
            assert i.pick_situation(dict(s.when)) is s
    food = cat.item("000117007000")
    assert {s.id for s in food.situations} == {"new", "change", "renew", "cancel"}
    assert any(s.applicant_kinds != ["person", "company"] for i in cat.items.values() for s in i.situations)


def test_material_shapes(cat):
    reqs = list(_reqs(cat))
    assert any(r.any_of and r.slot_name for _, _, r in reqs)
    forms = {r.form for _, _, r in reqs}
    assert forms == set(Form)
    assert any(r.copies > 1 for _, _, r in reqs)
    assert any(r.e_license for _, _, r in reqs)
    assert any(r.commitment for _, _, r in reqs)
    assert any(r.commitment_after_decision for _, _, r in reqs)
    assert len({i.code for i, _, r in reqs if r.tolerate}) >= 5
    conds = [r.condition for _, _, r in reqs if r.condition]
    assert any(c.answers for c in conds)
    assert any(c.applicant_kind == "company" for c in conds)
    assert any(c.has_agent for c in conds)
    assert all(c.text for c in conds)
    assert sum(bool(r.review_points) for _, _, r in reqs) > len(reqs) / 3


def test_agent_materials_only_with_agent(cat):
    for item, sit, r in _reqs(cat):
        if r.ref in ("power_of_attorney", "agent_id"):
            assert not r.required and r.condition and r.condition.has_agent is True, (item.code, sit.id)


def test_materials_precise_and_consistent(cat):
    used = set()
    for item, sit, r in _reqs(cat):
        used.update(r.material_ids)
        mats = [cat.materials[m] for m in r.material_ids]
        if r.e_license:
            assert all(m.e_license_type for m in mats), (item.code, sit.id, r.key)
        if r.commitment:
            assert all(m.commitment_text for m in mats), (item.code, sit.id, r.key)
        if r.tolerate:
            assert r.tolerate_days <= max(item.promised_limit_days, 1), (item.code, r.key)
    assert used == set(cat.materials), "unused materials in materials.toml"
    for m in cat.materials.values():
        assert m.name.strip() not in CATCH_ALL_NAMES
        assert "其他" not in m.name and "有关材料" not in m.name, m.name
        assert m.standard, m.id
    assert sum(1 for m in cat.materials.values() if m.standard) >= len(cat.materials) * 0.9


def test_themes_share_materials(cat):
    for t in cat.themes.values():
        assert all(code in cat.items for code in t.items)
        per_item = [
            {m for s in cat.items[c].situations for r in s.materials for m in r.material_ids}
            for c in t.items
        ]
        if len(per_item) == 1:
            continue  # a theme may wrap a single item (issue 10): nothing to merge
        shared = set.intersection(*per_item[:2])
        assert shared, f"theme {t.id}: its first two items share no material, the merge would not matter"
    names = {t.name for t in cat.themes.values()}
    assert "我要开餐饮店" in names


def test_readme_documents_every_field():
    text = (FORMS / "README.md").read_text("utf-8")
    models = [schema.Material, schema.Fee, schema.ChannelLimits, schema.Option, schema.Question,
              schema.Condition, schema.MaterialRequirement, schema.Situation, schema.Item, schema.Theme,
              schema.Result, schema.AcceptanceCondition, schema.HandlingItem]
    missing = [f"{m.__name__}.{f}" for m in models for f in m.model_fields if f"`{f}`" not in text]
    assert not missing, missing
    for v in [*(f.value for f in Form), *(k.value for k in HandlingKind), *(t.value for t in ItemType),
              *(k.value for k in schema.ResultKind), *(d.value for d in schema.Delivery),
              *(t.value for t in IdType)]:
        assert v in text, v
    assert "clerk catalog check forms/" in text and "clerk catalog schema" in text


def test_one_mistake_in_a_copy_gives_exactly_that_error(tmp_path):
    """Guard against the demo loading by accident: break one file of a copy and expect one error."""
    dst = tmp_path / "forms"
    shutil.copytree(FORMS, dst)
    p = dst / "items" / "000152001000.toml"  # in no theme, so no cascade
    p.write_text(p.read_text("utf-8").replace("promised_limit_days = 3", "promised_limit_days = 9"), "utf-8")
    with pytest.raises(CatalogInvalid) as exc:
        load_catalogue(dst)
    assert [str(e) for e in exc.value.errors] == [
        "items/000152001000.toml: item.promised_limit_days: 承诺时限 9 个工作日不得长于法定时限 7 个工作日"
    ]


def test_demo_uses_the_fields_of_real_guides(cat):
    """Issue 10: 受理条件 on at least 5 items, 办理结果 on every item, an item with several 办理项,
    a theme of a single item, a 任选其一 slot that depends on the applicant's document."""
    assert sum(1 for i in cat.items.values() if i.acceptance_conditions) >= 5
    assert all(i.result is not None for i in cat.items.values())
    assert any(i.result.kind is schema.ResultKind.REGISTRATION and not i.result.needs_delivery
               for i in cat.items.values())
    several = [i for i in cat.items.values() if len(i.handling_items) >= 2]
    assert several and several[0].handling_code_for("change").endswith("002")
    assert any(len(t.items) == 1 for t in cat.themes.values())
    assert any(r.any_of_by_id_type for _, _, r in _reqs(cat))
    assert all(r.after_decision_days for _, _, r in _reqs(cat) if r.commitment_after_decision)


def test_a_snapshot_saved_before_the_new_fields_still_loads(cat):
    """The last-good snapshot of a window in use predates after_decision_days, results, id types…"""
    import json

    data = json.loads(cat.model_dump_json())
    for item in data["items"].values():
        for key in ("result", "acceptance_conditions", "handling_items", "id_types"):
            item.pop(key)
        for sit in item["situations"]:
            sit.pop("id_types")
            for m in sit["materials"]:
                m.pop("after_decision_days")
                m.pop("any_of_by_id_type")
    for m in data["materials"].values():
        m.pop("identity_of")
    old = schema.Catalogue.model_validate_json(json.dumps(data))
    assert any(r.commitment_after_decision for _, _, r in _reqs(old))


def test_a_bad_court_or_review_organ_is_named_by_file_and_field(tmp_path):
    """The 复议机关 and court printed on a 不予受理通知书 come from the item when it names them."""
    dst = tmp_path / "forms"
    shutil.copytree(FORMS, dst)
    p = dst / "items" / "000152001000.toml"
    p.write_text(p.read_text("utf-8").replace("[item]\n", "[item]\ncourt = \"普陀区政府\"\nreview_organ = \"区府\"\n", 1),
                 "utf-8")
    with pytest.raises(CatalogInvalid) as exc:
        load_catalogue(dst)
    errors = sorted(str(e) for e in exc.value.errors)
    assert errors == [
        "items/000152001000.toml: item.court: 管辖法院须写法院全称（以“法院”结尾），“普陀区政府”不是",
        "items/000152001000.toml: item.review_organ: 行政复议机关须写全称（如“上海市普陀区人民政府”），“区府”过短",
    ]
    p.write_text(p.read_text("utf-8").replace("普陀区政府", "上海市普陀区人民法院").replace("\"区府\"", "\"上海市普陀区人民政府\""),
                 "utf-8")
    item = load_catalogue(dst).items["000152001000"]
    assert (item.court, item.review_organ) == ("上海市普陀区人民法院", "上海市普陀区人民政府")
