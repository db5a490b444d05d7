"""Unfinished intakes: saved, listed per clerk, resumed exactly, discarded with an audit entry."""

from __future__ import annotations

from records_json import as_json
from sqlalchemy import select

from clerk_app.domain.decision import MaterialStatus
from clerk_app.domain.people import LOCAL_CLERK, Clerk, Party
from clerk_app.intake.draft import IntakeDraft
from clerk_app.intake.flow import IntakeFlow
from clerk_app.protocol.records import ItemSnapshot, NoticeRecord, PartySnapshot
from clerk_app.services import cases, drafts
from clerk_app.services.intake import submit
from clerk_app.store.models import AuditEntry, Draft

ID = "11010519491231002X"
OTHER = Clerk(id="c2", name="李四", badge="102")


def _flow(ctx) -> IntakeFlow:
    flow = IntakeFlow(ctx.catalogue, ctx.calendar)
    flow.choose_items(["000134011000"])
    flow.set_applicant(Party("person", "张三", ID, "13800138000"))
    return flow


def test_save_list_load_roundtrip(ctx):
    flow = _flow(ctx)
    flow.provide("applicant_id", MaterialStatus.E_LICENSE)
    did = drafts.save(ctx, LOCAL_CLERK, flow.draft)
    assert flow.draft.draft_id == did
    infos = drafts.list_drafts(ctx, LOCAL_CLERK.id)
    assert [i.id for i in infos] == [did]
    assert "就业创业证申领" in infos[0].summary and "张三" in infos[0].summary
    assert ID not in infos[0].summary  # masked
    back = drafts.load(ctx, did)
    assert back is not None and back.draft_id == did
    assert back.to_dict() == flow.draft.to_dict()
    assert drafts.list_drafts(ctx, OTHER.id) == []


def test_saving_again_updates_the_same_draft(ctx):
    flow = _flow(ctx)
    did = drafts.save(ctx, LOCAL_CLERK, flow.draft)
    flow.provide("photo_2inch", MaterialStatus.ORIGINAL)
    assert drafts.save(ctx, LOCAL_CLERK, flow.draft) == did
    assert len(drafts.list_drafts(ctx, LOCAL_CLERK.id)) == 1
    assert drafts.load(ctx, did).provided["photo_2inch"].status is MaterialStatus.ORIGINAL


def test_submit_removes_the_draft_in_the_same_transaction(ctx):
    flow = _flow(ctx)
    for k in ("employment_registration_form", "applicant_id", "photo_2inch"):
        flow.provide(k, MaterialStatus.ORIGINAL)
    drafts.save(ctx, LOCAL_CLERK, flow.draft)
    res = submit(ctx, flow, LOCAL_CLERK)
    assert as_json(cases.get_case(ctx, res.number)) is not None
    assert drafts.list_drafts(ctx, LOCAL_CLERK.id) == []


def test_a_draft_never_shows_as_a_case(ctx):
    drafts.save(ctx, LOCAL_CLERK, _flow(ctx).draft)
    assert as_json(cases.list_cases(ctx)) == [] and as_json(cases.list_notices(ctx)) == []


def test_discard_deletes_and_audits(ctx):
    did = drafts.save(ctx, LOCAL_CLERK, _flow(ctx).draft)
    assert drafts.discard(ctx, did, LOCAL_CLERK) is True
    assert drafts.load(ctx, did) is None
    assert drafts.discard(ctx, did, LOCAL_CLERK) is False
    with ctx.store.read() as s:
        actions = [a.action for a in s.execute(select(AuditEntry)).scalars()]
    assert "draft.discard" in actions


def test_damaged_draft_is_reported_not_crashing(ctx):
    did = drafts.save(ctx, LOCAL_CLERK, _flow(ctx).draft)
    with ctx.store.transaction() as s:
        s.get(Draft, did).data = {"selections": [["x"]], "provided": {"k": ["bogus", None, None]}}
    try:
        drafts.load(ctx, did)
    except drafts.DraftUnreadable as exc:
        assert "无法恢复" in str(exc)
    else:  # pragma: no cover - the assertion is the point
        raise AssertionError("a damaged draft must raise DraftUnreadable")
    assert drafts.discard(ctx, did, LOCAL_CLERK)


def test_draft_from_notice_keeps_items_situations_and_people(ctx):
    notice = NoticeRecord.model_construct(
        notice_no="N310107010032611230001", theme_id=None,
        items=[ItemSnapshot(code="000117001000", name="个体工商户登记", situation="new"),
               ItemSnapshot(code="999", name="已下架", situation="x")],
        applicant=PartySnapshot.model_validate(Party("person", "张三", ID, "13800138000").to_dict()), agent=None,
    )
    d = drafts.draft_from_notice(ctx, notice)
    assert isinstance(d, IntakeDraft)
    assert [(s.code, s.situation) for s in d.selections] == [("000117001000", "new")]
    assert d.answers == {"000117001000": {"op": "new"}}
    assert d.applicant.name == "张三" and d.notice_no == notice.notice_no
    flow = IntakeFlow(ctx.catalogue, ctx.calendar, d)
    assert flow.errors(flow_step("situation")) == []


def flow_step(name):
    from clerk_app.intake.flow import Step

    return Step(name)


