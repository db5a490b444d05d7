"""告知承诺 materials delivered after the decision are tracked on the case (issue 10): the rule is kept
at intake, the date is set from the day the case is decided, and the case view, ``clerk case show``
and the 告知承诺书 show it."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pypdf
from store.samples import food_tolerated, submit_request

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.services import cases, documents
from clerk_app.store.models import AuditEntry, OutboxEntry

CLERK = Clerk(id="s1", name="张三", badge="A017")


def _request():
    req = food_tolerated()
    req["materials"]["food_safety_manager"] = "commitment"  # 20 working days after the decision
    req["materials"]["health_certificates"] = "copy"
    return req


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))


def test_the_rule_is_kept_at_intake_and_the_date_set_when_the_case_is_granted(ctx, clock):
    r = submit_request(ctx, _request(), CLERK)
    rec = cases.get_case(ctx, r.number)
    assert rec is not None and rec.outcome.value == "accepted"
    [m] = rec.after_decision_commitments()
    assert m.key == "food_safety_manager" and m.after_decision_days == 20 and m.deliver_by is None
    assert m.after_decision_text() == "审批决定之日起20个工作日内提交（日期自作出决定之日起计算）"
    assert not [x for x in rec.materials if x.key == "food_safety_rules" and x.after_decision_days]  # at intake

    clock.now = datetime(2026, 11, 30, 10, 0)  # a Monday: 20 working days on is 2026-12-28
    cases.transition(ctx, r.number, CaseStatus.IN_REVIEW, CLERK)
    assert cases.get_case(ctx, r.number).after_decision_commitments()[0].deliver_by is None  # not yet decided
    cases.transition(ctx, r.number, CaseStatus.APPROVED, CLERK)
    [m] = cases.get_case(ctx, r.number).after_decision_commitments()
    assert m.deliver_by == date(2026, 12, 28)
    assert m.after_decision_text() == "审批决定之日起20个工作日内提交（2026-12-28前）"
    with ctx.store.read() as s:
        assert s.query(AuditEntry).filter_by(action="case.commitments_due", subject=r.number).count() == 1
        sent = [o.payload for o in s.query(OutboxEntry).filter_by(kind="case_material")]
        assert [(p["key"], p["deliver_by"]) for p in sent] == [("food_safety_manager", "2026-12-28")]


def test_the_commitment_letter_and_case_show_print_the_deadline(ctx, clock, capsys):
    r = submit_request(ctx, _request(), CLERK)
    text = _text(documents.preview(ctx, r.number, "commitment"))
    assert "提交期限：审批决定之日起20个工作日内提交" in text
    clock.now = datetime(2026, 11, 30, 10, 0)
    cases.transition(ctx, r.number, CaseStatus.APPROVED, CLERK)
    assert "审批决定之日起20个工作日内提交（2026年12月28日前）" in _text(documents.preview(ctx, r.number, "commitment"))

    import functools

    import clerk_app.services.context as context
    from clerk_app.cli import main

    context_open = functools.partial(context.open_context, clock=clock)
    import pytest

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(context, "open_context", context_open)
        capsys.readouterr()
        assert main(["case", "show", r.number]) == 0
    out = capsys.readouterr().out
    assert "承诺补交: 食品安全管理人员" in out and "2026-12-28前" in out

