"""一件事 at the centre: an application's cases replicate one by one and come back decided one by one."""

from __future__ import annotations

import json

from store.samples import convenience_store, submit_request

from clerk_app.services import cases
from clerk_app.sync.engine import run_round


def test_each_case_of_an_application_replicates_and_is_decided_on_its_own(window, central):
    r = submit_request(window, convenience_store())
    report = run_round(window)
    assert report.ok, report.lines()
    assert report.pushed == 3 and report.refused == 0
    for c in r.cases:
        assert central.scalar("SELECT status FROM cases WHERE case_no = :n", n=c.number) == c.outcome.value
        payload = central.scalar("SELECT payload FROM changes WHERE kind = 'case' AND entity_id = "
                                 "(SELECT id FROM cases WHERE case_no = :n)", n=c.number)
        data = payload if isinstance(payload, dict) else json.loads(payload)
        assert data["application_no"] == r.application_no and [i["code"] for i in data["items"]] == [c.item]
    licence = r.cases[0]
    assert central.decide(licence.number, "approve", note="准予登记").status_code == 200
    assert run_round(window).ok
    after = {c.case_no: c.status.value for c in cases.application_cases(window, r.application_no)}
    assert after[licence.number] == "approved"
    assert [after[c.number] for c in r.cases[1:]] == ["accepted", "received"]  # the others wait for their own
