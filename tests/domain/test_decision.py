"""The intake decision: 受理, 容缺受理, 收件, or a one-time notice listing everything wrong."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.checklist import Selection, build_checklist
from clerk_app.domain.decision import MaterialStatus, Outcome, Provided, Verdict, decide, judge

from .builders import catalogue, item, req, situation

M = MaterialStatus
MON = date(2026, 11, 23)  # a Monday
CAL = WorkCalendar.of([], [], [2026, 2027])  # weekends only, both years "published"

ITEM = item("300001", situation(
    "main",
    req("application", form="original"),
    req("id_card", form="original_and_copy", e_license=True),
    req("licence", form="copy", e_license=True),
    req("rules", form="original", commitment=True),
    req("health", form="copy", tolerate=True, tolerate_days=3),
    req("lab", form="original_or_copy", tolerate=True, tolerate_days=5),
    req(any_of=["deed", "lease"], form="copy"),
    req("poa", required=False, condition={"has_agent": True}),
    req("site_plan", required=False, condition={"text": "变更场所时提交"}),
), days=10)
CAT = catalogue(ITEM)

GOOD = {
    "application": Provided(M.ORIGINAL),
    "id_card": Provided(M.E_LICENSE),
    "licence": Provided(M.COPY),
    "rules": Provided(M.COMMITMENT),
    "health": Provided(M.ORIGINAL),
    "lab": Provided(M.COPY),
    "any:deed|lease": Provided(M.COPY, choice="lease"),
    "site_plan": Provided(M.NOT_APPLICABLE),
}


def run(provided, items=None, agent=False, cat=CAT, on=MON, channel="counter"):
    items = items or [ITEM]
    lines = build_checklist(cat, [Selection(i.code, "main") for i in items], "person", agent)
    return decide(items, lines, provided, on, CAL, channel)


def test_everything_in_order_on_an_accept_on_receipt_item_is_accepted_with_a_due_date():
    d = run(GOOD)
    assert d.outcome is Outcome.ACCEPTED
    assert d.problems == [] and d.to_notify == []
    assert d.due.due == date(2026, 12, 7)  # 10 working days from Tuesday 24th
    assert d.supplement_due is None and not d.warnings()


def test_without_accept_on_receipt_the_window_only_receives():
    it = ITEM.model_copy(update={"accept_on_receipt": False})
    d = run(GOOD, items=[it], cat=catalogue(it))
    assert d.outcome is Outcome.RECEIVED and d.due.due == date(2026, 12, 7)


def test_accept_on_receipt_only_when_every_item_of_the_intake_has_it():
    other = item("300002", situation("main", req("application")), accept_on_receipt=False, days=3)
    cat = catalogue(ITEM, other)
    assert run(GOOD, items=[ITEM, other], cat=cat).outcome is Outcome.RECEIVED


def test_original_satisfies_any_form_and_copy_satisfies_copy_forms():
    d = run({**GOOD, "licence": Provided(M.ORIGINAL), "any:deed|lease": Provided(M.ORIGINAL, choice="deed")})
    assert d.outcome is Outcome.ACCEPTED


def test_only_tolerated_gaps_give_accepted_tolerated_with_the_earliest_supplement_date():
    d = run({**GOOD, "health": Provided(M.TOLERATED), "lab": Provided(M.TOLERATED)})
    assert d.outcome is Outcome.ACCEPTED_TOLERATED
    assert [r.line.key for r in d.tolerated] == ["health", "lab"]
    assert {r.line.key: r.supplement_due.due for r in d.tolerated} == {
        "health": date(2026, 11, 26), "lab": date(2026, 11, 30)}
    assert d.supplement_due.due == date(2026, 11, 26)
    assert d.due.due == date(2026, 12, 7)
    assert [r.line.key for r in d.to_notify] == ["health", "lab"]  # listed on the 容缺 notice


def test_a_tolerated_gap_on_a_received_only_item_still_accepts_tolerated():
    it = ITEM.model_copy(update={"accept_on_receipt": False})
    d = run({**GOOD, "health": Provided(M.TOLERATED)}, items=[it], cat=catalogue(it))
    assert d.outcome is Outcome.ACCEPTED_TOLERATED


def test_notice_lists_every_missing_and_nonconforming_material_at_once():
    provided = {
        "application": Provided(M.COPY),  # copy where the original is required
        "id_card": Provided(M.COPY),  # copy where original and copy are required
        "licence": Provided(M.E_LICENSE),  # fine
        "rules": Provided(M.TOLERATED),  # tolerated where not allowed
        "health": Provided(M.TOLERATED),  # fine, but still listed
        # lab: not given at all
        "any:deed|lease": Provided(M.E_LICENSE, choice="deed"),  # e-licence where not allowed
        "site_plan": Provided(M.MISSING),  # the clerk said it applies and is missing
    }
    d = run(provided)
    assert d.outcome is Outcome.NOTICE
    assert d.due is None and d.item_due == {}
    verdicts = {r.line.key: (r.verdict, r.problem) for r in d.results}
    assert verdicts["application"] == (Verdict.NONCONFORMING, "须提交原件，仅有复印件")
    assert verdicts["id_card"] == (Verdict.NONCONFORMING, "须提交原件及复印件，仅有复印件")
    assert verdicts["rules"] == (Verdict.MISSING, "本材料不属于可容缺材料，须当场提交")
    assert verdicts["lab"] == (Verdict.MISSING, "未提交")
    assert verdicts["any:deed|lease"] == (Verdict.NONCONFORMING, "本材料不能以电子证照代替")
    assert verdicts["site_plan"][0] is Verdict.MISSING
    assert verdicts["licence"] == (Verdict.OK, "")
    assert [r.line.key for r in d.problems] == ["application", "id_card", "rules", "lab", "any:deed|lease",
                                                  "site_plan"]
    # the one-time notice also names the tolerated material, so one more visit is enough
    assert [r.line.key for r in d.to_notify] == ["application", "id_card", "rules", "health", "lab",
                                                   "any:deed|lease", "site_plan"]


def test_commitment_where_not_allowed_is_nonconforming():
    d = run({**GOOD, "licence": Provided(M.COMMITMENT)})
    assert d.outcome is Outcome.NOTICE
    assert d.problems[0].problem == "本材料不适用告知承诺"


def test_a_required_material_cannot_be_marked_not_applicable():
    d = run({**GOOD, "application": Provided(M.NOT_APPLICABLE)})
    assert d.outcome is Outcome.NOTICE
    assert d.problems[0].problem == "本材料为必需材料，不能标记为不适用"


def test_a_clerk_judged_conditional_material_must_be_marked_either_way():
    provided = dict(GOOD)
    del provided["site_plan"]
    d = run(provided)
    assert d.outcome is Outcome.NOTICE
    assert "不适用请标记" in d.problems[0].problem


def test_machine_decided_condition_makes_the_material_required():
    assert run(GOOD, agent=True).outcome is Outcome.NOTICE  # poa now needed and missing
    assert run({**GOOD, "poa": Provided(M.ORIGINAL)}, agent=True).outcome is Outcome.ACCEPTED


def test_any_of_choice_must_be_one_of_the_listed_materials():
    d = run({**GOOD, "any:deed|lease": Provided(M.COPY, choice="passport")})
    assert d.outcome is Outcome.NOTICE
    assert d.problems[0].problem == "所选材料不在本项可选范围内"


@pytest.mark.parametrize(("status", "allowed_line", "verdict"), [
    (M.E_LICENSE, "id_card", Verdict.OK),
    (M.E_LICENSE, "application", Verdict.NONCONFORMING),
    (M.COMMITMENT, "rules", Verdict.OK),
    (M.COMMITMENT, "health", Verdict.NONCONFORMING),
    (M.TOLERATED, "health", Verdict.TOLERATED),
    (M.TOLERATED, "licence", Verdict.MISSING),
    (M.COPY, "licence", Verdict.OK),
    (M.COPY, "lab", Verdict.OK),
    (M.COPY, "rules", Verdict.NONCONFORMING),
    (M.MISSING, "licence", Verdict.MISSING),
])
def test_judge_one_line(status, allowed_line, verdict):
    lines = {ln.key: ln for ln in build_checklist(CAT, [Selection("300001", "main")], "person", False)}
    assert judge(lines[allowed_line], Provided(status))[0] is verdict


def test_immediate_item_is_due_the_same_day():
    now = item("300003", situation("main", req("application")), days=0)
    d = run({"application": Provided(M.ORIGINAL)}, items=[now], cat=catalogue(now))
    assert d.outcome is Outcome.ACCEPTED and d.due.due == MON


def test_several_items_each_keep_their_due_date_and_the_case_is_due_at_the_latest():
    fast = item("300004", situation("main", req("application")), days=2)
    cat = catalogue(ITEM, fast)
    d = run(GOOD, items=[ITEM, fast], cat=cat)
    assert d.item_due["300004"].due == date(2026, 11, 25)
    assert d.item_due["300001"].due == date(2026, 12, 7)
    assert d.due.due == date(2026, 12, 7)


@pytest.mark.parametrize(("channel", "due"), [
    ("counter", date(2026, 12, 7)),  # window limit 10
    ("online", date(2026, 12, 1)),  # online limit 6
    ("mail", date(2026, 12, 9)),  # mail limit 12
])
def test_channel_limits(channel, due):
    it = ITEM.model_copy(update={"channel_limits": ITEM.channel_limits.model_copy(
        update={"window": 10, "online": 6, "mail": 12})})
    assert run(GOOD, items=[it], cat=catalogue(it), channel=channel).due.due == due


def test_unset_channel_uses_the_promised_limit():
    assert run(GOOD, channel="mail").due.due == date(2026, 12, 7)


def test_a_deadline_in_an_unpublished_year_is_provisional_with_a_warning():
    cal_2026_only = WorkCalendar.of([], [], [2026])
    lines = build_checklist(CAT, [Selection("300001", "main")], "person", False)
    d = decide([ITEM], lines, {**GOOD, "health": Provided(M.TOLERATED)}, date(2026, 12, 28), cal_2026_only)
    assert d.outcome is Outcome.ACCEPTED_TOLERATED
    assert d.due.provisional and d.due.provisional_years == (2027,)
    assert d.warnings() == ["2027年法定节假日安排尚未录入，期限暂按周末推算，请以公布的安排为准"]
