"""The central roster: upsert with verifiers (offline login), disable the missing, refuse bad rosters whole."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from clerk_app.auth import passwords
from clerk_app.services import staff
from clerk_app.services.context import open_context
from clerk_app.services.staff_login import LoginRefused, login
from clerk_app.store.models import AuditEntry
from clerk_app.store.staff_models import Staff

from .helpers import add


def _roster(ctx, **over):
    a = {"staff_no": "3001", "name": "陈一", "badge": "PT-1", "windows": [ctx.window_id], "authorised": ["人社"],
         "substitutes": ["3002"], "password_hash": passwords.hash_password("chen-pass-1")}
    b = {"staff_no": "3002", "name": "林二", "windows": [ctx.window_id], "authorised": ["*"], "chief_rep": True,
         "password_hash": passwords.hash_password("lin-pass-22"), "future_field": "ignored"}
    a.update(over)
    return [a, b]


def _apply(ctx, roster, version="v1"):
    with ctx.store.transaction() as s:
        staff.apply_roster(s, roster, version, now=ctx.clock())


def test_staff_from_the_roster_log_in_offline_from_the_cached_verifiers(ctx, clock):
    _apply(ctx, _roster(ctx))
    ctx.close()  # the server is gone; a later start has only the local store
    offline = open_context(clock=clock)
    try:
        assert login(offline, "3001", "chen-pass-1").clerk.name == "陈一"
        sub = login(offline, "3002", "lin-pass-22", on_behalf_of="3001").clerk
        assert sub.display == "林二（代陈一）"
        with pytest.raises(LoginRefused):
            login(offline, "3001", "lin-pass-22")
    finally:
        offline.close()


def test_the_roster_disables_missing_staff_including_the_demo_accounts(ctx):
    assert {s.staff_no for s in staff.list_staff(ctx) if s.enabled} == {"1001", "1002", "1003", "1004"}
    _apply(ctx, _roster(ctx))
    enabled = {s.staff_no for s in staff.list_staff(ctx) if s.enabled}
    assert enabled == {"3001", "3002"}
    with pytest.raises(LoginRefused):
        login(ctx, "1001", "zs123456")
    with ctx.store.read() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "staff.roster")).scalar_one()
        assert staff.roster_version(s) == "v1"
    assert entry.subject == "v1" and sorted(entry.detail["disabled"]) == ["1001", "1002", "1003", "1004"]
    assert "$argon2id$" not in str(entry.detail)


def test_a_later_roster_updates_and_keeps_the_local_verifier_when_none_is_sent(ctx):
    _apply(ctx, _roster(ctx))
    roster = _roster(ctx, name="陈一鸣", authorised=["人社", "民政"], substitutes=[])
    del roster[0]["password_hash"]
    _apply(ctx, roster, "v2")
    info = staff.get_staff(ctx, "3001")
    assert (info.name, info.grants, info.substitutes) == ("陈一鸣", ["人社", "民政"], [])
    assert login(ctx, "3001", "chen-pass-1").clerk.name == "陈一鸣"
    _apply(ctx, _roster(ctx, password_hash=passwords.hash_password("changed-at-centre")), "v3")
    assert login(ctx, "3001", "changed-at-centre").clerk.id == "3001"


def test_the_roster_keeps_local_lockout_counters(ctx):
    _apply(ctx, _roster(ctx))
    for _ in range(5):
        with pytest.raises(LoginRefused):
            login(ctx, "3001", "wrong-password")
    _apply(ctx, _roster(ctx), "v2")
    with pytest.raises(LoginRefused) as exc:
        login(ctx, "3001", "chen-pass-1")
    assert exc.value.reason == "locked"


@pytest.mark.parametrize(("change", "expected"), [
    ({"password_hash": "chen-pass-1"}, "roster[0].password_hash"),
    ({"substitutes": ["9999"]}, "roster[0].substitutes[0]: 名册中没有工号 9999"),
    ({"substitutes": ["3001"]}, "roster[0].substitutes[0]: 不能指定本人为自己的 B 角"),
    ({"staff_no": "3002"}, "roster[1].staff_no: 工号 3002 重复"),
    ({"windows": ["003"]}, "roster[0].windows"),
    ({"name": ""}, "roster[0].name"),
])
def test_a_bad_roster_is_refused_whole_naming_entry_and_field(ctx, change, expected):
    before = staff.list_staff(ctx)
    with pytest.raises(staff.RosterInvalid) as exc:
        _apply(ctx, _roster(ctx, **change))
    assert any(e.startswith(expected) for e in exc.value.errors), exc.value.errors
    assert staff.list_staff(ctx) == before


def test_export_then_apply_elsewhere_gives_the_same_roster(ctx, tmp_path, monkeypatch, clock):
    add(ctx, "3005", "周五", "zhou-pass-5", grants=["公安"], substitutes=["1002"])
    with ctx.store.read() as s:
        exported = staff.export_roster(s)
    assert {"staff_no", "name", "badge", "enabled", "chief_rep", "supervisor", "windows", "authorised", "substitutes",
            "password_hash"} == set(exported[0])
    monkeypatch.setenv("CLERK_HOME", str(tmp_path / "other-window"))
    other = open_context(clock=clock)
    try:
        with other.store.transaction() as s:
            staff.apply_roster(s, exported, "v9")
        with other.store.read() as s:
            assert staff.export_roster(s) == exported
            assert s.get(Staff, "3005").source == "roster"
        assert login(other, "3005", "zhou-pass-5").clerk.name == "周五"
    finally:
        other.close()


def test_a_real_person_with_a_demo_number_does_not_inherit_the_demo_password(ctx):
    roster = _roster(ctx)
    roster.append({"staff_no": "1001", "name": "张三（正式）", "windows": [ctx.window_id]})  # no verifier sent
    _apply(ctx, roster)
    with pytest.raises(LoginRefused) as exc:
        login(ctx, "1001", "zs123456")
    assert exc.value.reason == "no_verifier"
    assert staff.get_staff(ctx, "1001").source == "roster"
