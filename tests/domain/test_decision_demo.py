"""The intake rules on real items of the demo catalogue (forms/)."""

from __future__ import annotations

from datetime import date

from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.checklist import Selection, build_checklist
from clerk_app.domain.decision import MaterialStatus, Outcome, Provided, Verdict, decide

M = MaterialStatus
MON = date(2026, 11, 23)
CAL = WorkCalendar.of([], [], [2026, 2027])


def decide_demo(demo, code, situation, provided, kind="person", agent=False, answers=None, channel="counter"):
    item = demo.items[code]
    answers = {code: answers or {}}
    id_type = "resident_id" if kind == "person" else "uscc"  # what the intake always knows of its applicant
    lines = build_checklist(demo, [Selection(code, situation)], kind, agent, answers, id_type)
    return decide([item], lines, {k: Provided(*v) if isinstance(v, tuple) else Provided(v)
                                   for k, v in provided.items()}, MON, CAL, channel)


SIGN = {"sign_application": M.ORIGINAL, "business_license": M.E_LICENSE,
        "any:property_cert|lease_contract": (M.COPY, "lease_contract"), "sign_design": M.ORIGINAL,
        "sign_safety_commitment": M.COMMITMENT}


def test_outdoor_sign_complete_is_accepted_on_receipt(demo):
    d = decide_demo(demo, "000162001000", "new", SIGN)
    assert d.outcome is Outcome.ACCEPTED
    assert d.due.due == date(2026, 11, 30)  # 5 working days


def test_outdoor_sign_online_channel_is_faster(demo):
    assert decide_demo(demo, "000162001000", "new", SIGN, channel="online").due.due == date(2026, 11, 26)


def test_outdoor_sign_paper_licence_copy_where_e_licence_also_fine(demo):
    assert decide_demo(demo, "000162001000", "new", {**SIGN, "business_license": M.COPY}).outcome \
        is Outcome.ACCEPTED


def test_outdoor_sign_design_copy_only_gives_a_notice(demo):
    d = decide_demo(demo, "000162001000", "new", {**SIGN, "sign_design": M.COPY})
    assert d.outcome is Outcome.NOTICE
    assert [(r.line.name, r.problem) for r in d.problems] == [(demo.materials["sign_design"].name, "须提交原件，仅有复印件")]


def test_social_service_org_needs_department_acceptance_so_it_is_received(demo):
    provided = {"social_org_application": M.ORIGINAL, "articles_of_association": M.ORIGINAL,
                "capital_verification": M.ORIGINAL, "any:property_cert|lease_contract": (M.COPY, "property_cert"),
                "legal_rep_id": M.E_LICENSE}
    d = decide_demo(demo, "000131010000", "new", provided)
    assert d.outcome is Outcome.RECEIVED
    assert d.due.due == date(2026, 12, 21)  # 20 working days


def test_sole_proprietor_with_tolerated_premises_proof(demo):
    provided = {"sole_proprietor_application": M.ORIGINAL, "applicant_id": M.E_LICENSE,
                "any:property_cert|lease_contract": M.TOLERATED}
    d = decide_demo(demo, "000117001000", "new", provided, answers={"op": "new"})
    assert d.outcome is Outcome.ACCEPTED_TOLERATED
    assert d.supplement_due.due == date(2026, 11, 26)  # tolerate_days = 3
    assert d.due.due == date(2026, 11, 26)  # window limit 3


def test_teacher_certificate_lists_every_problem(demo):
    provided = {"teacher_cert_application": M.ORIGINAL, "applicant_id": M.E_LICENSE,
                "education_cert": M.COPY, "mandarin_cert": M.COPY, "teacher_exam_cert": M.E_LICENSE,
                "teacher_physical_exam": M.TOLERATED}
    d = decide_demo(demo, "000109006000", "apply", provided)
    assert d.outcome is Outcome.NOTICE
    got = {r.line.key: r.verdict for r in d.to_notify}
    assert got == {"education_cert": Verdict.NONCONFORMING,  # original and copy required
                   "teacher_exam_cert": Verdict.NONCONFORMING,  # no e-licence for it
                   "teacher_physical_exam": Verdict.TOLERATED,
                   "photo_2inch": Verdict.MISSING}


def test_unemployment_termination_proof_depends_on_the_answer(demo):
    base = {"unemployment_registration_form": M.ORIGINAL, "applicant_id": M.ORIGINAL}
    assert decide_demo(demo, "000134012000", "register", base, answers={"insured": "no"}).outcome \
        is Outcome.ACCEPTED
    d = decide_demo(demo, "000134012000", "register", base, answers={"insured": "yes"})
    assert d.outcome is Outcome.NOTICE and d.problems[0].line.key == "termination_proof"
    assert d.due is None


def test_marriage_registration_is_immediate(demo):
    provided = {"applicant_id": M.ORIGINAL, "hukou_book": M.E_LICENSE, "photo_marriage": M.ORIGINAL,
                "marriage_declaration": M.ORIGINAL}
    d = decide_demo(demo, "000131001000", "mainland", provided, answers={"nationality": "mainland"})
    assert d.outcome is Outcome.ACCEPTED and d.due.due == MON
