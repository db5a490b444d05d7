"""An enquiry recorded at the window replicates to the centre and is applied there once."""

from __future__ import annotations

from clerk_app.domain.people import Clerk
from clerk_app.services import enquiries
from clerk_app.sync.engine import run_round


def test_enquiry_replicated_and_applied(window, central):
    clerk = Clerk(id="1001", name="张三", badge="PT-0301")
    rec = enquiries.add_enquiry(window, clerk, "000117001000", "告知须带身份证", id_number="11010519491231002X")
    report = run_round(window)
    assert report.ok and report.pushed == 1 and report.refused == 0, report.lines()
    assert central.scalar("SELECT count(*) FROM enquiries") == 1
    assert central.scalar("SELECT item_name FROM enquiries WHERE id = :i", i=rec.id) == "个体工商户登记"
    assert central.scalar("SELECT window_id FROM enquiries WHERE id = :i", i=rec.id) == window.window_id
    assert central.scalar("SELECT status FROM changes WHERE kind = 'enquiry'") == "applied"
    assert "11010519491231002X" not in central.scalar("SELECT payload FROM changes WHERE kind = 'enquiry'")
    assert run_round(window).pushed == 0  # sent once
