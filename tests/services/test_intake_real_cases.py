"""Issue 10 through the service the wizard and ``clerk intake`` share."""

from __future__ import annotations

from store.samples import sign_accepted, submit_request

from clerk_app.intake.request import flow_from_json


def test_a_mail_application_already_overdue_at_entry_is_flagged_to_the_clerk(ctx):
    r = submit_request(ctx, sign_accepted(channel="mail", received_at="2026-11-10T09:00:00"))  # 5 working days
    assert r.due_date == "2026-11-17"
    assert any("承诺办结日期 2026-11-17 已过（今天 2026-11-23）" in w for w in r.warnings)


def test_a_letter_before_the_centres_bound_is_refused(ctx):
    _, errors = flow_from_json(sign_accepted(channel="mail", received_at=12345), ctx.catalogue, ctx.calendar,
                               ctx.clock(), ctx.settings.centre.mail_max_age_days)
    assert [e.field for e in errors] == ["received_at"] and "最早日期" in errors[0].message


def test_copies_short_give_a_notice_that_says_so(ctx):
    data = sign_accepted()
    data["materials"]["lease_contract"] = {"status": "copy", "copies": 0}
    r = submit_request(ctx, data)
    assert r.outcome.value == "notice"
    assert [(m["id"], m["problem"]) for m in r.missing] == [("any:property_cert|lease_contract", "复印件须 1 份，仅收 0 份")]
