"""The intake engine's own navigation: next/back, skipping, step validity, one writer of the draft."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from clerk_app.domain.decision import MaterialStatus, Outcome, Provided, Verdict
from clerk_app.domain.people import Party
from clerk_app.intake.flow import IntakeFlow, Step, entry, line_verdict, offered_statuses

ID = "11010519491231002X"
NOW = datetime(2026, 11, 23, 10, 0)


def test_an_item_without_questions_skips_the_situation_step_both_ways(ctx):
    flow = IntakeFlow(ctx.catalogue, ctx.calendar)
    assert flow.step is Step.ITEMS and flow.is_first
    assert [e.field for e in flow.go_next(NOW)] == ["items"]  # nothing chosen: stays
    assert flow.step is Step.ITEMS
    flow.choose_items(["000162001000"])  # 户外招牌设置: one situation, no question
    assert flow.draft.selections[0].situation  # resolved when chosen, not at submit
    assert flow.go_next(NOW) == [] and flow.step is Step.APPLICANT
    assert flow.go_back() and flow.step is Step.ITEMS
    assert not flow.go_back()


def test_an_item_with_questions_asks_and_may_not_proceed_unanswered(ctx):
    flow = IntakeFlow(ctx.catalogue, ctx.calendar)
    flow.choose_items(["000117001000"])
    assert flow.go_next(NOW) == [] and flow.step is Step.SITUATION
    assert [e.field for e in flow.go_next(NOW)] == ["items[0].situation"]
    flow.answer("000117001000", "op", "new")
    assert flow.situation_name("000117001000")
    assert flow.go_next(NOW) == [] and flow.step is Step.APPLICANT
    flow.set_applicant(Party("person", " 张三 ", "11010519491231002x", "138 1234 5678"))
    assert flow.draft.applicant == Party("person", "张三", ID, "13812345678")  # normalised once, on entry
    assert flow.go_next(NOW) == [] and flow.step is Step.MATERIALS
    assert flow.go_next(NOW) == [] and flow.step is Step.DECISION and flow.is_last
    assert flow.go_next(NOW) == [] and flow.step is Step.DECISION  # committing is the service's
    assert flow.go_back() and flow.step is Step.MATERIALS
    assert flow.go_back() and flow.step is Step.APPLICANT
    assert flow.go_back() and flow.step is Step.SITUATION


def test_a_new_answer_or_situation_clears_the_recorded_materials_but_the_same_one_does_not(ctx):
    flow = IntakeFlow(ctx.catalogue, ctx.calendar)
    flow.choose_items(["000117001000"])
    flow.answer("000117001000", "op", "new")
    flow.provide("applicant_id", MaterialStatus.ORIGINAL)
    flow.answer("000117001000", "op", "new")
    assert "applicant_id" in flow.draft.provided
    flow.answer("000117001000", "op", "change")
    assert flow.draft.provided == {}


def test_an_applicant_kind_the_item_does_not_take_stops_the_applicant_step(ctx):
    flow = IntakeFlow(ctx.catalogue, ctx.calendar)
    flow.choose_items(["000134011000"])  # 就业创业证申领: persons only
    flow.go_next(NOW)
    flow.set_applicant(Party("company", "某公司", "91350100M000100Y43", "13800138000"))
    assert [e.field for e in flow.go_next(NOW)] == ["applicant.kind"]
    assert flow.step is Step.APPLICANT


def test_a_ticked_agent_without_details_is_flagged_and_an_unticked_one_dropped(ctx):
    flow = IntakeFlow(ctx.catalogue, ctx.calendar)
    flow.set_agent(None, wanted=True)
    assert flow.draft.agent == Party("person", "", "")
    assert any(e.field.startswith("agent.") for e in flow.errors(Step.APPLICANT))
    flow.set_agent(Party("person", "李四", ID, "13800138000"), wanted=False)
    assert flow.draft.agent is None


def test_mail_arrival_is_kept_to_the_minute_in_local_time(ctx):
    flow = IntakeFlow(ctx.catalogue, ctx.calendar)
    flow.set_channel("mail", datetime(2026, 11, 20, 9, 30, 41, 5))
    assert flow.draft.received_at == datetime(2026, 11, 20, 9, 30)
    aware = datetime(2026, 11, 20, 1, 30, tzinfo=UTC)
    flow.set_channel("mail", aware)
    assert flow.draft.received_at.tzinfo is None
    assert flow.draft.received_at == aware.astimezone().replace(tzinfo=None)
    assert flow.draft.received_at - datetime(2026, 11, 20) < timedelta(days=1)


def test_override_keeps_its_reason_only_when_differing(ctx):
    flow = IntakeFlow(ctx.catalogue, ctx.calendar)
    flow.set_override(Outcome.NOT_ACCEPTED, "  不属于本中心受理范围 ")
    assert flow.draft.override_reason == "不属于本中心受理范围"
    flow.set_override(None, "left in the box")
    assert (flow.draft.override_outcome, flow.draft.override_reason) == (None, "")


def test_material_rules_live_in_the_engine(ctx):
    flow = IntakeFlow(ctx.catalogue, ctx.calendar)
    flow.choose_items(["000117001000"])
    flow.answer("000117001000", "op", "new")
    flow.set_applicant(Party("person", "张三", ID, "13800138000"))
    lines = {ln.key: ln for ln in flow.checklist()}
    choice = lines["any:property_cert|lease_contract"]
    assert MaterialStatus.TOLERATED in offered_statuses(choice)
    assert MaterialStatus.NOT_APPLICABLE not in offered_statuses(lines["applicant_id"])
    named = entry(choice, MaterialStatus.ORIGINAL, None, 1)
    assert line_verdict(choice, named)[0] is Verdict.NONCONFORMING  # 任选其一 must name the paper
    assert entry(choice, MaterialStatus.MISSING, "lease_contract", 2) == entry(choice, MaterialStatus.MISSING)
    flow.provide_line(choice, MaterialStatus.COPY, "lease_contract", 1)
    total, ok, tolerated, missing = flow.material_counts()
    assert total == len(lines) and ok == 1 and tolerated == 0 and missing == total - 1


def test_materials_left_from_another_applicant_kind_are_dropped_on_entering_the_step(ctx):
    flow = IntakeFlow(ctx.catalogue, ctx.calendar)
    flow.choose_items(["000162001000"])
    flow.provide("not_on_this_list", MaterialStatus.ORIGINAL)
    flow.go_next(NOW)
    flow.set_applicant(Party("person", "张三", ID, "13800138000"))
    assert flow.go_next(NOW) == [] and flow.step is Step.MATERIALS
    assert "not_on_this_list" not in flow.draft.provided


def test_all_as_required_marks_what_each_line_asks_and_keeps_the_exceptions(ctx):
    flow = IntakeFlow(ctx.catalogue, ctx.calendar)
    flow.choose_items(["000117007000"])  # 食品经营许可, 新办, catering: 7 lines for a person
    flow.answer("000117007000", "op", "new")
    flow.answer("000117007000", "catering", "yes")
    flow.set_applicant(Party("person", "张三", ID, "13800138000"))
    flow.provide("health_certificates", MaterialStatus.TOLERATED)  # an exception recorded first
    marked = flow.provide_all_as_required()
    lines = {ln.key: ln for ln in flow.checklist()}
    assert len(lines) == 7 and "health_certificates" not in marked and len(marked) == 6
    p = flow.draft.provided
    assert p["health_certificates"].status is MaterialStatus.TOLERATED
    assert p["food_license_application"] == Provided(MaterialStatus.ORIGINAL, None, 0, 1)  # form 原件: 1 original
    assert p["business_license"].status is MaterialStatus.COPY  # form 复印件 (e-licence not assumed)
    assert all(line_verdict(lines[k], p[k])[0] is Verdict.OK for k in marked)
    assert flow.decision(NOW).outcome is Outcome.ACCEPTED_TOLERATED
    assert flow.provide_all_as_required() == []  # nothing left to mark


def test_all_as_required_leaves_the_clerks_decisions_to_the_clerk(ctx):
    flow = IntakeFlow(ctx.catalogue, ctx.calendar)
    flow.choose_items(["000117001000"])  # 个体户登记: a 任选其一 slot; 原件及复印件 for the ID
    flow.answer("000117001000", "op", "new")
    flow.set_applicant(Party("person", "张三", ID, "13800138000"))
    lines = {ln.key: ln for ln in flow.checklist()}
    choice = [k for k, ln in lines.items() if ln.is_choice and ln.required]
    assert choice
    flow.provide_all_as_required()
    p = flow.draft.provided
    assert p["applicant_id"].status is MaterialStatus.ORIGINAL  # 原件及复印件: the original is seen
    for k in choice:  # marked as handed in, but which paper it was is the clerk's to name
        assert p[k].choice is None and line_verdict(lines[k], p[k])[0] is Verdict.NONCONFORMING
    assert [e.field for e in flow.errors(Step.MATERIALS)] == [f"materials.{k}" for k in choice]
    flow.provide(choice[0], MaterialStatus.COPY, "lease_contract", 1)
    flow.provide_all_as_required()
    assert flow.draft.provided[choice[0]].choice == "lease_contract"  # kept

    flow.answer("000117001000", "op", "change")  # a line "变更经营场所时提交" the clerk judges
    conditional = [k for k, ln in {ln.key: ln for ln in flow.checklist()}.items() if not ln.required]
    assert conditional
    marked = flow.provide_all_as_required()
    assert marked and all(k not in flow.draft.provided for k in conditional)


def test_a_request_may_take_the_materials_as_required_and_name_only_the_exceptions(ctx):
    from clerk_app.intake.request import flow_from_json

    req = {"items": [{"code": "000117007000", "answers": {"op": "new", "catering": "yes"},
                      "conditions": ["legal_entity", "premises_fit"]}],
           "applicant": {"kind": "person", "name": "张三", "id_number": ID, "phone": "13800138000"},
           "materials": {"health_certificates": "tolerated"}}
    flow, errs = flow_from_json(req, ctx.catalogue, ctx.calendar, NOW)
    assert errs == [] and flow.decision(NOW).outcome is Outcome.NOTICE  # six lines not handed in
    flow, errs = flow_from_json({**req, "materials_as_required": True}, ctx.catalogue, ctx.calendar, NOW)
    assert errs == [] and flow.decision(NOW).outcome is Outcome.ACCEPTED_TOLERATED
    assert flow.draft.provided["health_certificates"].status is MaterialStatus.TOLERATED
    assert flow.draft.provided["food_site_layout"].status is MaterialStatus.ORIGINAL
