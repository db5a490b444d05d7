"""``clerk case show|list`` say when a case's time is suspended (补正) and which days are not counted."""

from __future__ import annotations

from datetime import datetime

from store.samples import sign_accepted

from clerk_app.domain.people import LOCAL_CLERK
from clerk_app.sync.streams.decisions import apply_decision


def _ask_correction(clock, no: str) -> None:
    from clerk_app.services.context import open_context

    ctx = open_context(clock=clock)
    try:
        with ctx.store.transaction() as s:
            assert apply_decision(s, {"event_id": "bo-cli-1", "case_no": no, "action": "supplement",
                                      "to": "supplement_requested", "missing": ["招牌设计效果图"],
                                      "at": datetime(2026, 11, 25, 9).isoformat()}, ctx.calendar, ctx.catalogue) is None
    finally:
        ctx.close()


def test_case_show_and_list_say_the_time_is_suspended_then_resumed(clerk, write_json, clock):
    r = clerk("intake", "--json", write_json(sign_accepted()))
    no = r.json["case_no"]
    _ask_correction(clock, no)
    shown = clerk("case", "show", no).out
    assert "办结期限: 暂停计时（补正中，自 2026-11-25 起，尚余 4 个工作日）" in shown
    assert "不计入期限: 补正：2026-11-25 起待补正（招牌设计效果图）" in shown
    assert f"{no} 待补正 补正中暂停计时" in clerk("case", "list").out

    clock.now = datetime(2026, 12, 2, 9, 30)
    from clerk_app.services.case_actions import supplement
    from clerk_app.services.context import open_context

    ctx = open_context(clock=clock)
    try:
        supplement.record_supplement(ctx, no, LOCAL_CLERK, ["missing:0"])
    finally:
        ctx.close()
    shown = clerk("case", "show", no).out
    assert "办结期限: 2026-12-08" in shown and "暂停计时" not in shown
    assert "不计入期限: 补正：2026-11-25 至 2026-12-02 不计入办理期限（招牌设计效果图）" in shown
