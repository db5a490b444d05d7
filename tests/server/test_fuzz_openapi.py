"""Fuzz the centre's API from its own OpenAPI description (schemathesis): whatever a window, a
back office or a stranger sends, the server answers with a clear 4xx, never a 5xx."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a test dependency (pip install -e '.[test]')")

import server_harness as testing  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from clerk_app.server.api import create_app  # noqa: E402

_STATE: dict = {}


def _app():
    """One SQLite-backed centre for the whole module, with a window and a back office enrolled."""
    if "app" not in _STATE:
        import tempfile
        from pathlib import Path

        from clerk_app.server import windows

        folder = Path(tempfile.mkdtemp(prefix="clerk-fuzz-"))
        engine = testing.migrated_engine(f"sqlite:///{folder / 'centre.sqlite3'}")
        with engine.begin() as conn:
            code = windows.add_window(conn, "31010701003", "fuzz")
            window_token = windows.enroll(conn, code)[2]
            office_token = windows.add_back_office(conn, "fuzz-office", all_items=True)
        _STATE.update(app=create_app(engine), window=window_token, office=office_token)
    return _STATE["app"]


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_for_a_window(case):
    response = case.call(headers={"Authorization": f"Bearer {_STATE['window']}"})
    assert response.status_code < 500, f"{case.method} {case.path}: {response.status_code} {response.text[:300]}"


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_for_a_stranger(case):
    response = case.call(headers={"Authorization": "Bearer not-a-real-token"})
    assert response.status_code < 500, f"{case.method} {case.path}: {response.status_code} {response.text[:300]}"
    if case.path not in ("/v1/enroll", "/v1/health", "/openapi.json"):
        # a stranger never gets anything done: no 2xx, whatever the body
        assert not 200 <= response.status_code < 300, f"{case.method} {case.path}: {response.status_code}"


# -- the shapes a fuzz run found answered with 500 or a misleading 503 (issue 12) ----------------
DEEP = '{"x": ' * 1000 + "{}" + "}" * 1000
NOW = "2026-11-23T10:00:00+08:00"
CASE = {"id": "c0000000-0000-0000-0000-000000000001", "case_no": "S310107010032611230001", "status": "accepted",
        "window_id": "31010701003", "row_version": 1, "received_at": NOW,
        "events": [{"id": "e1", "from": None, "to": "accepted", "actor": "张三", "source": "window", "at": NOW}]}


def _push(payload=None, payload_json=None, **envelope) -> str:
    import json

    change = {"seq": 1, "change_id": "ch-1", "kind": "case", "entity_id": "c1", "created_at": NOW}
    change.update(envelope)
    change["payload_json" if payload_json is not None else "payload"] = payload_json if payload_json is not None \
        else payload
    body = json.dumps({"window_id": "31010701003", "sent_at": NOW, "changes": [change]})
    return body.replace('"__DEEP__"', DEEP).replace("__SURROGATE__", "\\ud800")


SHAPES = {
    "overlong id": ("POST", "/v1/push", _push(dict(CASE, id="x" * 500))),
    "overlong case number": ("POST", "/v1/push", _push(dict(CASE, case_no="S" + "1" * 500))),
    "overlong actor": ("POST", "/v1/push", _push(dict(CASE, events=[dict(CASE["events"][0], actor="张" * 5000)]))),
    "overlong status": ("POST", "/v1/push", _push(dict(CASE, status="accepted" * 100))),
    "non-integer row_version": ("POST", "/v1/push", _push(dict(CASE, row_version="1.5"))),
    "float row_version": ("POST", "/v1/push", _push(dict(CASE, row_version=1.5))),
    "year-1 timestamp in the payload": ("POST", "/v1/push", _push(dict(CASE, received_at="0001-01-01T00:00:00+14:00"))),
    "year-1 created_at": ("POST", "/v1/push", _push(CASE, created_at="0001-01-01T00:00:00+14:00")),
    "year-1 sent_at": ("POST", "/v1/push", _push(CASE).replace(f'"sent_at": "{NOW}"', '"sent_at": "0001-01-01T00:00:00-12:00"')),
    "lone surrogate in a name": ("POST", "/v1/push", _push(dict(CASE, applicant={"name": "张__SURROGATE__三"}))),
    "lone surrogate in payload_json": ("POST", "/v1/push", _push(payload_json='{"name": "__SURROGATE__"}')),
    "NUL in the override reason": ("POST", "/v1/push", _push(dict(CASE, override_reason="a\u0000b"))),
    "JSON nested 1000 deep": ("POST", "/v1/push", _push(dict(CASE, deep="__DEEP__"))),
    "JSON nested 1000 deep as text": ("POST", "/v1/push", _push(payload_json=DEEP)),
    "seq 2^63": ("POST", "/v1/push", _push(CASE, seq=2**63)),
    "seq 2^53": ("POST", "/v1/push", _push(CASE, seq=2**53)),
    "tally since year 1": ("GET", "/v1/windows/31010701003/tally?since=0001-01-01", None),
    "tally since year 9999": ("GET", "/v1/windows/31010701003/tally?since=9999-12-31", None),
    "hello from year 1": ("POST", "/v1/hello", '{"window_id": "31010701003", "protocol_version": 1, '
                          '"device_time": "0001-01-01T00:00:00+14:00", "outbox_seq": 9223372036854775808}'),
    "audit with a 2^63 seq and a NUL": ("POST", "/v1/audit", '{"window_id": "31010701003", "rows": [{"seq": '
                                        '9223372036854775808, "entry_id": "e", "at": "x", "actor": "a\\u0000", '
                                        '"action": "x", "detail": {"a": "\\u0000"}, "prev_hash": "' + "0" * 64
                                        + '", "hash": "' + "0" * 64 + '"}]}'),
    "audit nested 1000 deep": ("POST", "/v1/audit", '{"window_id": "31010701003", "rows": [{"seq": 1, "entry_id": '
                               '"e", "at": "x", "actor": "a", "action": "x", "detail": ' + DEEP + ', "prev_hash": "'
                               + "0" * 64 + '", "hash": "' + "0" * 64 + '"}]}'),
    "pull cursor 2^63": ("POST", "/v1/pull", '{"cursors": {"decisions": 9223372036854775808}}'),
    "pull odd stream": ("POST", "/v1/pull", '{"cursors": {"\\u0000": 1}}'),
    "case number with a NUL": ("GET", "/v1/cases/S31010701003%002611230001", None),
    "very long case number": ("GET", "/v1/cases/" + "S" * 5000, None),
    "decision by a lone surrogate": ("POST", "/v1/backoffice/decisions", '{"decision_id": "dddddddd", "case_no": '
                                     '"S310107010032611230001", "action": "approve", "actor": "\\ud800"}'),
    "decision for a NUL case": ("POST", "/v1/backoffice/decisions", '{"decision_id": "dddddddd", "case_no": '
                                '"S3101070100\\u00002611230001", "action": "approve"}'),
    "enrolment code with a NUL": ("POST", "/v1/enroll", '{"code": "ABCD\\u0000EFGH"}'),
    "hello with a NUL version": ("POST", "/v1/hello", '{"window_id": "31010701003", "protocol_version": 1, '
                                 '"device_time": "2026-11-23T10:00:00+08:00", "app_version": "1\\u0000", '
                                 '"store_schema": "\\ud800"}'),
    "pull with a NUL stream": ("POST", "/v1/pull", '{"cursors": {"deci\\u0000sions": 1}}'),
}


_SEQ = __import__("itertools").count(1)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shape_app(request):
    """The module's SQLite centre, or a PostgreSQL one (the 500s were PostgreSQL's refusals)."""
    if request.param == "sqlite":
        yield _app(), _STATE
        return
    from clerk_app.server import windows

    engine = testing.make_engine(testing.normalise_url(request.getfixturevalue("pg_url")))
    testing.clear(engine)
    with engine.begin() as conn:
        code = windows.add_window(conn, "31010701003", "fuzz")
        tokens = {"window": windows.enroll(conn, code)[2],
                  "office": windows.add_back_office(conn, "fuzz-office", all_items=True)}
    yield create_app(engine), tokens
    engine.dispose()


@pytest.mark.parametrize("who", ["window", "office"])
@pytest.mark.parametrize("name", sorted(SHAPES))
def test_found_shapes_never_answer_5xx(name, who, shape_app):
    import uuid

    from starlette.testclient import TestClient

    method, path, body = SHAPES[name]
    if body and path == "/v1/push":  # each its own change, so no answer is a mere duplicate or conflict
        body = body.replace('"seq": 1,', f'"seq": {next(_SEQ)},').replace("ch-1", str(uuid.uuid4()))
    app, tokens = shape_app
    with TestClient(app, raise_server_exceptions=False) as client:
        resp = client.request(method, path, content=body.encode() if body else None,
                              headers={"Authorization": f"Bearer {tokens[who]}", "Content-Type": "application/json"})
    assert resp.status_code < 500, f"{name}: {resp.status_code} {resp.text[:300]}"
    if resp.status_code == 200 and path == "/v1/push":
        assert [r["status"] for r in resp.json()["results"]] == ["rejected"], f"{name}: {resp.text[:300]}"
