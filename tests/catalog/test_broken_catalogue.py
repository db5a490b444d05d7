"""A deliberately broken catalogue reports every error at once, each with file and field path."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerk_app.catalog.loader import CatalogInvalid, load_catalogue

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "catalog_broken"

# (file, field, a fragment of the reason)
EXPECTED = [
    ("materials.toml", "materials[3].name", "兜底表述"),
    ("items/b_dup_code.toml", "item.code", "与 items/a_ok.toml 重复"),
    ("items/c_unknown_material.toml", "item.situations[0].materials[1].ref", "未知的材料标识 “no_such_material”"),
    ("items/d_tolerate_too_long.toml", "item.situations[0].materials[1].tolerate_days", "容缺补齐期限 10 个工作日长于承诺时限 5 个工作日"),
    ("items/e_bad_syntax.toml", "", "TOML 语法错误"),
    ("items/f_promised_over_legal.toml", "item.promised_limit_days", "不得长于法定时限"),
    ("items/g_undefined_question.toml", "item.situations[0].when.op", "情形 change 引用了未定义的问题 op"),
    ("themes/unknown_item.toml", "theme.items[1]", "未知的事项编码 999999999999"),
    # issue 10: document types, codes, 办理项, 办理结果, 受理条件, materials after the decision
    ("items/h_id_type_kind.toml", "item.situations[0].id_types[0]", "统一社会信用代码不是本情形申请人（person）可持有的证件"),
    ("items/i_any_of_by_id_type.toml", "item.situations[0].materials[0].any_of_by_id_type.resident_id",
     "材料 application_form 不在本项 any_of 中"),
    ("items/j_implementation_code.toml", "item.implementation_code", "应以基本编码 100000000010 结尾"),
    ("items/k_handling_items.toml", "item.handling_items[1].situations[0]", "办理项引用了未定义的情形 renew"),
    ("items/l_result_delivery.toml", "item.result.delivery", "“无需送达”不能与其他送达方式同时选择"),
    ("items/m_result_material.toml", "item.result.material", "未知的材料标识 “no_such_licence”"),
    ("items/n_acceptance_condition.toml", "item.acceptance_conditions[0].situations[0]", "受理条件引用了未定义的情形 renew"),
    ("items/o_after_decision.toml", "item.situations[0].materials[0]", "须填写 after_decision_days"),
]


@pytest.fixture(scope="module")
def errors():
    with pytest.raises(CatalogInvalid) as exc:
        load_catalogue(BROKEN)
    return exc.value.errors


@pytest.mark.parametrize(("file", "field", "reason"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_each_expected_error_reported(errors, file, field, reason):
    hits = [e for e in errors if e.file == file and e.field == field and reason in e.reason]
    assert hits, f"missing {file}: {field}: …{reason}…\ngot:\n" + "\n".join(map(str, errors))
    assert str(hits[0]).startswith(f"{file}: {field or '(file)'}: ")


def test_every_broken_file_reported_at_once(errors):
    files = {e.file for e in errors}
    assert {f for f, _, _ in EXPECTED} <= files


def test_valid_theme_not_reported(errors):
    assert not [e for e in errors if e.file == "themes/ok_theme.toml"]


def test_str_of_invalid_lists_every_error():
    with pytest.raises(CatalogInvalid) as exc:
        load_catalogue(BROKEN)
    text = str(exc.value)
    for file, field, _ in EXPECTED:
        assert f"{file}: {field or '(file)'}: " in text


def test_no_spurious_errors_in_valid_files(errors):
    assert not [e for e in errors if e.file == "items/a_ok.toml"]
    assert len([e for e in errors if e.file == "items/c_unknown_material.toml"]) == 1


def test_cross_field_errors_point_at_the_field(errors):
    fields = {e.field for e in errors if e.file == "items/f_promised_over_legal.toml"}
    assert fields == {"item.promised_limit_days"}
