"""The window sends each queued change as the JSON text its outbox holds, spliced into the body:
compact UTF-8 as the store writes it (a quarter smaller than SQLAlchemy's default of ASCII
escapes, and read faster by the centre), which the centre encodes back to the same text; entries
queued before the upgrade (ASCII escapes) still go through."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import String, select, type_coerce, update

from clerk_app.store.models import OutboxEntry
from clerk_app.sync.engine import run_round

from .conftest import make_case


def _outbox_texts(ctx) -> dict[int, str]:
    with ctx.store.read() as s:
        return dict(s.execute(select(OutboxEntry.seq, type_coerce(OutboxEntry.payload, String))).all())


def test_the_outbox_holds_compact_utf8_and_the_body_carries_it_as_it_is(ctx):
    from clerk_app.sync import push

    number = make_case(ctx)
    texts = _outbox_texts(ctx)
    case_text = next(t for t in texts.values() if number in t)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in case_text), "Chinese kept as it is"
    assert "\\u" not in case_text and '", "' not in case_text and '": ' not in case_text

    rows = push.read_batch(ctx, 500)
    raw = push.encode(ctx.window_id, rows, datetime.now(UTC)).decode("utf-8")
    assert all(f'"payload":{text}}}' in raw for text in texts.values()), "spliced in as it is"
    sent = {c["seq"]: c["payload"] for c in json.loads(raw)["changes"]}
    assert sent == {seq: json.loads(text) for seq, text in texts.items()}


def test_the_centre_keeps_the_window_s_text(window, central):
    """Its encoder writes the spliced object back to the very text the outbox holds."""
    number = make_case(window)
    texts = _outbox_texts(window)

    assert run_round(window).ok
    kept = {}
    for seq in texts:
        kept[seq] = central.scalar("SELECT CAST(payload AS TEXT) FROM changes WHERE window_id = :w AND seq = :s",
                                   w=window.window_id, s=seq)
    assert kept == texts
    assert central.scalar("SELECT count(*) FROM cases WHERE case_no = :n", n=number) == 1


def test_an_entry_queued_before_the_upgrade_still_goes(window, central):
    """Its text as SQLAlchemy's default JSON wrote it (ASCII escapes, spaces)."""
    number = make_case(window)
    with window.store.transaction() as s:
        for seq, text in _outbox_texts(window).items():
            old = json.dumps(json.loads(text))
            s.execute(update(OutboxEntry).where(OutboxEntry.seq == seq).values(
                payload=type_coerce(old, String)))
    assert all(t.startswith("{") and "\\u" in t for t in _outbox_texts(window).values())

    assert run_round(window).ok
    assert central.scalar("SELECT count(*) FROM cases WHERE case_no = :n", n=number) == 1
    with window.store.read() as s:
        assert s.execute(select(OutboxEntry)).first() is None
