"""``--as STAFF_NO``: command-line intakes and prints are recorded under a real, logged-in person."""

from __future__ import annotations

import json

from store.samples import food_tolerated

FOOD = food_tolerated()


def test_intake_as_a_staff_member_records_them(clerk, write_json):
    r = clerk("intake", "--json", write_json(FOOD), "--as", "1001", "--password-stdin", stdin="zs123456\n")
    assert r.code == 0, r.err
    no = json.loads(r.out)["case_no"]
    case = json.loads(clerk("case", "show", no, "--json").out)
    assert case["clerk"]["name"] == "张三" and case["clerk"]["badge"] == "PT-0301"


def test_substitute_on_behalf_of_a(clerk, write_json):
    r = clerk("intake", "--json", write_json(FOOD), "--as", "1002", "--on-behalf-of", "1001",
              "--password-stdin", stdin="ls123456\n")
    assert r.code == 0, r.err
    case = json.loads(clerk("case", "show", json.loads(r.out)["case_no"], "--json").out)
    assert (case["clerk"]["name"], case["clerk"]["on_behalf_of_name"]) == ("李四", "张三")


def test_wrong_password_or_unauthorised_item_saves_nothing(clerk, write_json):
    r = clerk("intake", "--json", write_json(FOOD), "--as", "1001", "--password-stdin", stdin="wrong\n")
    assert r.code == 2 and "密码" in r.err
    r = clerk("intake", "--json", write_json(FOOD), "--as", "1002", "--password-stdin", stdin="ls123456\n")
    assert r.code == 2 and "items[0]" in r.err  # 李四 is not authorised for 市场监管 items
    assert json.loads(clerk("case", "list", "--json").out) == []


def test_the_command_logs_the_person_out_again(clerk, write_json, ctx):
    from clerk_app.services import staff_login

    assert clerk("intake", "--json", write_json(FOOD), "--as", "1001", "--password-stdin",
                 stdin="zs123456\n").code == 0
    assert [s for s in staff_login.open_sessions(ctx) if s.staff_no == "1001"] == []
