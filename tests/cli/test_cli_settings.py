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


# -- every number finite, positive and bounded; every text by the text rules (probe findings) ----------

@pytest.mark.parametrize(("key", "value", "reason"), [
    ("sync.interval_seconds", "-1", "不能小于 1"),  # Event.wait(-1) returns at once: the worker would spin
    ("sync.interval_seconds", "0", "不能小于 1"),
    ("sync.interval_seconds", "nan", "应为数字"),  # not JSON: stays a text, which float() would have taken
    ("sync.interval_seconds", "NaN", "应为有限的数字"),
    ("sync.interval_seconds", "inf", "应为数字"),
    ("sync.interval_seconds", "Infinity", "应为有限的数字"),  # Event.wait(inf) raises OverflowError
    ("sync.interval_seconds", "1e999", "应为有限的数字"),
    ("sync.interval_seconds", "86400", "不能大于 3600"),
    ("sync.interval_seconds", "true", "应为数字"),
    ("offline.clock_max_skew_minutes", "1e308", "不能大于 60"),  # would switch the clock guard off
    ("offline.clock_max_skew_minutes", "0", "应大于 0"),
    ("offline.roster_max_age_days", "1e308", "不能大于 90"),
    ("offline.no_contact_banner_hours", "nan", "应为数字"),
    ("idle_lock_minutes", "Infinity", "应为有限的数字"),
    ("idle_lock_minutes", "true", "应为数字"),
    ("centre.supplement_days", "true", "应为整数"),  # a bool was stored as 1
    ("centre.supplement_days", "5.5", "应为整数"),
    ("centre.mail_max_age_days", "0", "不能小于 1"),
    ("ratings.followup_days", "false", "应为整数"),
    ("supervision.near_days", "-1", "不能小于 0"),
    ("centre.name", "   ", "请填写中心名称"),
    ("centre.name", "上海\x1b[2J中心", "控制字符 U+001B"),
    ("centre.name", "中" * 5000, "中心名称过长（最多 100 个字符，当前 5000 个）"),
    ("centre.court", "", "请填写行政诉讼管辖法院"),
    ("window.name", "三号\u2028窗口", "控制字符 U+2028"),
    ("wording.refusal_note", "x" * 1001, "文书用语过长"),
    ("devices.idcard_port", "/dev/tty\x00USB0", "控制字符 U+0000"),
    ("mailing.cost_bearer", "nobody", "应为以下之一：applicant、government"),
])
def test_invalid_values_are_refused_in_chinese_naming_the_setting(clerk, key, value, reason):
    before = paths.settings_path().read_bytes() if paths.settings_path().exists() else None
    r = clerk("settings", "set", key, value)
    assert r.code == 1
    assert r.err.startswith(f"clerk: {key}: ") and reason in r.err, r.err
    assert "Input should" not in r.err and "Value error" not in r.err
    after = paths.settings_path().read_bytes() if paths.settings_path().exists() else None
    assert after == before  # nothing written


def test_texts_are_trimmed_and_numbers_in_range_are_taken(clerk):
    assert clerk("settings", "set", "centre.name", "  上海市静安区行政服务中心  ").code == 0
    assert clerk("settings", "set", "sync.interval_seconds", "30").code == 0
    assert clerk("settings", "set", "offline.clock_max_skew_minutes", "2.5").code == 0
    assert clerk("settings", "set", "centre.supplement_days", "10").code == 0
    s = settings.load()
    assert s.centre.name == "上海市静安区行政服务中心"
    assert (s.sync.interval_seconds, s.offline.clock_max_skew_minutes, s.centre.supplement_days) == (30, 2.5, 10)
    assert type(s.centre.supplement_days) is int


def test_set_value_reads_a_typed_text_as_json_for_non_text_settings():
    s = settings.set_value(settings.Settings(), "offline.break_glass", '["1003"]')
    assert s.offline.break_glass == ["1003"]
    with pytest.raises(settings.SettingsError, match="offline.break_glass.0: 应急管理员工号含有不允许的控制字符"):
        settings.set_value(s, "offline.break_glass", '["10\\u001b03"]')


# -- a settings file edited by hand: the window starts on a safe value and says so ----------------------

BAD_BY_HAND = """\
idle_lock_minutes = -5.0

[centre]
name = "   "
supplement_days = true
court = "某某法院\\u001b"

[sync]
interval_seconds = nan

[offline]
clock_max_skew_minutes = 1e308
no_contact_banner_hours = inf
"""


def test_a_hand_edited_bad_value_falls_back_to_the_default_with_a_message(clerk_home):
    paths.settings_path().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_path().write_text(BAD_BY_HAND, encoding="utf-8")
    s = settings.load()
    default = settings.Settings()
    assert s.sync.interval_seconds == default.sync.interval_seconds == 5.0
    assert s.offline.clock_max_skew_minutes == 10.0 and s.offline.no_contact_banner_hours == 24.0
    assert s.centre.supplement_days == 5 and s.centre.name == default.centre.name
    assert s.centre.court == default.centre.court and s.idle_lock_minutes == 10.0
    problems = "\n".join(s.problems)
    for key in ("idle_lock_minutes", "centre.name", "centre.supplement_days", "centre.court", "sync.interval_seconds",
                "offline.clock_max_skew_minutes", "offline.no_contact_banner_hours"):
        assert f"{paths.settings_path()}: {key}: " in problems
    assert len(s.problems) == 7 and all("已暂用默认值" in p for p in s.problems)
    assert "sync.interval_seconds: 应为有限的数字（不能是 nan 或 inf）（当前为 nan）" in problems
    assert "centre.supplement_days: 应为整数（当前为 true）" in problems
    assert settings.load(paths.settings_path()).problems == s.problems  # the file itself is left as it is


def test_the_commands_still_work_on_a_hand_edited_file_and_tell_the_admin(clerk, clerk_home):
    assert clerk("case", "list", "--json").code == 0  # first start writes the demo settings
    paths.settings_path().write_text(BAD_BY_HAND, encoding="utf-8")
    r = clerk("case", "list", "--json")
    assert r.code == 0 and r.json == []
    assert "已暂用默认值" in r.err and "sync.interval_seconds" in r.err and "Traceback" not in r.err
    shown = clerk("settings", "show")
    assert shown.code == 0 and shown.json["sync"]["interval_seconds"] == 5.0 and "centre.name" in shown.err
    r = clerk("settings", "set", "sync.interval_seconds", "20")  # the way out: set it right
    assert r.code == 0
    s = settings.load()
    assert s.problems == [] and s.sync.interval_seconds == 20.0


def test_a_bad_window_number_still_stops_the_start_and_all_problems_are_listed(clerk, clerk_home):
    paths.settings_path().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_path().write_text('[window]\nnumber = "3"\n[sync]\ninterval_seconds = -1\n', encoding="utf-8")
    r = clerk("case", "list", "--json")
    assert r.code != 0 and "window.number: 窗口号须为3位数字" in r.err
    assert "sync.interval_seconds: 不能小于 1" in r.err and "已暂用默认值" not in r.err
