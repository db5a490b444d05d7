"""``clerk intake --json FILE``: each outcome, mail intake, and bad input that writes nothing."""

from __future__ import annotations

import json

import pytest
from store.samples import PERSON, sign_accepted, sign_notice, social_org_received, sole_proprietor_tolerated


def nothing_written(clerk) -> None:
    assert clerk("case", "list", "--json").json == []
    assert clerk("case", "list", "--notices", "--json").json == []
    verify = clerk("audit", "verify")
    assert verify.code == 0 and "共 0 条" in verify.out


def test_accepted(clerk, write_json):
    r = clerk("intake", "--json", write_json(sign_accepted()))
    assert r.code == 0, r.err
    assert r.json == {"case_no": "S310107010032611230001", "outcome": "accepted", "rules_outcome": "accepted",
                      "due_date": "2026-11-30", "supplement_due": None, "missing": [], "warnings": [],
                      "application_no": "A310107010032611230001",
                      "cases": [{"case_no": "S310107010032611230001", "item": "000162001000",
                                 "item_name": "户外招牌设置", "department": "区城管执法局", "outcome": "accepted",
                                 "rules_outcome": "accepted", "due_date": "2026-11-30", "supplement_due": None}]}


def test_accepted_tolerated_names_what_to_bring_and_by_when(clerk, write_json):
    out = clerk("intake", "--json", write_json(sole_proprietor_tolerated())).json
    assert out["outcome"] == "accepted_tolerated"
    assert out["supplement_due"] == "2026-11-26" and out["due_date"] == "2026-11-26"
    assert [(m["name"], m["verdict"]) for m in out["missing"]] == [("经营场所使用证明（任选其一）", "tolerated")]


def test_received(clerk, write_json):
    out = clerk("intake", "--json", write_json(social_org_received())).json
    assert (out["outcome"], out["due_date"]) == ("received", "2026-12-21")


def test_notice_lists_every_missing_material_by_name(clerk, write_json):
    r = clerk("intake", "--json", write_json(sign_notice()))
    assert r.code == 0
    out = r.json
    assert out["case_no"].startswith("N") and out["outcome"] == "notice" and out["due_date"] is None
    assert [(m["name"], m["problem"]) for m in out["missing"]] == [
        ("户外招牌设置申请表", "未提交"), ("户外招牌设计效果图及安装结构图", "须提交原件，仅有复印件")]
    assert clerk("case", "list", "--json").json == []  # a notice opens no case


def test_request_from_standard_input(clerk):
    r = clerk("intake", "--json", "-", stdin=json.dumps(sign_accepted()))
    assert r.code == 0 and r.json["outcome"] == "accepted"


def test_mail_intake_uses_the_letter_arrival_time(clerk, write_json):
    r = clerk("intake", "--json", write_json(sign_accepted(channel="mail", received_at="2026-11-20T15:30:00")))
    assert r.code == 0, r.err
    assert r.json["case_no"] == "S310107010032611200001" and r.json["due_date"] == "2026-11-27"
    case = clerk("case", "show", r.json["case_no"], "--json").json
    assert case["channel"] == "mail" and case["received_at"] == "2026-11-20T15:30:00"


@pytest.mark.parametrize(("extra", "message"), [
    ({"channel": "mail", "received_at": "2026-11-24T09:00:00"}, "received_at: 收到信函的时间不能晚于现在"),
    ({"channel": "mail"}, "received_at: 信函申请须填写收到信函的时间"),
    ({"received_at": "2026-11-20T09:00:00"}, "received_at: 仅信函申请（channel = mail）可填写收到时间"),
])
def test_mail_time_problems_exit_2_and_write_nothing(clerk, write_json, extra, message):
    path = write_json(sign_accepted(**extra))
    r = clerk("intake", "--json", path)
    assert r.code == 2
    assert f"{path}: {message}" in r.err
    assert "未保存任何内容" in r.err
    nothing_written(clerk)


