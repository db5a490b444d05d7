"""Enrolment: a one-time code becomes a token; codes are single-use and expire."""

from __future__ import annotations

from datetime import timedelta

from clerk_app.server import windows
from clerk_app.server.clock import utcnow
from clerk_app.server.models import Window

from .helpers import WIN_A


def test_code_works_once(central):
    code = central.add_window(WIN_A, "三号窗口")
    with central.http() as anon:
        first = anon.post("/v1/enroll", json={"code": code.lower()})  # typed in lower case
        second = anon.post("/v1/enroll", json={"code": code})
    assert first.status_code == 200 and first.json()["window_id"] == WIN_A
    assert second.status_code == 401 and "登记码无效" in second.json()["message"]
    with central.http(first.json()["token"]) as c:
        assert c.post("/v1/pull", json={}).status_code == 200


def test_expired_code_is_refused(central):
    code = central.add_window(WIN_A)
    with central.engine.begin() as conn:
        conn.execute(Window.__table__.update().values(enrol_expires_at=utcnow() - timedelta(minutes=1)))
    with central.http() as anon:
        assert anon.post("/v1/enroll", json={"code": code}).status_code == 401


def test_re_enrolment_replaces_the_old_token_and_disable_stops_it(central):
    old = central.token_for(WIN_A)
    new = central.token_for(WIN_A)
    with central.http(old) as c_old, central.http(new) as c_new:
        assert c_old.post("/v1/pull", json={}).status_code == 401
        assert c_new.post("/v1/pull", json={}).status_code == 200
        with central.engine.begin() as conn:
            windows.disable_window(conn, WIN_A)
        assert c_new.post("/v1/pull", json={}).status_code == 403


def test_tokens_and_codes_are_stored_only_as_hashes(central):
    code = central.add_window(WIN_A)
    token = central.token_for(WIN_A)
    with central.engine.connect() as conn:
        row = conn.execute(Window.__table__.select()).mappings().one()
    assert token not in str(dict(row)) and code not in str(dict(row))


def test_openapi_describes_the_api(central):
    with central.http() as anon:
        spec = anon.get("/openapi.json").json()
        assert anon.get("/docs").status_code == 200
    for path in ("/v1/enroll", "/v1/hello", "/v1/push", "/v1/audit", "/v1/pull", "/v1/backoffice/decisions"):
        assert path in spec["paths"]
