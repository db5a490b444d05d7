"""一件事 as one application with one case per item, each decided by its own rules (pure domain)."""

from __future__ import annotations

from datetime import date

from clerk_app.domain.application import application_checklist, decide_application
from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.catalog import Catalogue, Material, Result
from clerk_app.domain.checklist import Selection
from clerk_app.domain.decision import MaterialStatus, Outcome, Provided, after_decision_due

from .builders import catalogue, item, req, situation

M = MaterialStatus
MON = date(2026, 11, 23)
CAL = WorkCalendar.of([], [], [2026, 2027])

LICENCE = item("700001", situation("main", req("licence_form", form="original"), req("applicant_id", form="original"),
                                   req(any_of=["deed", "lease"], form="copy")), days=3).model_copy(
    update={"result": Result(name="营业执照", kind="证照", delivery=["窗口领取"], material="business_license")})
FOOD = item("700002", situation("main", req("food_form", form="original"), req("business_license", form="copy"),
                                req("legal_rep_id", form="original_and_copy"),
                                req(any_of=["deed", "lease"], form="copy", copies=2)), days=10)
TOBACCO = item("700003", situation("main", req("tobacco_form", form="original"), req("business_license", form="copy"),
                                   req("applicant_id", form="original")), days=20, accept_on_receipt=False)


def _cat() -> Catalogue:
    cat = catalogue(LICENCE, FOOD, TOBACCO)
    mats = dict(cat.materials)
    mats["applicant_id"] = Material(id="applicant_id", name="申请人身份证", identity_of="applicant")
    mats["legal_rep_id"] = Material(id="legal_rep_id", name="经营者身份证件", identity_of="legal_rep")
    mats["business_license"] = Material(id="business_license", name="营业执照")
    return cat.model_copy(update={"materials": mats})


CAT = _cat()
SELS = [Selection("700001", "main"), Selection("700002", "main"), Selection("700003", "main")]
ALL_IN = {"licence_form": Provided(M.ORIGINAL), "applicant_id": Provided(M.ORIGINAL),
          "any:deed|lease": Provided(M.COPY, "lease", copies=2), "food_form": Provided(M.ORIGINAL),
          "tobacco_form": Provided(M.ORIGINAL)}


def test_convenience_store_gives_three_cases_with_their_own_outcomes_and_dates():
    cl = application_checklist(CAT, SELS, "person", False)
    d = decide_application(CAT, cl, ALL_IN, MON, CAL)
    got = {c.item.code: (c.outcome, c.due.due) for c in d.cases}
    assert got == {"700001": (Outcome.ACCEPTED, date(2026, 11, 26)),  # the 3-day promise is kept
                   "700002": (Outcome.ACCEPTED, date(2026, 12, 7)),
                   "700003": (Outcome.RECEIVED, date(2026, 12, 21))}  # not 收件即受理: only this one


def test_the_licence_issued_by_the_first_item_is_not_demanded():
    cl = application_checklist(CAT, SELS, "person", False)
    assert "business_license" not in {ln.key for ln in cl.lines}
    waived = {(w.item, w.line.key): w.reason for w in cl.waived}
    assert waived[("700002", "business_license")].startswith("由本次一并办理的“事项700001”产生")
    assert ("700003", "business_license") in waived
    alone = application_checklist(CAT, [Selection("700002", "main")], "person", False)
    assert "business_license" in {ln.key for ln in alone.lines}  # without the licence item it is demanded


def test_the_same_person_is_not_asked_twice_for_one_id():
    cl = application_checklist(CAT, SELS, "person", False)
    assert [ln.key for ln in cl.lines].count("applicant_id") == 1
    assert "legal_rep_id" not in {ln.key for ln in cl.lines}
    assert any(w.line.key == "legal_rep_id" and "同一证件" in w.reason for w in cl.waived)
    company = application_checklist(CAT, SELS, "company", False)
    assert "legal_rep_id" in {ln.key for ln in company.lines}  # a company's legal rep is someone else


def test_shared_materials_once_but_each_case_judged_by_its_own_requirement():
    cl = application_checklist(CAT, SELS, "person", False)
    shared = next(ln for ln in cl.lines if ln.key == "any:deed|lease")
    assert shared.items == ["700001", "700002"] and shared.copies == 2
    one_copy = dict(ALL_IN, **{"any:deed|lease": Provided(M.COPY, "lease", copies=1)})
    d = decide_application(CAT, cl, one_copy, MON, CAL)
    assert d.case("700001").outcome is Outcome.ACCEPTED  # asks for one copy
    assert d.case("700002").outcome is Outcome.NOTICE  # asks for two
    assert d.case("700002").decision.to_notify[0].problem == "复印件须 2 份，仅收 1 份"


def test_after_decision_delivery_is_tracked_from_the_decision():
    it = item("700004", situation("main", req("plan", commitment=True, commitment_after_decision=True,
                                              after_decision_days=20)))
    cl = application_checklist(catalogue(it), [Selection("700004", "main")], "person", False)
    line = cl.lines[0]
    assert after_decision_due(CAL, MON, line, Provided(M.COMMITMENT)).due == date(2026, 12, 21)
    assert after_decision_due(CAL, MON, line, Provided(M.ORIGINAL)) is None


def test_demo_open_restaurant_does_not_ask_for_the_licence_it_issues_nor_the_id_twice(demo):
    sels = [Selection("000117001000", "new"), Selection("000117007000", "new"), Selection("000120019000", "new"),
            Selection("000162001000", "new")]
    answers = {"000117007000": {"op": "new", "catering": "yes"}}
    cl = application_checklist(demo, sels, "person", False, answers, "resident_id")
    keys = {ln.key for ln in cl.lines}
    assert "business_license" not in keys and "legal_rep_id" not in keys and "applicant_id" in keys
    assert {w.line.key for w in cl.waived} >= {"business_license", "legal_rep_id"}
    codes = {c.item.code: c.handling_code for c in decide_application(demo, cl, {}, MON, CAL).cases}
    assert codes["000117001000"] == "11310107MB2F0417XA4000117001000001"  # its own 办理项编码


def test_acceptance_conditions_per_situation(demo):
    sole = demo.items["000117001000"]
    assert [c.id for c in sole.conditions_for("new")] == ["capable_person", "name_reserved"]
    assert [c.id for c in sole.conditions_for("cancel")] == ["no_pending_matters"]
    assert all(c.standard for c in sole.acceptance_conditions)