def test_bad_request_lists_every_problem_and_writes_nothing(clerk, write_json):
    data = {
        "items": [{"code": "000117007000", "answers": {"op": "new", "catering": "yes"}}],
        "applicant": {"kind": "person", "name": " ", "id_number": "110105194912310021", "phone": "12345"},
        "agent": {"kind": "person", "name": "李四", "id_number": "1101051949", "phone": "13812345678"},
        "materials": {"food_license_application": "original", "passport": "copy", "no_such_thing": "copy"},
        "delivery": {"method": "mail", "address": "上海"},
    }
    path = write_json(data)
    r = clerk("intake", "--json", path)
    assert r.code == 2 and r.out == ""
    *problems, summary = r.err.strip().splitlines()
    assert summary == "7 处问题，未保存任何内容"
    assert sorted(problems) == sorted(f"{path}: {p}" for p in [
        "applicant.name: 请填写申请人姓名",
        "applicant.id_number: 申请人身份证号码校验位不正确，请核对最后一位",
        "applicant.phone: 申请人手机号码应为以1开头的11位数字",
        "agent.id_number: 代办人身份证号码应为18位，当前为10位",
        "delivery.address: 选择邮寄送达时须填写完整的邮寄地址",
        "materials.passport: “护照”不在本次办理的材料清单中",
        "materials.no_such_thing: 未知的材料标识",
    ])
    nothing_written(clerk)


def test_a_malformed_part_does_not_hide_the_other_problems(clerk, write_json):
    data = {"items": [{"code": "999999"}, {"code": "000162001000", "situation": "nope"}],
            "applicant": {"kind": "alien", "name": "张三", "id_number": "x", "phone": "1"},
            "materials": {"sign_application": "originall"}, "colour": "red"}
    path = write_json(data)
    r = clerk("intake", "--json", path)
    assert r.code == 2
    fields = [ln.removeprefix(f"{path}: ").split(":")[0] for ln in r.err.strip().splitlines()[:-1]]
    assert fields == ["materials.sign_application", "colour", "items[0].code", "items[1].situation",
                      "applicant.kind"]
    assert "取值无效" in r.err and "不认识的字段" in r.err and "未知的事项编码 999999" in r.err
    nothing_written(clerk)


def test_missing_applicant_is_reported_by_field(clerk, write_json):
    path = write_json({"items": [{"code": "000162001000"}]})
    r = clerk("intake", "--json", path)
    assert r.code == 2 and f"{path}: applicant: 缺少此字段" in r.err
    nothing_written(clerk)


@pytest.mark.parametrize(("content", "message"), [
    ('{"items": [', "JSON 格式错误：第 1 行第 12 列"),
    ("[1]", "(整个请求): "),
    ("[" * 100_000, "JSON 格式错误：嵌套层次过深"),  # was an internal error
])
def test_unreadable_request_file(clerk, tmp_path, content, message):
    path = tmp_path / "req.json"
    path.write_text(content, encoding="utf-8")
    r = clerk("intake", "--json", path)
    assert r.code == 2 and message in r.err
    nothing_written(clerk)


def test_a_request_saved_with_a_bom_is_read(clerk, tmp_path):
    """Windows' Notepad and Excel save "UTF-8 with BOM"."""
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(sign_accepted(), ensure_ascii=False).encode("utf-8"))
    r = clerk("intake", "--json", path)
    assert r.code == 0, r.err


def test_a_request_saved_as_gbk_names_the_encoding_and_the_fix(clerk, tmp_path):
    path = tmp_path / "gbk.json"
    path.write_bytes(json.dumps(sign_accepted(), ensure_ascii=False).encode("gbk"))
    r = clerk("intake", "--json", path)
    assert r.code == 2 and "gbk.json: 不是 UTF-8 编码的文本" in r.err and "请以 UTF-8 编码另存后再试" in r.err
    nothing_written(clerk)


def test_missing_request_file(clerk, tmp_path):
    r = clerk("intake", "--json", tmp_path / "nope.json")
    assert r.code == 2 and "nope.json: 无法读取" in r.err


def test_the_installed_command_end_to_end(clerk_proc, write_json):
    """The console script itself, in its own process, with CLERK_HOME pointing at a fresh folder."""
    r = clerk_proc("intake", "--json", write_json(sign_accepted()))
    assert r.code == 0, r.err
    no = r.json["case_no"]
    assert no.startswith("S31010701003") and len(no) == 22
    shown = clerk_proc("case", "show", no, "--json")
    assert shown.code == 0 and shown.json["applicant"]["name"] == PERSON["name"]
    listed = clerk_proc("case", "list", "--json").json
    assert [c["case_no"] for c in listed] == [no]
    assert clerk_proc("audit", "verify").code == 0
