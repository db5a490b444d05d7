"""``clerk enquiry``, ``clerk supervise`` and ``clerk report`` do what the app does, headless."""

from __future__ import annotations

import csv
import io
import json

import pypdf
from store.samples import sign_accepted


def test_enquiry_add_and_list(clerk, tmp_path):
    pdf = tmp_path / "list.pdf"
    r = clerk("enquiry", "add", "--item", "000117001000", "--answer", "告知须带身份证", "--name", "赵六",
              "--id-number", "11010519491231002X", "--materials-pdf", pdf, "--json", "--as", "1001",
              "--password-stdin", stdin="zs123456\n")
    assert r.code == 0, r.err
    rec = json.loads(r.out)
    assert (rec["clerk"]["name"], rec["asker_id_masked"], rec["materials_printed"]) == (
        "张三", "110105********002X", True)
    assert "办事材料清单" in "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    listed = json.loads(clerk("enquiry", "list", "--from", "2026-11-23", "--to", "2026-11-23", "--json").out)
    assert [e["id"] for e in listed] == [rec["id"]]
    bad = clerk("enquiry", "add", "--item", "000117001000", "--answer", " ")
    assert bad.code == 2 and "答复内容" in bad.err and "answer" in bad.err


def test_supervise_and_report(clerk, write_json, tmp_path):
    r = clerk("intake", "--json", write_json(sign_accepted()), "--as", "1001", "--password-stdin", stdin="zs123456\n")
    assert r.code == 0, r.err
    no = json.loads(r.out)["case_no"]
    sv = json.loads(clerk("supervise", "--json").out)
    assert [c["case_no"] for c in sv["cases"]] == [no] and sv["cases"][0]["deadline"]["level"] == "ok"
    assert "办理中的办件 1 件" in clerk("supervise").out
    late = json.loads(clerk("supervise", "--json", "--date", "2026-12-01").out)
    assert late["cases"][0]["deadline"]["level"] == "late"
    out = {k: tmp_path / f"r.{k}" for k in ("csv", "xlsx", "pdf")}
    r = clerk("report", "--from", "2026-11-23", "--to", "2026-11-23", "--csv", out["csv"], "--xlsx", out["xlsx"],
              "--pdf", out["pdf"])
    assert r.code == 0, r.err
    rows = list(csv.reader(io.StringIO(out["csv"].read_text(encoding="utf-8-sig"))))
    assert rows[1][:3] == ["张三", "1", "1"] and rows[-1][0] == "全窗口合计"
    assert out["xlsx"].stat().st_size > 0 and out["pdf"].read_bytes().startswith(b"%PDF")
    assert clerk("report").out.splitlines()[1].startswith("张三,1,1")  # today's table on stdout
    bad = clerk("report", "--from", "2026-11-23", "--to", "2026-11-01")
    assert bad.code == 2 and "早于" in bad.err
    assert clerk("report", "--from", "23/11/2026").code == 2
