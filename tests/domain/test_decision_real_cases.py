"""Checklist rules that held wrong on real guides: 任选其一 order, copies counted, channel limits, 容缺 dates."""

from __future__ import annotations

from datetime import date, datetime
from itertools import permutations

from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.catalog import ChannelLimits, HandlingKind, item_problems
from clerk_app.domain.checklist import Selection, build_checklist
from clerk_app.domain.decision import MaterialStatus, Outcome, Provided, Verdict, best_offer, decide, judge
from clerk_app.intake.request import flow_from_json

from .builders import catalogue, item, req, situation

M = MaterialStatus
MON = date(2026, 11, 23)
CAL = WorkCalendar.of([], [], [2026, 2027])
ID_SLOT = req(any_of=["applicant_id", "social_security_card", "hk_mo_permit"], slot_name="身份证明（任选其一）")
ITEM = item("400001", situation("main", req("application", form="original"), ID_SLOT), days=5)
CAT = catalogue(ITEM)
PERSON = {"kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13812345678"}
NOW = datetime(2026, 11, 23, 10)


def _outcome(materials: dict) -> Outcome:
    flow, errors = flow_from_json({"items": [{"code": "400001"}], "applicant": PERSON, "materials": materials},
                                  CAT, CAL, NOW)
    assert flow is not None, errors
    return flow.decision(NOW).outcome


def test_id_handed_in_and_social_card_missing_is_accepted_either_way_round():
    a = {"application": "original", "applicant_id": "original", "social_security_card": "missing"}
    b = {"application": "original", "social_security_card": "missing", "applicant_id": "original"}
    assert _outcome(a) is Outcome.ACCEPTED
    assert _outcome(b) is Outcome.ACCEPTED


STATUSES = st.sampled_from(["original", "copy", "missing", "n/a", "e-license", "tolerated"])


@settings(max_examples=150, deadline=None)
@given(st.fixed_dictionaries({"application": STATUSES}, optional={
    "applicant_id": STATUSES, "social_security_card": STATUSES, "hk_mo_permit": STATUSES,
    ID_SLOT.key: STATUSES}))
def test_the_decision_does_not_depend_on_the_order_of_keys(materials):
    outcomes = set()
    for order in permutations(materials):
        flow, errors = flow_from_json({"items": [{"code": "400001"}], "applicant": PERSON,
                                       "materials": {k: materials[k] for k in order}}, CAT, CAL, NOW)
        if flow is None:  # e.g. the slot named without saying which document: the same errors every way
            outcomes.add(tuple(sorted(str(e) for e in errors)))
            continue
        d = flow.decision(NOW)
        outcomes.add((d.outcome, tuple((r.provided, r.verdict) for r in d.results)))
    assert len(outcomes) == 1, outcomes


def _line(**kw):
    it = item("400002", situation("main", req("doc", **kw)))
    return build_checklist(catalogue(it), [Selection("400002", "main")], "person", False)[0]


def test_copies_are_counted_against_the_requirement():
    two_copies = _line(form="copy", copies=2)
    assert judge(two_copies, Provided(M.COPY, copies=1)) == (Verdict.NONCONFORMING, "复印件须 2 份，仅收 1 份")
    assert judge(two_copies, Provided(M.COPY, copies=2))[0] is Verdict.OK
    assert judge(two_copies, Provided(M.COPY))[0] is Verdict.OK  # not counted: taken as required (old requests)
    both = _line(form="original_and_copy", copies=2)
    assert judge(both, Provided(M.ORIGINAL, copies=1, originals=0)) == (
        Verdict.NONCONFORMING, "原件须 1 份，仅收 0 份；复印件须 2 份，仅收 1 份")
    either = _line(form="original_or_copy", copies=3)
    assert judge(either, Provided(M.ORIGINAL, copies=1, originals=1)) == (
        Verdict.NONCONFORMING, "须提交 3 份，仅收 2 份")
    assert judge(either, Provided(M.ORIGINAL, copies=2, originals=1))[0] is Verdict.OK


def test_copies_in_the_json_request_and_the_notice_says_what_is_short():
    it = item("400003", situation("main", req("application", form="original"), req("plan", form="copy", copies=2)))
    cat = catalogue(it)
    flow, errors = flow_from_json({"items": [{"code": "400003"}], "applicant": PERSON, "materials": {
        "application": "original", "plan": {"status": "copy", "copies": 1}}}, cat, CAL, NOW)
    assert flow is not None, errors
    d = flow.decision(NOW)
    assert d.outcome is Outcome.NOTICE
    assert [(r.line.key, r.problem) for r in d.to_notify] == [("plan", "复印件须 2 份，仅收 1 份")]
    assert flow.draft.provided["plan"] == Provided(M.COPY, None, 1, None)


def test_best_offer_prefers_the_satisfying_member_then_catalogue_order():
    line = build_checklist(CAT, [Selection("400001", "main")], "person", False)[1]
    offers = [Provided(M.MISSING, "social_security_card"), Provided(M.ORIGINAL, "hk_mo_permit"),
              Provided(M.ORIGINAL, "applicant_id")]
    for order in permutations(offers):
        assert best_offer(line, list(order)) == Provided(M.ORIGINAL, "applicant_id")


def _channel_item(**kw):
    base = {"kind": HandlingKind.IMMEDIATE, "promised_limit_days": 0, "legal_limit_days": 20}
    return item("400004", situation("main", req("application")), days=0).model_copy(update={**base, **kw})


def test_immediate_at_the_window_and_five_working_days_online():
    it = _channel_item(channel_limits=ChannelLimits(window=0, online=5))
    assert item_problems(it) == []
    cat = catalogue(it)
    lines = build_checklist(cat, [Selection("400004", "main")], "person", False)
    ok = {"application": Provided(M.ORIGINAL)}
    assert decide([it], lines, ok, MON, CAL, "counter").due.due == MON
    assert decide([it], lines, ok, MON, CAL, "online").due.due == date(2026, 11, 30)
    assert it.is_immediate_on("counter") and not it.is_immediate_on("online")


def test_an_immediate_item_may_promise_one_working_day():
    it = _channel_item(promised_limit_days=1)
    assert item_problems(it) == []
    lines = build_checklist(catalogue(it), [Selection("400004", "main")], "person", False)
    assert decide([it], lines, {"application": Provided(M.ORIGINAL)}, MON, CAL).due.due == date(2026, 11, 24)
    assert ("promised_limit_days", "即办件的承诺时限应为 0（当场办结）或 1 个工作日") in item_problems(
        _channel_item(promised_limit_days=2))


def test_a_tolerated_supplement_is_never_due_after_the_case():
    it = item("400005", situation("main", req("application"), req("lab", tolerate=True, tolerate_days=5)),
              days=5).model_copy(update={"channel_limits": ChannelLimits(online=2)})
    lines = build_checklist(catalogue(it), [Selection("400005", "main")], "person", False)
    provided = {"application": Provided(M.ORIGINAL), "lab": Provided(M.TOLERATED)}
    online = decide([it], lines, provided, MON, CAL, "online")
    assert online.outcome is Outcome.ACCEPTED_TOLERATED
    assert online.due.due == date(2026, 11, 25)
    assert online.supplement_due.due == date(2026, 11, 25)  # not the 30th: the case is due on the 25th
    assert decide([it], lines, provided, MON, CAL, "counter").supplement_due.due == date(2026, 11, 30)
