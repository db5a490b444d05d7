"""一件事 committed as one application (申办) with one case (办件) per item, each with its own outcome and date."""

from __future__ import annotations

from sqlalchemy import select
from store.samples import convenience_store, sign_accepted, sign_notice, submit_request

from clerk_app.services import cases
from clerk_app.store.models import Application, AuditEntry, Case, Notice, OutboxEntry

SOLE, FOOD, TOBACCO = "000117001000", "000117007000", "000156001000"


def test_the_convenience_store_gives_three_cases_with_their_own_outcomes_and_dates(ctx):
    r = submit_request(ctx, convenience_store())
    got = {c.item: (c.outcome.value, c.due_date) for c in r.cases}
    assert got == {SOLE: ("accepted", "2026-11-26"),  # the 营业执照's 3-day promise is kept
                   FOOD: ("accepted", "2026-12-07"),
                   TOBACCO: ("received", "2026-12-14")}  # only the tobacco item waits for its department
    assert len({c.number for c in r.cases}) == 3 and r.number == r.cases[0].number
    assert r.application_no and r.application_no.startswith("A") and len(r.application_no) == 22
    records = cases.application_cases(ctx, r.application_no)
    assert [c.case_no for c in records] == [c.number for c in r.cases]
    for rec in records:
        assert rec.application_no == r.application_no and len(rec.items) == 1
        assert rec.items[0].department == {SOLE: "区市场监管局", FOOD: "区市场监管局", TOBACCO: "区烟草专卖局"}[
            rec.items[0].code]
    by_item = {rec.items[0].code: rec for rec in records}
    assert by_item[TOBACCO].status.value == "received" and by_item[TOBACCO].items[0].promised_days == 15
    assert by_item[SOLE].items[0].promised_days == 3


def test_one_transaction_one_application_one_outbox_entry_and_audit_per_case(ctx):
    r = submit_request(ctx, convenience_store())
    with ctx.store.read() as s:
        assert s.scalar(select(Application).where(Application.application_no == r.application_no)) is not None
        rows = s.scalars(select(Case)).all()
        assert len(rows) == 3 and len({c.application_id for c in rows}) == 1
        out = s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "case")).all()
        assert sorted(o.payload["case_no"] for o in out) == sorted(c.number for c in r.cases)
        assert all(o.payload["application_no"] == r.application_no for o in out)
        created = s.scalars(select(AuditEntry).where(AuditEntry.action == "case.create")).all()
        assert sorted(a.subject for a in created) == sorted(c.number for c in r.cases)


def test_shared_lines_are_stored_on_each_case_with_the_items_they_serve_and_the_licence_is_not_asked(ctx):
    r = submit_request(ctx, convenience_store())
    by_item = {rec.items[0].code: rec for rec in cases.application_cases(ctx, r.application_no)}
    for code in (SOLE, TOBACCO):
        premises = next(m for m in by_item[code].materials if m.key == "any:property_cert|lease_contract")
        assert premises.items == [SOLE, TOBACCO] and premises.choice == "lease_contract"
    for code in (FOOD, TOBACCO):  # the 营业执照 comes from the first case: not demanded for the others
        assert "business_license" not in {m.key for m in by_item[code].materials}
    for rec in by_item.values():  # the applicant's ID, handed in once, is on every case that asks for it
        ident = next(m for m in rec.materials if m.key == "applicant_id")
        assert ident.items == [SOLE, FOOD, TOBACCO] and ident.status == "e-license"


def test_a_missing_material_makes_one_notice_for_the_visit_naming_the_items(ctx):
    req = convenience_store()
    del req["materials"]["tobacco_retail_application"]
    r = submit_request(ctx, req)
    assert r.application_no is None and r.cases == [] and r.number.startswith("N")
    assert [(m["id"], m["items"]) for m in r.missing] == [("tobacco_retail_application", [TOBACCO])]
    with ctx.store.read() as s:
        assert s.scalars(select(Case)).all() == [] and len(s.scalars(select(Notice)).all()) == 1


def test_a_theme_of_one_item_is_one_application_with_one_case(ctx):
    req = {"theme": "unemployment", "items": [{"code": "000134012000", "answers": {"insured": "yes"},
                                               "conditions": ["working_age", "resident_here"]}],
           "applicant": {"kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13812345678"},
           "materials": {}}
    from clerk_app.intake.request import flow_from_json

    flow, errors = flow_from_json(req, ctx.catalogue, ctx.calendar, ctx.clock())
    assert flow is not None, [str(e) for e in errors]
    for ln in flow.checklist():  # everything handed in, whatever the item asks
        flow.provide_line(ln, "original", ln.material_ids[0] if ln.is_choice else None)
    from clerk_app.domain.people import LOCAL_CLERK
    from clerk_app.services.intake import submit

    r = submit(ctx, flow, LOCAL_CLERK)
    assert len(r.cases) == 1 and r.cases[0].item == "000134012000" and r.number == r.cases[0].number
    rec = cases.get_case(ctx, r.number)
    assert rec is not None and rec.theme_id == "unemployment" and rec.application_no == r.application_no


def test_a_single_item_keeps_its_top_level_fields_and_a_notice_has_no_application(ctx):
    r = submit_request(ctx, sign_accepted())
    assert [c.number for c in r.cases] == [r.number] and r.cases[0].outcome is r.outcome
    assert r.cases[0].due_date == r.due_date
    n = submit_request(ctx, sign_notice())
    assert n.application_no is None and n.cases == []


def _text(pdf: bytes) -> str:
    import io
    import re

    import pypdf

    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))


def test_one_voucher_for_the_visit_lists_every_case_with_its_own_outcome_and_date(ctx):
    from clerk_app.domain.people import Clerk
    from clerk_app.services import documents

    clerk = Clerk(id="s1", name="张三", badge="A017")  # a paper is made only by a logged-in person
    r = submit_request(ctx, convenience_store(), clerk)
    doc = documents.case_document(ctx, r.number, whole_visit=True)
    assert doc.application_no == r.application_no
    assert [(c.case_no, c.outcome, c.due_date.isoformat()) for c in doc.cases] == [
        (c.number, {"accepted": "accepted", "received": "received"}[c.outcome.value], c.due_date) for c in r.cases]
    keys = [m.name for m in doc.materials]
    assert len(keys) == len(set(keys))  # a shared material is listed once
    pdf, _ = documents.issue(ctx, r.application_no, "acceptance", clerk)  # scanned: the application's number
    text = _text(pdf)
    assert "受理凭证" in text and r.application_no in text and "办件清单（共3件）" in text
    for c in r.cases:
        y, m, d = (int(x) for x in c.due_date.split("-"))
        assert c.number in text
        if c.outcome.value == "received":  # not accepted yet: no completion date is promised for it
            assert f"{y}年{m}月{d}日" not in text and "自受理之日起计算" in text, text
        else:
            assert f"{y}年{m}月{d}日" in text, text
    assert "收件（待部门受理）" in text and "区烟草专卖局" in text
    assert text.count("经营场所使用证明") == 1 and "烟草专卖零售许可证申请表" in text  # shared: listed once
    single = submit_request(ctx, sign_accepted(), clerk)
    assert documents.case_document(ctx, single.number, whole_visit=True).cases == ()  # a one-case voucher as before
