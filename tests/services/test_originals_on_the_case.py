"""Originals (原件) are kept on the case apart from copies (复印件), per material line (issue 10)."""

from __future__ import annotations

from store.samples import sign_accepted, submit_request, teacher_originals_and_copies

from clerk_app.protocol.records import CaseRecord, MaterialLine
from clerk_app.services import cases


def _lines(ctx, number: str) -> dict[str, MaterialLine]:
    rec = cases.get_case(ctx, number)
    assert rec is not None
    return {m.key: m for m in rec.materials}


def test_originals_shown_and_copies_kept_are_stored_per_line(ctx):
    r = submit_request(ctx, teacher_originals_and_copies())
    assert r.outcome.value == "accepted"
    m = _lines(ctx, r.number)
    edu = m["education_cert"]
    assert (edu.originals, edu.copies_received, edu.originals_returned) == (1, 2, True)
    assert edu.received_text() == "原件1份（核验后退回）、复印件2份"
    assert (m["photo_2inch"].originals, m["photo_2inch"].copies_received) == (2, 0)
    assert m["photo_2inch"].received_text() == "原件2份"  # an original asked for on its own is kept
    assert m["teacher_exam_cert"].received_text() == "复印件1份"
    assert m["teacher_physical_exam"].originals == 1
    assert m["mandarin_cert"].received_text() == "复印件1份"


def test_an_original_short_of_what_the_line_asks_is_non_conforming_and_says_so(ctx):
    req = teacher_originals_and_copies()
    req["materials"]["education_cert"] = {"status": "original", "originals": 0, "copies": 2}
    r = submit_request(ctx, req)
    assert r.outcome.value == "notice"
    assert [(x["id"], x["problem"]) for x in r.missing] == [("education_cert", "原件须 1 份，仅收 0 份")]


def test_lines_not_on_paper_have_no_counts_and_the_record_round_trips(ctx):
    r = submit_request(ctx, sign_accepted())
    rec = cases.get_case(ctx, r.number)
    assert rec is not None
    lic = next(m for m in rec.materials if m.key == "business_license")  # 电子证照
    assert lic.originals is None and lic.received_text() == ""
    assert CaseRecord.model_validate(rec.to_json()) == rec


def test_a_line_stored_before_the_split_parses_and_shows_only_its_count():
    old = {"key": "education_cert", "name": "学历证书", "form": "original_and_copy", "copies": 2,
           "status": "original", "verdict": "ok"}
    line = MaterialLine.model_validate(old)
    assert line.originals is None and line.copies_received is None and line.received_text() == ""
    assert line.copies == 2


def _pdf_text(pdf: bytes) -> str:
    import io
    import re

    import pypdf

    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))


def test_the_voucher_and_the_notice_list_originals_and_copies(ctx):
    from clerk_app.domain.people import Clerk
    from clerk_app.services import documents

    clerk = Clerk(id="s1", name="张三", badge="A017")
    r = submit_request(ctx, teacher_originals_and_copies(), clerk)
    text = _pdf_text(documents.preview(ctx, r.number, "acceptance"))
    assert "原件1份（核验后退回）、复印件2份" in text and "原件2份" in text and "复印件1份" in text
    req = teacher_originals_and_copies()
    req["materials"]["education_cert"] = {"status": "original", "originals": 0, "copies": 2}
    n = submit_request(ctx, req, clerk)
    notice = _pdf_text(documents.preview(ctx, n.number, "notice"))
    assert "原件须1份，仅收0份（已收复印件2份）" in notice  # what is short, and what was handed in
    assert "原件2份" in notice  # the lines in order, with their pieces, under 已收取或已核验的材料


def test_clerk_case_show_lists_what_was_handed_in(ctx, clock, capsys, monkeypatch):
    import functools

    import clerk_app.services.context as context
    from clerk_app.cli import main

    r = submit_request(ctx, teacher_originals_and_copies())
    monkeypatch.setattr(context, "open_context", functools.partial(context.open_context, clock=clock))
    capsys.readouterr()
    assert main(["case", "show", r.number]) == 0
    out = capsys.readouterr().out
    assert "材料: 学历证书 已收原件：原件1份（核验后退回）、复印件2份" in out
