"""``clerk staff add|list|disable|authorise|set-substitute|posts|...`` as an admin uses them."""

from __future__ import annotations

import functools
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from clerk_app.services.staff_login import LoginRefused, login

CLERK_BIN = Path(sys.executable).with_name("clerk")


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def clerk(capsys, monkeypatch, clock):
    import clerk_app.services.context as context
    from clerk_app.cli import main

    monkeypatch.setattr(context, "open_context", functools.partial(context.open_context, clock=clock))

    def run(*args: str, stdin: str | None = None) -> Run:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        code = main(list(args))
        cap = capsys.readouterr()
        return Run(code, cap.out, cap.err)

    return run


@pytest.fixture
def open_ctx(clock):
    from clerk_app.services.context import open_context

    opened = []

    def _open():
        opened.append(open_context(clock=clock))
        return opened[-1]

    yield _open
    for c in opened:
        c.close()


def test_add_authorise_substitute_disable_round_trip(clerk, open_ctx):
    r = clerk("staff", "add", "5001", "--name", "孙一", "--badge", "PT-51", "--window", "003", "--grant", "人社",
              "--password-stdin", stdin="sun-pass-51\n")
    assert r.code == 0, r.err
    assert "已新增 孙一（工号 5001）" in r.out and "31010701003" in r.out
    assert clerk("staff", "add", "5002", "--name", "钱二", "--window", "003", "--password-stdin",
                 stdin="qian-pass-52\n").code == 0
    r = clerk("staff", "authorise", "5002", "民政", "000134011000", "--chief-rep")
    assert r.code == 0 and "民政、000134011000" in r.out and "首席事务代表" in r.out
    r = clerk("staff", "set-substitute", "5001", "5002")
    assert r.code == 0 and "B 角：5002" in r.out

    r = clerk("staff", "list")
    assert r.code == 0
    assert "5001  孙一  工牌 PT-51  窗口 31010701003" in r.out and "授权：人社" in r.out
    assert "B角：5002" in r.out and "可代岗：5001" in r.out

    ctx = open_ctx()
    assert login(ctx, "5002", "qian-pass-52", on_behalf_of="5001").clerk.display == "钱二（代孙一）"
    assert clerk("staff", "disable", "5001").code == 0
    with pytest.raises(LoginRefused, match="停用"):
        login(ctx, "5001", "sun-pass-51")
    r = clerk("staff", "list", "--json")
    data = json.loads(r.out)
    row = next(s for s in data["staff"] if s["staff_no"] == "5001")
    assert row["enabled"] is False and row["substitutes"] == ["5002"] and "password_hash" not in row
    assert "sun-pass-51" not in r.out and "$argon2id$" not in r.out


def test_admin_mistakes_get_clear_messages_and_change_nothing(clerk):
    r = clerk("staff", "add", "5003", "--name", "李三", "--window", "003", "--grant", "市场监官",
              "--password-stdin", stdin="li-pass-533\n")
    assert r.code == 1 and "市场监官" in r.err and "找不到对应事项" in r.err
    r = clerk("staff", "add", "5003", "--name", "李三", "--window", "003", "--password-stdin", stdin="short\n")
    assert r.code == 1 and "至少 8 位" in r.err
    r = clerk("staff", "add", "5003", "--name", "李三", "--window", "3", "--password-stdin", stdin="li-pass-533\n")
    assert r.code == 1 and "窗口“3”无效" in r.err
    r = clerk("staff", "add", "5003", "--name", "李三", "--window", "003")  # no terminal, no --password-stdin
    assert r.code == 1 and "--password-stdin" in r.err
    r = clerk("staff", "set-substitute", "1001", "9999")
    assert r.code == 1 and "B 角工号 9999 不存在" in r.err
    r = clerk("staff", "authorise", "9999", "*")
    assert r.code == 1 and "没有工号为 9999 的人员" in r.err
    assert "5003" not in clerk("staff", "list").out


