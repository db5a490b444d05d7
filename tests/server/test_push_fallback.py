"""The push's fast path and its fallback: a batch is stored and applied in one go (bulk inserts,
one savepoint); when the database refuses anything in it, the changes are applied again one by
one in savepoints of their own, so one change the database refuses is that change's rejection,
every good one is applied exactly once, and a re-push of the batch applies nothing twice.

The refusal here is the database's own (a CHECK constraint on PostgreSQL, a trigger on SQLite,
for one case number), not a stub: it passes every check before writing, as a value only the
database refuses would.
"""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from .helpers import WIN_A, case_no, case_payload, change, event_payload, notice_payload, push_body

REFUSED_NO = case_no(WIN_A, 17)


@pytest.fixture
def a(central):
    with central.http(central.token_for(WIN_A)) as c:
        yield c


@pytest.fixture
def refusing_db(central):
    """The database itself refuses the case numbered ``REFUSED_NO`` (removed after the test)."""
    engine = central.engine
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text(f"ALTER TABLE cases ADD CONSTRAINT test_refuse_one CHECK (case_no <> '{REFUSED_NO}')"))
        else:
            conn.execute(text("CREATE TRIGGER test_refuse_one BEFORE INSERT ON cases "
                              f"WHEN NEW.case_no = '{REFUSED_NO}' BEGIN SELECT RAISE(ABORT, 'refused'); END"))
    yield
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE cases DROP CONSTRAINT test_refuse_one"))
        else:
            conn.execute(text("DROP TRIGGER test_refuse_one"))


def _batch(n: int = 40) -> list[dict]:
    """n cases, a notice, and a status move for every case: one case (no. 17) the database refuses."""
    cases = [case_payload(WIN_A, i) for i in range(1, n + 1)]
    changes = [change(i, "case", c) for i, c in enumerate(cases, 1)]
    changes.append(change(n + 1, "notice", notice_payload(WIN_A, 1)))
    changes += [change(n + 2 + i, "case_event", event_payload(c, "withdrawn"), c["id"]) for i, c in enumerate(cases)]
    return changes


def _push(a, changes) -> list[dict]:
    resp = a.post("/v1/push", json=push_body(WIN_A, changes))
    assert resp.status_code == 200, resp.text[:500]
    return resp.json()["results"]


def _counts(central) -> tuple:
    return (central.scalar("SELECT count(*) FROM changes"), central.scalar("SELECT count(*) FROM cases"),
            central.scalar("SELECT count(*) FROM case_events"), central.scalar("SELECT count(*) FROM notices"))


def test_one_change_the_database_refuses_is_rejected_alone_and_the_rest_applied_once(a, central, refusing_db,
                                                                                      caplog):
    changes = _batch()
    with caplog.at_level(logging.WARNING, logger="clerk_app.server.push"):
        res = _push(a, changes)

    assert "applying one by one" in caplog.text  # the batch did fall back
    by_seq = {r["seq"]: r for r in res}
    assert by_seq[17]["status"] == "rejected" and "数据库" in by_seq[17]["reason"]
    bad_event_seq = 40 + 2 + 16  # the status move of case no. 17
    assert by_seq[bad_event_seq]["status"] == "rejected" and "中心没有办件" in by_seq[bad_event_seq]["reason"]
    assert [s for s, r in by_seq.items() if r["status"] != "applied"] == [17, bad_event_seq]
    # every good change applied exactly once; both refusals kept (so a retry is answered the same)
    assert _counts(central) == (81, 39, 39 * 2, 1)
    assert central.scalar("SELECT count(*) FROM cases WHERE status = 'withdrawn'") == 39
    assert central.scalar("SELECT count(*) FROM changes WHERE status = 'rejected'") == 2
    assert central.scalar("SELECT count(*) FROM cases WHERE case_no = :no", no=REFUSED_NO) == 0

    again = _push(a, changes)  # the answer was lost: the window sends the same batch again

    assert [r["status"] for r in again] == ["duplicate"] * len(changes)
    assert {r["seq"]: r["original"] for r in again if r["original"] != "applied"} == {17: "rejected",
                                                                                    bad_event_seq: "rejected"}
    assert _counts(central) == (81, 39, 39 * 2, 1)


def test_a_good_batch_is_applied_in_one_go_and_a_repush_applies_nothing_twice(a, central, caplog):
    changes = _batch()
    with caplog.at_level(logging.WARNING, logger="clerk_app.server.push"):
        res = _push(a, changes)
        again = _push(a, changes)

    assert "one by one" not in caplog.text  # no fallback: the bulk path took the whole batch
    assert [r["status"] for r in res] == ["applied"] * len(changes)
    assert [(r["status"], r["original"]) for r in again] == [("duplicate", "applied")] * len(changes)
    assert _counts(central) == (81, 40, 80, 1)
    assert central.scalar("SELECT count(*) FROM cases WHERE status = 'withdrawn' AND event_count = 2") == 40


def test_a_repush_mixing_held_and_new_changes_with_a_refused_one_applies_only_the_new(a, central, refusing_db):
    changes = _batch()
    first = changes[:10]  # cases 1-10 arrive, then the answer is lost
    assert [r["status"] for r in _push(a, first)] == ["applied"] * 10

    res = _push(a, changes)  # the window sends them again with everything after them

    by_seq = {r["seq"]: r for r in res}
    assert all(by_seq[s]["status"] == "duplicate" for s in range(1, 11))
    assert by_seq[17]["status"] == "rejected"
    assert _counts(central) == (81, 39, 39 * 2, 1)


def test_the_content_hash_is_the_one_earlier_centres_stored():
    """A window re-pushing after the centre's upgrade must get ``duplicate``, not ``conflict``."""
    import hashlib

    from clerk_app.protocol.messages import Change
    from clerk_app.server.batch import PushedChange

    payload = dict(case_payload(WIN_A, 1), note="备注\n第二行 é 😀")
    for c in (Change.model_validate(change(1, "case", payload)),
              Change.model_validate({**change(1, "case", payload), "payload": None,
                                     "payload_json": '{"id": "x", "name": "张三\\ud800"}'})):
        it = PushedChange.of(c)
        body = f"{c.kind}\0{c.entity_id}\0{it.text}".encode("utf-8", "surrogatepass")
        assert it.content_hash == hashlib.sha256(body).hexdigest()
