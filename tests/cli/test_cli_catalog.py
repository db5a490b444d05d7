"""``clerk catalog check|list|schema``, the demo start-up state, and keeping the last good catalogue."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from store.samples import sign_accepted

from clerk_app import paths

FORMS = Path(__file__).resolve().parents[2] / "forms"


def test_check_the_demo_forms(clerk):
    r = clerk("catalog", "check", FORMS)
    assert r.code == 0
    assert r.out.startswith(f"OK: {FORMS}: 31 个事项, 14 个部门,") and "6 个一件事主题" in r.out


@pytest.fixture
def broken_copy(tmp_path) -> Path:
    d = tmp_path / "forms"
    shutil.copytree(FORMS, d)
    sign = d / "items" / "000162001000.toml"
    text = sign.read_text(encoding="utf-8")
    sign.write_text(text.replace('ref = "sign_design"', 'ref = "sign_desgin"', 1), encoding="utf-8")
    (d / "items" / "zz_bad.toml").write_text("[item\n", encoding="utf-8")
    return d


def test_check_a_broken_copy_lists_every_error_as_file_field_reason(clerk, broken_copy):
    r = clerk("catalog", "check", broken_copy)
    assert r.code == 1
    ref_error, syntax_error = r.out.strip().splitlines()
    assert ref_error == \
        "items/000162001000.toml: item.situations[0].materials[3].ref: 未知的材料标识 “sign_desgin”（材料库中没有）"
    assert syntax_error.startswith("items/zz_bad.toml: (file): ") and "line 1" in syntax_error
    assert f"2 处错误 ({broken_copy})" in r.err


def test_check_a_missing_folder(clerk, tmp_path):
    r = clerk("catalog", "check", tmp_path / "nope")
    assert r.code == 1 and "目录不存在" in r.out


def test_schema_is_json_schema_of_the_three_file_kinds(clerk):
    r = clerk("catalog", "schema")
    assert r.code == 0
    schema = r.json
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    titles = [s["title"].split()[0] for s in schema["oneOf"]]
    assert titles == ["MaterialsFile", "ItemFile", "ThemeFile"]
    item = schema["oneOf"][1]
    assert item["required"] == ["item"] and item["additionalProperties"] is False


def _refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                yield v
            else:
                yield from _refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _refs(v)


def test_every_schema_reference_resolves(clerk):
    schema = clerk("catalog", "schema").json
    unresolved = []
    for ref in set(_refs(schema)):
        node = schema
        for part in ref.removeprefix("#/").split("/"):
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            unresolved.append(ref)
    assert unresolved == []


def test_fresh_home_starts_with_the_demo_catalogue_and_centre(clerk, clerk_home):
    r = clerk("catalog", "list", "--json")
    assert r.code == 0
    cat = r.json
    assert len(cat["items"]) == 31 and len(cat["themes"]) == 6
    assert cat["status"] == {"source": "folder", "errors": []}
    assert (clerk_home / "catalog" / "items" / "000162001000.toml").exists()
    settings = clerk("settings", "show").json
    assert settings["centre"]["name"] == "上海市普陀区行政服务中心"
    assert settings["window_id"] == "31010701003"
    assert (clerk_home / "settings.toml").exists()


def test_a_broken_catalogue_in_the_home_keeps_the_last_good_version_and_says_why(clerk, write_json):
    good = clerk("catalog", "list", "--json").json
    version = clerk("case", "show", clerk("intake", "--json", write_json(sign_accepted())).json["case_no"],
                    "--json").json["catalogue_version"]
    sign = paths.catalog_dir() / "items" / "000162001000.toml"
    sign.write_text(sign.read_text(encoding="utf-8").replace("promised_limit_days = 5", "promised_limit_days = 50"),
                    encoding="utf-8")

    r = clerk("catalog", "list", "--json")
    assert r.code == 0
    now = r.json
    assert now["status"]["source"] == "last-good"
    assert now["status"]["errors"] == [
        "items/000162001000.toml: item.promised_limit_days: 承诺时限 50 个工作日不得长于法定时限 20 个工作日"]
    assert now["version"] == good["version"] == version
    assert now["items"]["000162001000"]["promised_limit_days"] == 5  # the good version is what runs

    out = clerk("intake", "--json", write_json(sign_accepted(), "again.json"))  # the window keeps working
    assert out.code == 0 and out.json["due_date"] == "2026-11-30"
    check = clerk("catalog", "check")  # and the admin sees what to fix in the window's own folder
    assert check.code == 1 and "items/000162001000.toml: item.promised_limit_days" in check.out


def test_a_broken_catalogue_without_any_good_version_is_a_clear_error(clerk):
    shutil.copytree(FORMS, paths.catalog_dir())
    (paths.catalog_dir() / "materials.toml").write_text("[[materials]\n", encoding="utf-8")
    r = clerk("catalog", "list", "--json")
    assert r.code == 1
    assert "事项目录无效，且没有可用的上一个有效版本" in r.err and "\nmaterials.toml: (file): " in r.err
    assert "Traceback" not in r.err


def test_catalogue_snapshot_is_plain_json(clerk, clerk_home):
    cat = clerk("catalog", "list", "--json").json
    snap = clerk_home / "catalog_versions" / f"{cat['version']}.json"
    assert json.loads(snap.read_text(encoding="utf-8"))["version"] == cat["version"]


def test_check_reports_the_rules_of_issue_10_as_file_field_reason(clerk):
    broken = Path(__file__).resolve().parents[1] / "fixtures" / "catalog_broken"
    r = clerk("catalog", "check", broken)
    assert r.code == 1
    lines = r.out.strip().splitlines()
    for expected in (
        "items/h_id_type_kind.toml: item.situations[0].id_types[0]: 统一社会信用代码不是本情形申请人（person）可持有的证件",
        "items/j_implementation_code.toml: item.implementation_code: 实施编码 11310107MB2F0417XA4000117001000 应以基本编码"
        " 100000000010 结尾",
        "items/l_result_delivery.toml: item.result.delivery: “无需送达”不能与其他送达方式同时选择",
        "items/n_acceptance_condition.toml: item.acceptance_conditions[0].situations[0]: 受理条件引用了未定义的情形 renew",
    ):
        assert expected in lines, "\n".join(lines)


def test_a_deleted_catalogue_folder_keeps_the_last_good_version_and_is_not_reseeded(clerk, clerk_home, write_json):
    """Once the data folder has run a catalogue, deleting catalog/ is an error, not a fresh demo start."""
    good = clerk("catalog", "list", "--json").json
    assert good["status"]["source"] == "folder"
    shutil.rmtree(clerk_home / "catalog")

    r = clerk("catalog", "list", "--json")
    assert r.code == 0
    assert r.json["status"]["source"] == "last-good" and r.json["version"] == good["version"]
    assert [e for e in r.json["status"]["errors"] if e.endswith("目录不存在")], r.json["status"]
    assert not (clerk_home / "catalog").exists()  # the demo was not copied in behind the admin's back

    out = clerk("intake", "--json", write_json(sign_accepted()))  # the window keeps working on the last good
    assert out.code == 0 and out.json["due_date"] == "2026-11-30"
    check = clerk("catalog", "check")  # and the admin is told, not shown the demo as OK
    assert check.code == 1 and "目录不存在" in check.out and "forms" not in check.out


def test_a_deleted_catalogue_folder_without_a_readable_last_good_is_a_clear_error(clerk, clerk_home):
    version = clerk("catalog", "list", "--json").json["version"]
    shutil.rmtree(clerk_home / "catalog")
    (clerk_home / "catalog_versions" / f"{version}.json").write_text("{", encoding="utf-8")
    r = clerk("catalog", "list", "--json")
    assert r.code == 1 and "事项目录无效，且没有可用的上一个有效版本" in r.err
    assert "目录不存在" in r.err and f"catalog_versions/{version}.json: (file): 上一个有效版本无法读取" in r.err
    assert "Traceback" not in r.err and not (clerk_home / "catalog").exists()
