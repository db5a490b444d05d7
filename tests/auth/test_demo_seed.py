"""A fresh data folder has demo staff, including an A/B pair, with the README's passwords."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from clerk_app.services import staff
from clerk_app.services.context import open_context
from clerk_app.services.staff_login import LoginRefused, login
from clerk_app.services.staff_seed import DEMO_STAFF
from clerk_app.store.models import AuditEntry, OutboxEntry


def test_fresh_folder_has_demo_staff_with_an_ab_pair(ctx):
    infos = {s.staff_no: s for s in staff.list_staff(ctx)}
    assert set(infos) == {"1001", "1002", "1003", "1004"}
    assert all(s.source == "demo" and s.enabled and s.has_password for s in infos.values())
    assert infos["1001"].substitutes == ["1002"] and infos["1002"].substitutes == ["1001"]
    assert infos["1003"].chief_rep and infos["1003"].grants == ["*"]
    assert all(ctx.window_id in s.windows for s in infos.values())
    with ctx.store.read() as s:  # seeding is not a user action: the audit chain and outbox stay empty
        assert s.execute(select(func.count()).select_from(AuditEntry)).scalar() == 0
        assert s.execute(select(func.count()).select_from(OutboxEntry)).scalar() == 0


def test_the_documented_passwords_work_including_substitution(ctx):
    # these verifiers use production parameters: two real verifications (~0.1 s each)
    pw = {d["staff_no"]: d["password"] for d in DEMO_STAFF}
    assert pw == {"1001": "zs123456", "1002": "ls123456", "1003": "ww123456", "1004": "zl123456"}
    assert login(ctx, "1002", pw["1002"], on_behalf_of="1001").clerk.display == "李四（代张三）"
    with pytest.raises(LoginRefused, match="不是张三"):
        login(ctx, "1004", pw["1004"], on_behalf_of="1001")


def test_demo_staff_are_seeded_once_per_folder(ctx, clock):
    for no in ("1001", "1002", "1003", "1004"):
        staff.set_enabled(ctx, no, False)
    ctx.close()
    again = open_context(clock=clock)
    try:
        assert [s.staff_no for s in staff.list_staff(again) if s.enabled] == []
    finally:
        again.close()
