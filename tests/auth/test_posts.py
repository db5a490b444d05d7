"""AB-role coverage: which posts are worked, covered, or empty."""

from __future__ import annotations

import pytest

from clerk_app.services.staff_login import login
from clerk_app.services.staff_posts import PostState, post_status
from clerk_app.store.staff_models import StaffSession

from .helpers import add

PW = "secret-pass-1"


@pytest.fixture
def posts(ctx):
    # on a fresh folder the demo staff exist too; retire them so only ours count
    from clerk_app.services import staff

    for no in ("1001", "1002", "1003", "1004"):
        staff.set_enabled(ctx, no, False)
    add(ctx, "2002", "李四海")
    add(ctx, "2003", "王五岳")
    add(ctx, "2001", "张三丰", substitutes=["2002"])
    add(ctx, "2004", "赵六", substitutes=["2003"])


def _by_no(ctx):
    return {p.staff_no: p for p in post_status(ctx)}


def _open_elsewhere(ctx, staff_no, window="31010701009", on_behalf_of=None):
    """A session replicated from another window of the centre."""
    with ctx.store.transaction() as s:
        s.add(StaffSession(staff_no=staff_no, on_behalf_of_no=on_behalf_of, window_id=window,
                           started_at=ctx.clock()))


def test_nobody_logged_in_means_every_post_is_vacant(ctx, posts):
    p = _by_no(ctx)
    assert {no: x.state for no, x in p.items()} == {n: PostState.VACANT for n in ("2001", "2002", "2003", "2004")}
    assert all(x.alert for x in p.values())


def test_covered_on_duty_b_present_and_vacant(ctx, posts):
    login(ctx, "2002", PW, on_behalf_of="2001")  # B works A's post here
    _open_elsewhere(ctx, "2003")  # 王五岳 at his own post at window 009
    p = _by_no(ctx)
    assert p["2001"].state is PostState.COVERED and "李四海（代张三丰）" in p["2001"].present
    assert not p["2001"].alert
    assert p["2003"].state is PostState.ON_DUTY and "31010701009" in p["2003"].present
    assert p["2004"].state is PostState.B_PRESENT and "王五岳" in p["2004"].present
    assert p["2002"].state is PostState.VACANT  # 李四海 is away from his own post, with no B
    assert p["2002"].alert and p["2002"].substitutes == []


def test_a_post_without_a_designated_b_is_flagged_even_when_worked(ctx, posts):
    login(ctx, "2003", PW)
    p = _by_no(ctx)["2003"]
    assert p.state is PostState.ON_DUTY and p.alert


def test_disabled_staff_have_no_post(ctx, posts):
    assert "1001" not in _by_no(ctx)
