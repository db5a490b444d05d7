"""``clerk case …`` free texts and the date arguments of ``clerk report|supervise|enquiry list|case …``.

What the adversarial probe typed: a control character, an ESC sequence, a right-to-left override or an
invalid UTF-8 byte in a note, a decision or a collector's name is refused with exit 2 and a Chinese
message naming the field, and nothing is written (no internal error, no garbage on the 领取回执); a
授权委托书 dated 0001-01-01 is refused; a date out of any sane range (0001-01-01, 9999-12-31) is refused
with exit 2 instead of an internal error; 2025-02-29 is told to be no real date.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from sqlalchemy import func, select

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.services import cases
from clerk_app.store.models import AuditEntry, CaseEvent, CaseNote, OutboxEntry
from tests.cli.conftest import CLERK_BIN, Run

EMPLOYMENT = {"items": [{"code": "000134011000"}],
              "applicant": {"kind": "person", "name": "王大爷", "id_number": "11010519491231002X",
                            "phone": "13800138000"},
              "materials": {"employment_registration_form": "original", "applicant_id": "original",
                            "photo_2inch": "original"}}
AGENT_ID = "310115198001011238"


@pytest.fixture
def clerk(clerk_exits):
    """The in-process ``clerk``, with argparse's own exits as exit codes (conftest)."""
    return clerk_exits


def _intake(clerk, write_json) -> str:
    r = clerk("intake", "--json", write_json(EMPLOYMENT))
    assert r.code == 0, r.err
    return r.json["case_no"]


def _written(ctx) -> tuple[int, ...]:
    with ctx.store.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) or 0
                     for m in (CaseNote, CaseEvent, AuditEntry, OutboxEntry))


def _refused(r: Run, *needles: str) -> None:
    assert r.code == 2, (r.code, r.out, r.err)
    assert r.out == "" and "内部错误" not in r.err, r.err
    for n in needles:
        assert n in r.err, (n, r.err)


@pytest.mark.parametrize(("text", "code"), [
    ("a\x01b", "U+0001"), ("a\x1b[2Jb", "U+001B"), ("a\x7fb", "U+007F"), ("a\x85b", "U+0085"),
    ("a\u2028b", "U+2028"), ("a\u202eb", "U+202E"),
])
def test_a_note_with_a_control_character_exits_2_naming_the_field_and_records_nothing(clerk, write_json, ctx,
                                                                                      text, code):
    no = _intake(clerk, write_json)
    before = _written(ctx)
    r = clerk("case", "note", no, "--text", text)
    _refused(r, "备注内容含有不允许的控制字符", code, "请重新输入")
    assert _written(ctx) == before


def test_an_invalid_utf8_byte_on_the_command_line_is_a_clear_refusal(clerk, write_json, ctx):
    no = _intake(clerk, write_json)
    before = _written(ctx)
    r = clerk("case", "note", no, "--text", "a\udcffb")  # what Python makes of the byte 0xFF in argv
    _refused(r, "备注内容", "0xFF", "UTF-8")
    assert _written(ctx) == before


def test_the_real_command_refuses_an_invalid_byte_in_its_argv(clerk_home, write_json):
    env = {**os.environ, "CLERK_HOME": str(clerk_home), "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"}

    def run(*args: str | bytes) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([str(CLERK_BIN), *args], capture_output=True, env=env, timeout=60)

    made = run("intake", "--json", str(write_json(EMPLOYMENT)))
    assert made.returncode == 0, made.stderr.decode()
    no = json.loads(made.stdout)["case_no"]
    p = run("case", "note", no, "--text", b"a\xffb")
    err = p.stderr.decode("utf-8")
    assert p.returncode == 2 and "备注内容" in err and "0xFF" in err and "内部错误" not in err, err