def test_passwd_and_unlock(clerk, open_ctx):
    assert clerk("staff", "add", "5004", "--name", "赵四", "--window", "003", "--password-stdin",
                 stdin="zhao-pass-54\n").code == 0
    ctx = open_ctx()
    for _ in range(5):
        with pytest.raises(LoginRefused):
            login(ctx, "5004", "wrong-password")
    r = clerk("staff", "unlock", "5004")
    assert r.code == 0 and "已解除工号 5004 的锁定" in r.out
    r = clerk("staff", "unlock", "5004")  # not locked (any more): said so, not "unlocked"
    assert r.code == 0 and "工号 5004 未被锁定" in r.out
    assert clerk("staff", "passwd", "5004", "--password-stdin", stdin="new-pass-5004\n").code == 0
    with pytest.raises(LoginRefused):
        login(ctx, "5004", "zhao-pass-54")
    assert login(ctx, "5004", "new-pass-5004").clerk.name == "赵四"


def test_posts_flags_vacant_posts(clerk, open_ctx):
    login(open_ctx(), "1002", "ls123456", on_behalf_of="1001")
    r = clerk("staff", "posts")
    assert r.code == 0
    lines = {ln[2:].split()[0]: ln for ln in r.out.splitlines() if ln[2:6].isdigit()}
    assert "代岗中" in lines["1001"] and not lines["1001"].startswith("⚠")
    assert lines["1004"].startswith("⚠") and "空岗" in lines["1004"]
    data = json.loads(clerk("staff", "posts", "--json").out)
    assert {p["staff_no"]: p["state"] for p in data}["1001"] == "covered"


def test_handover_preview_and_roster_export_import(clerk, tmp_path):
    assert "没有待交接" in clerk("staff", "handover", "1001").out
    out = tmp_path / "roster.json"
    assert clerk("staff", "export", "--out", str(out)).code == 0
    roster = json.loads(out.read_text(encoding="utf-8"))
    assert [r["staff_no"] for r in roster] == ["1001", "1002", "1003", "1004"]
    roster = [r for r in roster if r["staff_no"] in ("1001", "1002")]
    out.write_text(json.dumps(roster, ensure_ascii=False), encoding="utf-8")
    r = clerk("staff", "import", str(out), "--version", "2026-11-23")
    assert r.code == 0, r.err
    enabled = [s["staff_no"] for s in json.loads(clerk("staff", "list", "--json").out)["staff"] if s["enabled"]]
    assert enabled == ["1001", "1002"]
    roster[0]["substitutes"] = ["7777"]
    out.write_text(json.dumps(roster, ensure_ascii=False), encoding="utf-8")
    r = clerk("staff", "import", str(out), "--version", "bad")
    assert r.code == 2 and "roster[0].substitutes[0]: 名册中没有工号 7777" in r.err and "未做任何修改" in r.err


