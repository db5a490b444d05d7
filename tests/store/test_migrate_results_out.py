"""0012_results_out: a hand-out stored before keeps its meaning (no role, no 委托书, no courier code)."""

from __future__ import annotations

from sqlalchemy import text

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.services import cases
from clerk_app.services.case_actions.handouts import get_handout
from clerk_app.services.case_actions.mail import mail_result

from .samples import sign_accepted, submit_request
from .test_migrate_applications import _to


def test_a_handout_row_from_before_reads_with_the_defaults_and_downgrade_drops_the_columns(ctx):
    no = submit_request(ctx, sign_accepted()).number
    cases.transition(ctx, no, CaseStatus.IN_REVIEW, LOCAL_CLERK)
    cases.transition(ctx, no, CaseStatus.APPROVED, LOCAL_CLERK)
    cases.transition(ctx, no, CaseStatus.RESULT_READY, LOCAL_CLERK)
    mail_result(ctx, no, LOCAL_CLERK, "ems", "1180223344556", address="上海市普陀区长寿路1号")
    engine = ctx.store.engine
    _to(engine, "0010_applications", down=True)
    with engine.begin() as conn:
        cols = {r[1] for r in conn.execute(text("PRAGMA table_info(handouts)"))}
        assert "courier_code" not in cols and "receiver_role" not in cols
        conn.execute(text("UPDATE handouts SET courier = 'EMS', tracking_no = '118022334455'"))  # as written before
    _to(engine, "heads")
    engine.dispose()
    case = cases.get_case(ctx, no)
    h = get_handout(ctx, case.id)
    assert (h.courier, h.tracking_no, h.courier_code, h.cost_bearer, h.receiver_role, h.authorisation_kept) == (
        "EMS", "118022334455", "", "", "", False)
    assert case.tracking_no == "118022334455"
