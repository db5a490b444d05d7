"""``clerk case rate|followups|close-followup``: a day's 好差评 run headless, as a script would."""

from __future__ import annotations

import json

from store.samples import food_tolerated


def _case(clerk, write_json) -> str:
    r = clerk("intake", "--json", write_json(food_tolerated()), "--as", "1001", "--password-stdin",
              stdin="zs123456\n")
    assert r.code == 0, r.err
    return json.loads(r.out)["case_no"]


def test_rate_once_list_the_followup_and_a_supervisor_closes_it(clerk, write_json):
    no = _case(clerk, write_json)
    r = clerk("case", "rate", no, "--service", "intake", "--level", "dissatisfied", "--problem", "等候时间长",
              "--problem", "一次性告知不到位", "--comment", "排队一个小时")
    assert r.code == 0, r.err
    assert "不满意" in r.out and "差评整改期限 2026-11-30" in r.out

    again = clerk("case", "rate", no, "--service", "intake", "--level", "very_satisfied")
    assert again.code == 2 and "一次服务只能评价一次" in again.err
    early = clerk("case", "rate", no, "--service", "hand_out", "--level", "satisfied")
    assert early.code == 2 and "尚未出件" in early.err
    bad_tag = clerk("case", "rate", no, "--service", "hand_out", "--level", "satisfied", "--problem", "太慢")
    assert bad_tag.code == 2

    (f,) = clerk("case", "followups", "--json", "--date", "2026-12-01").json
    assert (f["case_no"], f["level"], f["served_by"], f["due"], f["overdue"]) == (
        no, "dissatisfied", "张三", "2026-11-30", True)
    assert "已逾期" in clerk("case", "followups", "--date", "2026-12-01").out

    refused = clerk("case", "close-followup", no, "--action", "已回访致歉", "--as", "1001", "--password-stdin",
                    stdin="zs123456\n")
    assert refused.code == 2 and "督查" in refused.err
    done = clerk("case", "close-followup", no, "--action", "已回访致歉并调整取号流程", "--as", "1003",
                 "--password-stdin", "--json", stdin="ww123456\n")
    assert done.code == 0, done.err
    assert done.json["detail"] == {"rating_id": f["rating_id"], "action": "已回访致歉并调整取号流程"}
    assert clerk("case", "followups", "--json").json == []
    assert "没有待整改的差评" in clerk("case", "followups").out


def test_rate_names_a_missing_case_and_a_bad_date(clerk):
    r = clerk("case", "rate", "S310107010012611230099", "--service", "intake", "--level", "satisfied")
    assert r.code == 2 and "没有编号为" in r.err
    assert clerk("case", "followups", "--date", "明天").code == 2


def test_an_admin_makes_a_staff_member_a_supervisor_who_may_then_close(clerk, write_json):
    no = _case(clerk, write_json)
    assert clerk("case", "rate", no, "--service", "intake", "--level", "very_dissatisfied").code == 0
    r = clerk("staff", "authorise", "1001", "市场监管", "--supervisor")
    assert r.code == 0, r.err
    line = next(x for x in clerk("staff", "list").out.splitlines() if "1001" in x)
    assert "督查人员" in r.out and "督查人员" in line
    done = clerk("case", "close-followup", no, "--action", "已当面致歉并说明", "--as", "1001", "--password-stdin",
                 stdin="zs123456\n")
    assert done.code == 0, done.err
    assert clerk("staff", "authorise", "1001", "市场监管", "--no-supervisor").code == 0
    assert "督查人员" not in clerk("staff", "authorise", "1001", "市场监管").out