def test_real_command_without_any_keyring_says_so_and_does_not_crash(clerk_home):
    env = {**os.environ, "CLERK_HOME": str(clerk_home), "PYTHONIOENCODING": "utf-8",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    p = subprocess.run([str(CLERK_BIN), "staff", "list"], capture_output=True, text=True, env=env, timeout=60,
                       encoding="utf-8")
    assert p.returncode == 0, p.stderr
    assert "1001  张三" in p.stdout
    assert "没有可用的系统密钥环" in p.stderr and "Traceback" not in p.stderr


# -- badges are one person's, names and badges follow the text rules (probe findings) -----------------

def _staff_nos(clerk) -> list[str]:
    return [s["staff_no"] for s in json.loads(clerk("staff", "list", "--json").out)["staff"]]


@pytest.mark.parametrize("badge", ["PT-0301", " pt-0301 "])
def test_a_badge_another_person_wears_is_refused_naming_them(clerk, badge):
    r = clerk("staff", "add", "2001", "--name", "测试", "--badge", badge, "--window", "003",
              "--password-stdin", stdin="test-pass-2001\n")
    assert r.code == 1 and "工牌 " in r.err and "已由 1001 张三使用" in r.err, r.err
    assert "2001" not in _staff_nos(clerk)


@pytest.mark.parametrize(("name", "badge", "message"), [
    ("测\x1b试", "PT-9", "姓名含有不允许的控制字符 U+001B"),
    ("测\u2028试", "PT-9", "姓名含有不允许的控制字符 U+2028"),
    ("名" * 5000, "PT-9", "姓名过长（最多 100 个字符，当前 5000 个）"),
    ("   ", "PT-9", "请填写姓名"),
    ("测试", "PT\x07-9", "工牌号含有不允许的控制字符 U+0007"),
    ("测试", "PT\n9", "工牌号不能换行"),
    ("测试", "B" * 40, "工牌号过长（最多 32 个字符，当前 40 个）"),
])
def test_names_and_badges_with_control_characters_or_too_long_are_refused(clerk, name, badge, message):
    r = clerk("staff", "add", "2001", "--name", name, "--badge", badge, "--window", "003",
              "--password-stdin", stdin="test-pass-2001\n")
    assert r.code == 1 and f"2001: {message}" in r.err, r.err
    assert "2001" not in _staff_nos(clerk)


def test_name_and_badge_are_trimmed(clerk):
    r = clerk("staff", "add", "2001", "--name", "  测试  ", "--badge", " PT-2001\t", "--window", "003",
              "--password-stdin", stdin="test-pass-2001\n")
    assert r.code == 0, r.err
    row = next(s for s in json.loads(clerk("staff", "list", "--json").out)["staff"] if s["staff_no"] == "2001")
    assert (row["name"], row["badge"]) == ("测试", "PT-2001")


def test_the_badge_of_a_disabled_account_may_be_reissued_but_not_worn_twice(clerk):
    assert clerk("staff", "disable", "1001").code == 0
    r = clerk("staff", "add", "2001", "--name", "测试", "--badge", "PT-0301", "--window", "003",
              "--password-stdin", stdin="test-pass-2001\n")
    assert r.code == 0, r.err
    r = clerk("staff", "enable", "1001")  # 张三 back: his old badge is now 测试's
    assert r.code == 1 and "1001: 工牌 PT-0301 已由 2001 测试使用" in r.err
    row = next(s for s in json.loads(clerk("staff", "list", "--json").out)["staff"] if s["staff_no"] == "1001")
    assert row["enabled"] is False


def test_an_imported_roster_follows_the_same_rules(clerk, tmp_path):
    out = tmp_path / "roster.json"
    assert clerk("staff", "export", "--out", str(out)).code == 0
    good = json.loads(out.read_text(encoding="utf-8"))
    assert [e["staff_no"] for e in good[:2]] == ["1001", "1002"]
    for change, message in (({"badge": "pt-0302"}, "roster[1].badge: 工牌 PT-0302 已由 1001 张三使用"),
                            ({"name": "张\x1b三"}, "roster[0].name: 姓名含有不允许的控制字符 U+001B"),
                            ({"name": "张" * 5000}, "roster[0].name: 姓名过长（最多 100 个字符，当前 5000 个）"),
                            ({"badge": "PT\x00"}, "roster[0].badge: 工牌号含有不允许的控制字符 U+0000")):
        out.write_text(json.dumps([dict(good[0], **change), *good[1:]], ensure_ascii=False), encoding="utf-8")
        r = clerk("staff", "import", str(out), "--version", "bad")
        assert r.code == 2 and message in r.err and "未做任何修改" in r.err, r.err
    out.write_text(json.dumps([dict(good[0], name=" 张三 ", badge=" PT-0301 "), *good[1:]], ensure_ascii=False),
                   encoding="utf-8")
    assert clerk("staff", "import", str(out), "--version", "good").code == 0
    row = next(s for s in json.loads(clerk("staff", "list", "--json").out)["staff"] if s["staff_no"] == "1001")
    assert (row["name"], row["badge"]) == ("张三", "PT-0301")
