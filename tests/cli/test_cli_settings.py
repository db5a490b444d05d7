"""``clerk settings show|set``: values persist, bad values and broken files are refused by name."""

from __future__ import annotations

import pytest

from clerk_app import paths, settings


def test_set_centre_name_persists(clerk):
    r = clerk("settings", "set", "centre.name", "上海市静安区行政服务中心")
    assert r.code == 0 and "已设置 centre.name" in r.out
    assert settings.load().centre.name == "上海市静安区行政服务中心"  # read back from the file
    assert clerk("settings", "show").json["centre"]["name"] == "上海市静安区行政服务中心"


def test_window_number_changes_the_window_id_and_the_next_case_number(clerk, write_json):
    from store.samples import sign_accepted

    assert clerk("settings", "set", "window.number", "007").code == 0
    assert clerk("settings", "show").json["window_id"] == "31010701007"
    assert clerk("intake", "--json", write_json(sign_accepted())).json["case_no"].startswith("S31010701007")


def test_numbers_and_booleans_are_parsed_for_numeric_settings(clerk):
    assert clerk("settings", "set", "idle_lock_minutes", "5").code == 0
    assert settings.load().idle_lock_minutes == 5.0


@pytest.mark.parametrize(("key", "value", "field"), [
    ("window.number", "12", "window.number"),
    ("window.number", "abc", "window.number"),
    ("centre.region_code", "31010", "centre.region_code"),
    ("centre.progress_url", "https://example.org/", "centre.progress_url"),
    ("idle_lock_minutes", "-1", "idle_lock_minutes"),
])
def test_bad_values_are_refused_naming_the_field_and_nothing_changes(clerk, key, value, field):
    before = clerk("settings", "show").json
    r = clerk("settings", "set", key, value)
    assert r.code == 1 and r.err.startswith(f"clerk: {field}: ")
    after = clerk("settings", "show").json
    assert after == before


def test_unknown_setting_is_refused(clerk):
    r = clerk("settings", "set", "centre.colour", "red")
    assert r.code == 1 and "未知的设置项：centre.colour" in r.err


def test_a_window_number_that_looks_like_a_number_is_taken_as_text(clerk):
    assert clerk("settings", "set", "window.number", "123").code == 0
    r = clerk("settings", "set", "window.number", "12")
    assert "窗口号须为3位数字" in r.err


def test_a_broken_settings_file_gives_a_clear_error_naming_the_file(clerk):
    paths.settings_path().write_text("[centre\nname = 1\n", encoding="utf-8")
    for args in (("settings", "show"), ("case", "list", "--json")):
        r = clerk(*args)
        assert r.code != 0
        assert str(paths.settings_path()) in r.err and "Traceback" not in r.err


def test_a_settings_file_with_a_wrong_value_names_file_and_field(clerk):
    paths.settings_path().write_text('[window]\nnumber = "3"\n', encoding="utf-8")
    r = clerk("settings", "show")
    assert r.code != 0 and f"{paths.settings_path()}: window.number: " in r.err
