"""A model of window, centre and back office (hypothesis state machine): whatever the order of
intakes, syncs, lost answers, decisions and window actions, after a clean sync the window and
the centre agree on every case, or the disagreement is recorded as an issue, never silent."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import pytest
import server_harness as testing
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select

from clerk_app.domain.case import IllegalTransition
from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.services import cases as case_service
from clerk_app.services.case_actions import ActionRefused
from clerk_app.services.case_actions.hand_out import hand_out
from clerk_app.store import audit, counters, outbox
from clerk_app.store import sync_state as state
from clerk_app.store.models import Case
from clerk_app.sync.engine import run_round
from clerk_app.sync.enroll import enroll

from .conftest import make_case
from .test_faults import DropAnswer

ACTIONS = ["accept", "review", "supplement", "approve", "refuse", "ready"]


def make_machine(template: testing.SqliteTemplate, root: Path):
    class WindowAndCentre(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.dir = Path(tempfile.mkdtemp(dir=root))
            self.old_home = os.environ.get("CLERK_HOME")
            os.environ["CLERK_HOME"] = str(self.dir / "home")
            self.engine = testing.make_engine(template.fresh(self.dir))
            self.central = testing.Central(self.engine)
            from clerk_app.services.context import open_context

            self.ctx = open_context()
            enroll(self.ctx, self.central.url, self.central.add_window(self.ctx.window_id))
            self.saved: list[str] = []

        def teardown(self):
            try:
                self._converge_and_compare()
            finally:
                self.ctx.close()
                self.central.stop()
                self.engine.dispose()
                if self.old_home is None:
                    os.environ.pop("CLERK_HOME", None)
                else:
                    os.environ["CLERK_HOME"] = self.old_home

        @rule()
        def intake(self):
            self.saved.append(make_case(self.ctx))

        @rule()
        def sync(self):
            run_round(self.ctx)

        @rule(path=st.sampled_from(["/v1/push", "/v1/pull", "/v1/audit", "/v1/hello"]))
        def sync_losing_an_answer(self, path):
            run_round(self.ctx, transport=DropAnswer(path))

        @rule(pick=st.integers(0, 50), action=st.sampled_from(ACTIONS))
        def back_office_decides(self, pick, action):
            with self.engine.connect() as conn:
                held = conn.exec_driver_sql("SELECT case_no FROM cases ORDER BY case_no").scalars().all()
            if held:
                resp = self.central.decide(held[pick % len(held)], action)
                assert resp.status_code in (200, 409), resp.text

        @rule(pick=st.integers(0, 50))
        def applicant_withdraws_while_back_office_decides(self, pick):
            """The classic race: both sides move the same case before they hear of each other."""
            with self.engine.connect() as conn:
                held = conn.exec_driver_sql("SELECT case_no FROM cases ORDER BY case_no").scalars().all()
            if held:
                no = held[pick % len(held)]
                self.central.decide(no, "approve")
                with contextlib.suppress(IllegalTransition):
                    case_service.transition(self.ctx, no, "withdrawn", LOCAL_CLERK, "申请人撤回")

        @rule(pick=st.integers(0, 50), what=st.sampled_from(["withdraw", "hand_out"]))
        def window_acts(self, pick, what):
            if not self.saved:
                return
            no = self.saved[pick % len(self.saved)]
            try:
                if what == "withdraw":
                    case_service.transition(self.ctx, no, "withdrawn", LOCAL_CLERK, "申请人撤回")
                else:
                    hand_out(self.ctx, no, LOCAL_CLERK, "王小明", "310115198001011238", collector="agent",
                             authorisation_kept=True)
            except (IllegalTransition, ActionRefused):
                pass

        @invariant()
        def audit_chain_unbroken(self):
            with self.ctx.store.read() as s:
                assert audit.verify(s)[1] == []

        def _converge_and_compare(self):
            for _ in range(6):
                report = run_round(self.ctx)
                if report.ok and report.waiting == 0 and not report.pulled and not report.pushed:
                    break
            assert report.ok, report.lines()
            with self.ctx.store.read() as s:
                local = dict(s.execute(select(Case.case_no, Case.status)).all())
                open_issues = state.open_issues(s, 10_000)
                issued = counters.peek(s, outbox.OUTBOX_COUNTER)
            issues = " ".join(i.reason + str(i.payload) + i.entity_id for i in open_issues)
            with self.engine.connect() as conn:
                central = dict(conn.exec_driver_sql("SELECT case_no, status FROM cases").all())
                held = conn.exec_driver_sql("SELECT count(*) FROM changes").scalar()
                refused = conn.exec_driver_sql("SELECT count(*) FROM changes WHERE status <> 'applied'").scalar()
            assert set(self.saved) <= set(local) == set(central)
            assert held == issued, "every change the window made reached the centre once"
            assert refused == sum(i.direction == "push" for i in open_issues), "every refusal is kept at the window"
            for no, status in local.items():
                if status != central[no]:  # a disagreement must have left a trace for the admin
                    assert no in issues or self._case_id(no) in issues, (no, status, central[no])

        def _case_id(self, no: str) -> str:
            with self.ctx.store.read() as s:
                return s.execute(select(Case.id).where(Case.case_no == no)).scalar_one()

    return WindowAndCentre


@pytest.mark.timeout(240)
def test_window_and_centre_never_diverge_silently(tmp_path, sqlite_template):
    machine = make_machine(sqlite_template, tmp_path)
    run_state_machine_as_test(machine, settings=settings(
        max_examples=10, stateful_step_count=16, deadline=None, derandomize=True,
        suppress_health_check=list(HealthCheck)))
