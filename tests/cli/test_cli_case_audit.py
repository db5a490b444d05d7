"""``clerk case show|list`` and ``clerk audit verify`` (which must catch any tampering)."""

from __future__ import annotations

import json
from datetime import datetime

from store.samples import sign_accepted, sign_notice, social_org_received

from clerk_app.services.store_open import raw_connection
from clerk_app.store import audit


def intake(clerk, write_json, data) -> str:
    r = clerk("intake", "--json", write_json(data))
    assert r.code == 0, r.err
    return r.json["case_no"]


def test_case_show_json_by_plain_or_printed_number(clerk, write_json):
    no = intake(clerk, write_json, sign_accepted())
    for typed in (no, "S 310107 01 003 261123 0001"):
        r = clerk("case", "show", typed, "--json")
        assert r.code == 0
        case = r.json
        assert case["case_no"] == no and case["status"] == "accepted" and case["due_date"] == "2026-11-30"
        assert len(case["materials"]) == 5 and case["events"][0]["to"] == "accepted"


def test_case_show_text(clerk, write_json):
    no = intake(clerk, write_json, sign_accepted())
    r = clerk("case", "show", no)
    assert r.code == 0
    assert f"办件编号: {no}" in r.out and "状态: 已受理" in r.out and "办结期限: 2026-11-30" in r.out
    assert "户外招牌设置" in r.out and "出具时间" not in r.out


def test_case_show_finds_a_notice_too(clerk, write_json):
    no = intake(clerk, write_json, sign_notice())
    assert clerk("case", "show", no, "--json").json["notice_no"] == no


def test_case_show_unknown_number(clerk):
    r = clerk("case", "show", "S310107010032611239999")
    assert r.code == 1 and "没有编号为 S310107010032611239999 的办件或告知书" in r.err


def test_case_list_json_filters(clerk, write_json):
    a = intake(clerk, write_json, sign_accepted())
    b = intake(clerk, write_json, social_org_received())
    n = intake(clerk, write_json, sign_notice())
    assert sorted(c["case_no"] for c in clerk("case", "list", "--json").json) == sorted([a, b])
    assert [c["case_no"] for c in clerk("case", "list", "--json", "--status", "received").json] == [b]
    assert [x["notice_no"] for x in clerk("case", "list", "--notices", "--json").json] == [n]
    text = clerk("case", "list").out
    assert a in text and "户外招牌设置" in text


# -- audit verify --------------------------------------------------------------------------------

def tamper(sql: str, *params) -> None:
    con = raw_connection()  # the store is encrypted: plain sqlite3 cannot read it
    with con:
        con.execute(sql, params)
    con.close()


def three_entries(clerk, write_json) -> None:
    for data in (sign_accepted(), sign_notice(), social_org_received()):
        intake(clerk, write_json, data)


def test_audit_verify_passes_on_a_fresh_and_on_a_used_log(clerk, write_json):
    r = clerk("audit", "verify")
    assert r.code == 0 and "审计日志完整：共 0 条" in r.out
    three_entries(clerk, write_json)
    r = clerk("audit", "verify")
    assert r.code == 0 and "共 3 条，哈希链无断点" in r.out


def test_audit_verify_finds_an_edited_entry(clerk, write_json):
    three_entries(clerk, write_json)
    tamper("UPDATE audit_log SET detail = json_set(detail, '$.outcome', 'not_accepted') WHERE seq = 1")
    r = clerk("audit", "verify")
    assert r.code == 1
    assert r.out.strip().splitlines() == ["第 1 条: 内容与哈希不符（本条被修改）"]
    assert "审计日志校验失败：1 处问题（共 3 条）" in r.err


def test_audit_verify_finds_a_deleted_entry(clerk, write_json):
    three_entries(clerk, write_json)
    tamper("DELETE FROM audit_log WHERE seq = 2")
    r = clerk("audit", "verify")
    assert r.code == 1
    assert "第 2 条: 缺少第 2–2 条（已被删除）" in r.out and "第 3 条: 与前一条的链接不符" in r.out


def test_audit_verify_finds_a_rehashed_edit_by_the_broken_link(clerk, write_json):
    three_entries(clerk, write_json)
    con = raw_connection()  # the store is encrypted: plain sqlite3 cannot read it
    row = con.execute("SELECT seq, entry_id, at, actor, action, subject, detail, prev_hash FROM audit_log "
                      "WHERE seq = 2").fetchone()
    con.close()
    detail = {**json.loads(row[6]), "missing": []}  # pretend nothing was missing
    forged = audit.entry_hash(row[7], row[0], row[1], datetime.fromisoformat(row[2]), row[3], row[4], row[5],
                              detail)
    tamper("UPDATE audit_log SET detail = ?, hash = ? WHERE seq = 2", json.dumps(detail), forged)
    r = clerk("audit", "verify")
    assert r.code == 1
    assert r.out.strip().splitlines() == ["第 3 条: 与前一条的链接不符（前一条被修改或删除）"]


def test_provisional_dates_are_marked_and_the_recomputed_cases_listed(clerk, write_json, clock, clerk_home):
    from datetime import datetime as dt

    from store.samples import sole_proprietor_tolerated

    clock.now = dt(2027, 9, 28, 10, 0)  # 2027's holidays are not published yet
    no = intake(clerk, write_json, sole_proprietor_tolerated())
    r = clerk("case", "show", no)
    assert "容缺补齐期限: 2027-10-01（暂定：该年法定节假日安排尚未录入，按周末推算）" in r.out
    listed = clerk("case", "list")
    assert f"{no} 容缺受理 " in listed.out and " *" in listed.out and "* 暂定期限" in listed.out

    (clerk_home / "calendar").mkdir(exist_ok=True)
    (clerk_home / "calendar" / "2027.toml").write_text(
        'year = 2027\nholidays = ["2027-10-01", "2027-10-02", "2027-10-03", "2027-10-04", "2027-10-05",'
        ' "2027-10-06", "2027-10-07"]\nworkdays = ["2027-10-09"]\n', encoding="utf-8")
    listed = clerk("case", "list")
    assert "节假日安排已更新，以下办件的期限已重新计算：" in listed.out
    assert f"{no}：" in listed.out and "容缺补齐期限 2027-10-01 → 2027-10-08" in listed.out
    assert "暂定" not in clerk("case", "show", no).out


def test_case_list_by_status_takes_the_value_or_the_label_and_names_an_unknown_one(clerk, write_json):
    from store.samples import sign_accepted

    no = clerk("intake", "--json", write_json(sign_accepted())).json["case_no"]
    assert [c["case_no"] for c in clerk("case", "list", "--status", "accepted", "--json").json] == [no]
    assert [c["case_no"] for c in clerk("case", "list", "--status", "已受理", "--json").json] == [no]
    r = clerk("case", "list", "--status", "nonsense")
    assert r.code == 2 and "没有“nonsense”这种办件状态" in r.err and "accepted（已受理）" in r.err
