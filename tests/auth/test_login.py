"""Login at the window: passwords, lockout and its expiry, refusals, sessions, audit, no secrets leaked."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from clerk_app.services import drafts, staff
from clerk_app.services.context import open_context
from clerk_app.services.staff_login import LoginRefused, login, logout, open_sessions
from clerk_app.store.models import AuditEntry, Case, Draft, OutboxEntry
from clerk_app.store.staff_models import Staff, StaffSession

from .helpers import EMPLOYMENT, actions, add, audit_rows, take

PW = "secret-pass-1"


@pytest.fixture
def zhang(ctx):
    return add(ctx, "2001", "张三丰", PW, grants=["人社", "000117007000"])


def _staff(ctx, no) -> Staff:
    with ctx.store.read() as s:
        return s.get(Staff, no)


def test_good_password_logs_in_with_authorisations_and_opens_a_session(ctx, zhang):
    r = login(ctx, "2001", PW)
    assert (r.clerk.id, r.clerk.name, r.clerk.badge) == ("2001", "张三丰", "B-2001")
    assert r.clerk.on_behalf_of_id is None and r.clerk.display == "张三丰"
    assert r.clerk.may_take(EMPLOYMENT) and r.clerk.may_take("000117007000")
    assert not r.clerk.may_take("000131001000")  # 婚姻登记 is 民政
    [sess] = open_sessions(ctx)
    assert (sess.id, sess.staff_no, sess.window_id) == (r.session_id, "2001", ctx.window_id)
    login_entry = audit_rows(ctx)[-1]
    assert (login_entry.action, login_entry.actor, login_entry.subject) == ("staff.login", "张三丰", "2001")
    with ctx.store.read() as s:
        kinds = [o.kind for o in s.execute(select(OutboxEntry)).scalars()]
    assert kinds == ["staff_session"]


def test_wrong_password_is_refused_counted_and_audited(ctx, zhang):
    with pytest.raises(LoginRefused) as exc:
        login(ctx, "2001", "wrong-password")
    assert exc.value.reason == "bad_credentials"
    assert "工号或密码不正确" in str(exc.value)
    assert _staff(ctx, "2001").failed_count == 1
    entry = audit_rows(ctx)[-1]
    assert (entry.action, entry.subject, entry.detail["reason"]) == ("staff.login_failed", "2001", "bad_password")
    assert open_sessions(ctx) == []


def test_unknown_staff_number_answers_like_a_wrong_password_and_records_no_typed_text(ctx, zhang):
    with pytest.raises(LoginRefused) as exc:
        login(ctx, "mypassword1", "whatever")  # e.g. a password typed into the staff-number box
    assert exc.value.reason == "bad_credentials"
    entry = audit_rows(ctx)[-1]
    assert entry.action == "staff.login_failed" and entry.detail["reason"] == "unknown_staff"
    assert "mypassword1" not in json.dumps(entry.detail, ensure_ascii=False) + entry.actor + entry.subject


def test_five_wrong_passwords_lock_for_fifteen_minutes_then_it_expires(ctx, zhang, clock):
    for _ in range(4):
        with pytest.raises(LoginRefused, match="工号或密码不正确"):
            login(ctx, "2001", "wrong-password")
    with pytest.raises(LoginRefused, match="锁定") as fifth:
        login(ctx, "2001", "wrong-password")
    assert fifth.value.reason == "locked"
    assert _staff(ctx, "2001").locked_until == clock.now + timedelta(minutes=15)
    assert actions(ctx).count("staff.locked") == 1

    clock.now += timedelta(minutes=14, seconds=59)
    with pytest.raises(LoginRefused) as still:
        login(ctx, "2001", PW)  # the right password does not help while locked
    assert still.value.reason == "locked" and "10:15" in str(still.value)
    assert audit_rows(ctx)[-1].detail["reason"] == "locked"

    clock.now += timedelta(seconds=2)
    assert login(ctx, "2001", PW).clerk.id == "2001"
    row = _staff(ctx, "2001")
    assert row.failed_count == 0 and row.locked_until is None


def test_a_success_resets_the_count_of_wrong_passwords(ctx, zhang):
    for _ in range(4):
        with pytest.raises(LoginRefused):
            login(ctx, "2001", "wrong-password")
    login(ctx, "2001", PW)
    for _ in range(4):
        with pytest.raises(LoginRefused, match="不正确"):
            login(ctx, "2001", "wrong-password")


def test_lockout_survives_a_restart(ctx, zhang, clock):
    for _ in range(5):
        with pytest.raises(LoginRefused):
            login(ctx, "2001", "wrong-password")
    ctx.close()
    again = open_context(clock=clock)
    try:
        with pytest.raises(LoginRefused) as exc:
            login(again, "2001", PW)
        assert exc.value.reason == "locked"
    finally:
        again.close()


def test_disabled_account_is_refused_even_with_the_right_password(ctx, zhang):
    staff.set_enabled(ctx, "2001", False)
    with pytest.raises(LoginRefused) as exc:
        login(ctx, "2001", PW)
    assert exc.value.reason == "disabled" and "停用" in str(exc.value)
    assert audit_rows(ctx)[-1].detail["reason"] == "disabled"


def test_staff_of_another_window_cannot_log_in_here(ctx):
    add(ctx, "2002", "李四海", PW, windows=["004"])
    with pytest.raises(LoginRefused) as exc:
        login(ctx, "2002", PW)
    assert exc.value.reason == "wrong_window" and ctx.window_id in str(exc.value)


def test_centre_wide_window_pattern_allows_any_window_of_the_centre(ctx):
    add(ctx, "2003", "王五岳", PW, windows=[ctx.window_id[:8] + "*"])
    assert login(ctx, "2003", PW).clerk.id == "2003"


def test_roster_entry_without_a_verifier_cannot_log_in_and_says_why(ctx):
    with ctx.store.transaction() as s:
        staff.apply_roster(s, [{"staff_no": "2004", "name": "赵六", "windows": [ctx.window_id]}], "v1")
    with pytest.raises(LoginRefused) as exc:
        login(ctx, "2004", "anything-1")
    assert exc.value.reason == "no_verifier" and "名册" in str(exc.value)


def test_an_old_verifier_is_rehashed_at_the_next_good_login(ctx, zhang):
    old = PasswordHasher(time_cost=2, memory_cost=128, parallelism=1).hash(PW)
    with ctx.store.transaction() as s:
        s.get(Staff, "2001").password_hash = old
    login(ctx, "2001", PW)
    new = _staff(ctx, "2001").password_hash
    assert new != old and new.startswith("$argon2id$v=19$m=64,t=1,p=1$")
    assert audit_rows(ctx)[-1].detail["rehashed"] is True
    assert login(ctx, "2001", PW).clerk.id == "2001"


def test_a_new_login_at_the_window_ends_the_previous_session(ctx, zhang):
    add(ctx, "2005", "钱七", PW)
    first = login(ctx, "2001", PW)
    second = login(ctx, "2005", PW)
    assert [s.id for s in open_sessions(ctx)] == [second.session_id]
    with ctx.store.read() as s:
        old = s.get(StaffSession, first.session_id)
    assert old.ended_at is not None and old.end_reason == "superseded"


def test_logout_and_switch_user_keep_every_saved_case_and_draft(ctx, zhang):
    add(ctx, "2005", "钱七", PW)
    a = login(ctx, "2001", PW).clerk
    case_no = take(ctx, a).number
    from clerk_app.intake.draft import IntakeDraft

    draft_id = drafts.save(ctx, a, IntakeDraft())
    logout(ctx, a)
    assert open_sessions(ctx) == []
    login(ctx, "2005", PW)  # switch user
    with ctx.store.read() as s:
        assert s.execute(select(Case.case_no)).scalars().all() == [case_no]
        assert s.get(Draft, draft_id) is not None
    assert "staff.logout" in actions(ctx)


def test_passwords_and_verifiers_never_reach_logs_audit_or_outbox(ctx, zhang, caplog):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(LoginRefused):
        login(ctx, "2001", "typo-password-9")
    r = login(ctx, "2001", PW)
    logout(ctx, r.clerk)
    verifier = _staff(ctx, "2001").password_hash
    with ctx.store.read() as s:
        stored = [json.dumps([a.actor, a.subject, a.detail], ensure_ascii=False, default=str)
                  for a in s.execute(select(AuditEntry)).scalars()]
        stored += [json.dumps(o.payload, ensure_ascii=False) for o in s.execute(select(OutboxEntry)).scalars()]
    text = caplog.text + "\n".join(stored)
    for secret in (PW, "typo-password-9", verifier, "$argon2id$"):
        assert secret not in text


def test_an_empty_password_is_no_attempt_and_never_locks(ctx, zhang):
    """Nothing typed, or an empty standard input: asked for, not counted towards the lockout."""
    for _ in range(6):
        with pytest.raises(LoginRefused, match="请输入密码") as refused:
            login(ctx, "2001", "")
        assert refused.value.reason == "no_password"
    row = _staff(ctx, "2001")
    assert row.failed_count == 0 and row.locked_until is None
    assert login(ctx, "2001", PW).clerk.id == "2001"