def test_a_draft_resumes_at_the_step_where_it_stopped(ctx):
    from clerk_app.intake.flow import Step

    flow = IntakeFlow(ctx.catalogue, ctx.calendar)
    flow.choose_items(["000117007000"])  # asks its situation
    flow.answer("000117007000", "op", "new")
    flow.answer("000117007000", "catering", "no")
    assert flow.go_next() == [] and flow.go_next() == [] and flow.step is Step.APPLICANT
    flow.set_applicant(Party("person", "张三", ID, "13800138000"))
    assert flow.go_next() == [] and flow.step is Step.MATERIALS
    did = drafts.save(ctx, LOCAL_CLERK, flow.draft)
    back = IntakeFlow(ctx.catalogue, ctx.calendar, drafts.load(ctx, did))
    assert back.step is Step.MATERIALS
    assert back.go_back() and back.step is Step.APPLICANT  # the way back is rebuilt too
    assert back.go_back() and back.step is Step.SITUATION
    assert back.go_back() and back.step is Step.ITEMS and back.is_first


def test_a_resumed_draft_stops_where_it_may_not_go_on_and_an_old_one_starts_at_the_first_step(ctx):
    from clerk_app.intake.flow import Step

    flow = _flow(ctx)
    flow.go_next()
    flow.go_next()
    assert flow.step is Step.MATERIALS
    data = flow.draft.to_dict()
    assert data["step"] == "materials"
    resumed = IntakeFlow(ctx.catalogue, ctx.calendar, IntakeDraft.from_dict(data))
    assert resumed.step is Step.MATERIALS
    no_phone = {**data, "applicant": {**data["applicant"], "phone": "123"}}  # now invalid on the way
    assert IntakeFlow(ctx.catalogue, ctx.calendar, IntakeDraft.from_dict(no_phone)).step is Step.APPLICANT
    old = {k: v for k, v in data.items() if k != "step"}  # saved before drafts kept their step
    assert IntakeFlow(ctx.catalogue, ctx.calendar, IntakeDraft.from_dict(old)).step is Step.ITEMS
    v1 = {"version": 1, "selections": [["000134011000", ""]], "provided": {}}
    assert IntakeFlow(ctx.catalogue, ctx.calendar, IntakeDraft.from_dict(v1)).step is Step.ITEMS
    unknown = {**data, "step": "signature"}  # a step of a later release
    assert IntakeFlow(ctx.catalogue, ctx.calendar, IntakeDraft.from_dict(unknown)).step is Step.ITEMS


def test_follow_up_of_a_notice_keeps_the_answers_and_the_verified_materials(ctx):
    """食品经营许可 (新办, 餐饮): the notice listed the catering lines, so the follow-up knows catering=yes
    without asking, and what was found in order at the first visit is not checked again."""
    from store.samples import food_tolerated, submit_request

    from clerk_app.domain.decision import Outcome
    from clerk_app.intake.flow import Step

    req = food_tolerated()
    req["materials"].update({"food_safety_manager": "missing", "health_certificates": "missing",
                             "legal_rep_id": "copy"})
    r = submit_request(ctx, req)
    assert r.outcome is Outcome.NOTICE
    notice = cases.get_notice(ctx, r.number)

    d = drafts.draft_from_notice(ctx, notice)
    assert d.answers == {"000117007000": {"op": "new", "catering": "yes"}}
    assert {k: p.status for k, p in d.provided.items()} == {
        "food_license_application": MaterialStatus.ORIGINAL, "business_license": MaterialStatus.E_LICENSE,
        "legal_rep_id": MaterialStatus.COPY, "food_site_layout": MaterialStatus.ORIGINAL,
        "food_safety_rules": MaterialStatus.COMMITMENT}
    flow = IntakeFlow(ctx.catalogue, ctx.calendar, d)
    assert flow.errors(Step.SITUATION) == []
    # Only what was missing is left to record; the saved draft keeps the rest across a resume.
    flow.provide("food_safety_manager", "original")
    flow.provide("health_certificates", "copy")
    assert flow.decision(ctx.clock()).outcome is Outcome.ACCEPTED
    did = drafts.save(ctx, LOCAL_CLERK, d)
    assert drafts.load(ctx, did).provided == d.provided


def test_follow_up_drops_a_verified_material_the_checklist_no_longer_has(ctx):
    from store.samples import food_tolerated, submit_request


    req = food_tolerated()
    req["materials"].update({"health_certificates": "missing"})
    notice = cases.get_notice(ctx, submit_request(ctx, req).number)
    changed = notice.model_copy(update={"materials": [
        m.model_copy(update={"key": "gone_material"}) if m.key == "food_site_layout" else m
        for m in notice.materials]})
    d = drafts.draft_from_notice(ctx, changed)
    assert "gone_material" not in d.provided and "food_site_layout" not in d.provided
    assert "food_license_application" in d.provided


def test_a_draft_keeps_the_pieces_the_cases_of_an_override_and_the_refusal_ground(ctx):
    from clerk_app.domain.decision import Outcome, Provided

    flow = _flow(ctx)
    flow.provide("applicant_id", MaterialStatus.ORIGINAL, copies=2, originals=1, originals_returned=True)
    flow.set_override(Outcome.NOT_ACCEPTED, "不属于本机关职权范围", ["000134011000"])
    flow.set_refusal_ground("outside_power", "区人力资源和社会保障局")
    back = drafts.load(ctx, drafts.save(ctx, LOCAL_CLERK, flow.draft))
    assert back is not None
    assert back.provided["applicant_id"] == Provided(MaterialStatus.ORIGINAL, None, 2, 1, True)
    assert back.override_items == ["000134011000"]
    assert (back.refusal_ground, back.refer_to) == ("outside_power", "区人力资源和社会保障局")
    old = {k: v for k, v in flow.draft.to_dict().items() if k not in ("override_items", "refusal_ground", "refer_to")}
    assert IntakeDraft.from_dict(old).override_items is None  # a draft saved before: every case
