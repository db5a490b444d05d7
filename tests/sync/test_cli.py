"""The command line runs the whole loop: window add → enroll → intake → sync → decide → sync."""

from __future__ import annotations

import io
import json

from clerk_app.cli import main

from .conftest import README_REQUEST


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_whole_loop_from_the_command_line(central, server_url, clerk_home, tmp_path, capsys, monkeypatch):
    code, out, _ = run(capsys, "server", "window", "add", "--db", server_url, "31010701003", "--name", "三号窗口")
    assert code == 0
    enrol_code = out.splitlines()[1].strip()

    assert run(capsys, "sync", "--status")[1].startswith("未登记中心")
    monkeypatch.setattr("sys.stdin", io.StringIO(enrol_code + "\n"))
    code, out, err = run(capsys, "enroll", "--server", central.url, "--code-stdin")
    assert code == 0 and "已登记：窗口 31010701003" in out, err
    request = tmp_path / "req.json"
    request.write_text(json.dumps(README_REQUEST, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "intake", "--json", str(request))
    case_no = json.loads(out)["case_no"]

    code, out, _ = run(capsys, "sync", "--once")
    assert code == 0 and "新 1" in out and "待上传：0 项" in out
    code, out, err = run(capsys, "server", "decide", "--db", server_url, case_no, "approve", "--note", "准予")
    assert code == 0 and "approved" in out, err
    assert run(capsys, "server", "decide", "--db", server_url, case_no, "ready")[0] == 0
    code, out, _ = run(capsys, "sync", "--once")
    assert code == 0 and "审批结果 2" in out
    code, out, _ = run(capsys, "case", "show", case_no, "--json")
    assert json.loads(out)["status_label"] == "待出件"
    code, out, _ = run(capsys, "sync", "--status", "--json")
    status = json.loads(out)
    assert status["state"] == "online" and status["waiting"] == 0 and status["summary"].startswith("在线")


def test_a_bad_enrolment_code_is_a_clear_message(central, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("AAAA-BBBB-CCCC\n"))
    code, out, err = run(capsys, "enroll", "--server", central.url, "--code-stdin")
    assert code == 1 and "登记码无效" in err


def test_the_code_is_never_taken_from_the_command_line(central, capsys):
    """It would show in ``ps`` to every user of the PC."""
    code, _out, err = run(capsys, "enroll", "--server", central.url, "--code", "AAAA-BBBB-CCCC")
    assert code == 1 and "不能写在命令行上" in err
    assert central.scalar("SELECT count(*) FROM enrol_attempts") == 0  # not even tried


def test_an_illegal_decision_from_the_command_line_changes_nothing(central, server_url, capsys):
    code, _out, err = run(capsys, "server", "decide", "--db", server_url, "S310107010032611239999", "approve")
    assert code == 1 and "没有编号" in err


def test_sync_once_offline_says_so_and_fails(ctx, capsys):
    from clerk_app import settings as settings_mod
    from clerk_app.sync.token import save_token

    settings_mod.save(settings_mod.set_value(ctx.settings, "sync.server_url", "http://127.0.0.1:9"))
    save_token("x" * 40)
    code, out, _ = run(capsys, "sync", "--once")
    assert code == 1 and "状态：离线" in out and "无法连接中心服务器" in out


def test_roster_with_plain_passwords_is_not_published(server_url, tmp_path, capsys):
    f = tmp_path / "roster.json"
    f.write_text(json.dumps([{"staff_no": "1", "name": "张三", "password": "secret"}]), encoding="utf-8")
    code, _out, err = run(capsys, "server", "roster", "--db", server_url, "publish", str(f), "--version", "r1")
    assert code == 1 and "明文密码" in err