def test_an_on_the_spot_decision_with_an_escape_sequence_is_refused_and_nothing_decided(clerk, write_json, ctx):
    no = _intake(clerk, write_json)
    r = clerk("case", "decide", no, "--approve", "--result", "准予\x1b[2J\u202e反转", "--as", "1003",
              "--password-stdin", stdin="ww123456\n")
    _refused(r, "决定内容含有不允许的控制字符 U+001B")
    assert cases.get_case(ctx, no).status is CaseStatus.ACCEPTED
    r = clerk("voucher", no, "--kind", "handout", "--out", "/dev/null")
    assert r.code != 0  # no 领取回执 either: the result is not out


def _ready(ctx, no: str) -> None:
    cases.transition(ctx, no, CaseStatus.APPROVED, LOCAL_CLERK, "准予许可")
    cases.transition(ctx, no, CaseStatus.RESULT_READY, LOCAL_CLERK)


def test_a_collectors_name_with_a_bell_is_refused_as_such(clerk, write_json, ctx):
    no = _intake(clerk, write_json)
    _ready(ctx, no)
    before = _written(ctx)
    r = clerk("case", "hand-out", no, "--recipient-name", "王大爷\x07")
    _refused(r, "领取人姓名含有不允许的控制字符 U+0007")
    assert "不是申请人" not in r.err
    assert _written(ctx) == before and cases.get_case(ctx, no).status is CaseStatus.RESULT_READY


def test_an_authorisation_dated_0001_01_01_is_refused_with_the_rule(clerk, write_json, ctx):
    no = _intake(clerk, write_json)
    _ready(ctx, no)
    agent = ("--collector", "agent", "--recipient-name", "李四", "--recipient-id", AGENT_ID, "--authorisation-kept")
    r = clerk("case", "hand-out", no, *agent, "--authorisation-date", "0001-01-01")
    _refused(r, "授权委托书的签署日期 0001-01-01 早于收件日期（2026-11-23）一年以上", "不能早于 2025-11-23")
    r = clerk("case", "hand-out", no, *agent, "--authorisation-date", "2025-02-29")
    _refused(r, "2025-02-29 不是有效日期")
    assert cases.get_case(ctx, no).status is CaseStatus.RESULT_READY
    r = clerk("case", "hand-out", no, *agent, "--authorisation-date", "2026-03-01", "--json")
    assert r.code == 0, r.err


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1999-12-31", "2031-11-24"])
def test_report_supervise_and_lists_refuse_a_date_out_of_range(clerk, day):
    for args in (("report", "--from", day, "--to", day), ("report", "--from", "2026-11-23", "--to", day),
                 ("supervise", "--date", day), ("enquiry", "list", "--to", day), ("enquiry", "list", "--from", day),
                 ("case", "followups", "--date", day)):
        r = clerk(*args)
        _refused(r, day, "超出可查询的范围", "2000-01-01", "2031-11-23")


def test_the_edges_of_the_range_are_accepted(clerk):
    assert clerk("report", "--from", "2000-01-01", "--to", "2000-01-01").code == 0
    assert clerk("supervise", "--date", "2031-11-23").code == 0
    assert clerk("case", "followups", "--date", "2000-01-01").code == 0


@pytest.mark.parametrize(("args", "option"), [
    (("report", "--from", "2025-02-29"), "--from"), (("report", "--to", "2025-02-29"), "--to"),
    (("supervise", "--date", "2025-02-29"), "--date"), (("enquiry", "list", "--from", "2025-02-29"), "--from"),
    (("case", "followups", "--date", "2025-02-29"), "--date"),
])
def test_a_date_that_does_not_exist_is_told_so(clerk, args, option):
    r = clerk(*args)
    _refused(r, option, "2025-02-29 不是有效日期（2025 年 2 月只有 28 天）")
    assert "格式" not in r.err


def test_a_badly_written_date_is_still_told_the_form(clerk):
    _refused(clerk("report", "--from", "2025/02/28"), "--from", "YYYY-MM-DD")
    _refused(clerk("report", "--from", "2025-13-01"), "2025-13-01 不是有效日期", "月份")
