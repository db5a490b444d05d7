"""The centre trusts no caller beyond its rights: token before body, bounded bodies, back-office
scopes, expiring and renewable window tokens, revocable back-office tokens, rate-limited enrolment."""

from __future__ import annotations

import logging
import socket
import time
import uuid
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from sqlalchemy import text

from clerk_app.server import windows
from clerk_app.server.clock import utcnow

from .helpers import NOW, WIN_A, case_payload, change, push_body, statuses


def _raw_post(url: str, path: str, headers: dict[str, str], body: bytes = b"") -> tuple[int, bytes]:
    """Send headers (and maybe only part of a body) over a socket; the status line that comes back."""
    u = urlparse(url)
    with socket.create_connection((u.hostname, u.port), timeout=10) as sock:
        head = f"POST {path} HTTP/1.1\r\nHost: {u.hostname}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        sock.sendall(head.encode() + b"\r\n" + body)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    return int(data.split(b" ", 2)[1]), data


def test_a_200_mb_body_without_a_token_is_refused_before_it_is_read(central):
    t0 = time.monotonic()
    status, _ = _raw_post(central.url, "/v1/push", {"Content-Type": "application/json",
                                                     "Content-Length": str(200 * 1024 * 1024)}, b'{"window_id":')
    assert status == 413 and time.monotonic() - t0 < 5


def test_the_token_is_checked_before_the_body_is_parsed(central):
    # A body small enough but unparseable: a stranger gets 401, never a parse error (422)
    status, data = _raw_post(central.url, "/v1/push", {"Content-Type": "application/json", "Content-Length": "13"},
                             b'{"window_id":')
    assert status == 401, data
    with central.http("not-a-token") as c:
        assert c.post("/v1/push", content=b"[" * 10_000, headers={"Content-Type": "application/json"}
                      ).status_code == 401


def test_a_chunked_body_is_cut_off_at_the_limit(central, server_engine):
    from starlette.testclient import TestClient

    from clerk_app.server.api import create_app

    token = central.token_for(WIN_A)
    app = create_app(server_engine, max_push_bytes=64 * 1024)

    def chunks():
        yield b'{"window_id": "31010701003", "sent_at": "2026-11-23T10:00:00", "changes": ['
        for _ in range(100):
            yield b" " * 4096

    with TestClient(app, raise_server_exceptions=False) as c:
        resp = c.post("/v1/push", content=chunks(), headers={"Authorization": f"Bearer {token}",
                                                            "Content-Type": "application/json"})
    assert resp.status_code == 413 and resp.json()["code"] == "too_large"


def test_a_single_change_over_the_cap_is_rejected_alone(central):
    with central.http(central.token_for(WIN_A)) as a:
        big = dict(case_payload(WIN_A, 1), notes="字" * 400_000)  # 1.2 MB of UTF-8
        resp = a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", big),
                                                         change(2, "case", case_payload(WIN_A, 2))]))
    assert statuses(resp) == ["rejected", "applied"]
    assert "过大" in resp.json()["results"][0]["reason"]


# -- back-office scope ---------------------------------------------------------------------------

def _case_of(department: str, n: int, code: str = "000117001000") -> dict:
    return dict(case_payload(WIN_A, n), items=[{"code": code, "name": "x", "department": department}])


@pytest.fixture
def two_cases(central):
    mine, other = _case_of("区市场监管局", 1), _case_of("区卫生健康委", 2, "000231005000")
    with central.http(central.token_for(WIN_A)) as a:
        assert statuses(a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", mine),
                                                                   change(2, "case", other)]))) == ["applied"] * 2
    return mine, other


def test_a_back_office_token_decides_and_reads_only_its_department_s_cases(central, two_cases):
    mine, other = two_cases
    with central.engine.begin() as conn:
        token = windows.add_back_office(conn, "区市场监管局审批科", departments=["区市场监管局"])
    with central.http(token) as bo:
        ok = bo.post("/v1/backoffice/decisions", json={"decision_id": uuid.uuid4().hex, "case_no": mine["case_no"],
                                                       "action": "approve"})
        refused = bo.post("/v1/backoffice/decisions", json={"decision_id": uuid.uuid4().hex,
                                                            "case_no": other["case_no"], "action": "approve"})
        assert bo.get(f"/v1/cases/{mine['case_no']}").status_code == 200
        read_other = bo.get(f"/v1/cases/{other['case_no']}")
    assert ok.status_code == 200
    assert refused.status_code == 403 and refused.json()["code"] == "out_of_scope"
    assert read_other.status_code == 403
    assert central.scalar("SELECT status FROM cases WHERE id = :i", i=other["id"]) == "accepted"
    assert central.scalar("SELECT count(*) FROM case_events WHERE case_id = :i", i=other["id"]) == 1
    assert central.scalar("SELECT count(*) FROM stream_items WHERE stream = 'decisions'") == 1


def test_an_item_scoped_token_and_an_unscoped_one_is_refused(central, two_cases):
    mine, other = two_cases
    with central.engine.begin() as conn:
        token = windows.add_back_office(conn, "卫健审批", items=["000231005000"])
        with pytest.raises(windows.Invalid):
            windows.add_back_office(conn, "无范围")
    with central.http(token) as bo:
        assert bo.get(f"/v1/cases/{other['case_no']}").status_code == 200
        assert bo.get(f"/v1/cases/{mine['case_no']}").status_code == 403


def test_back_office_tokens_are_listed_and_revoked(central, two_cases):
    mine, _ = two_cases
    with central.engine.begin() as conn:
        token = windows.add_back_office(conn, "区市场监管局审批科", departments=["区市场监管局"])
    with central.http(token) as bo:
        assert bo.get(f"/v1/cases/{mine['case_no']}").status_code == 200
    with central.engine.begin() as conn:
        [row] = [r for r in windows.list_back_office(conn) if r["name"] == "区市场监管局审批科"]
        assert row["last_used_at"] is not None and not row["revoked"] and "token" not in str(row).lower()
        assert windows.revoke_back_office(conn, row["id"][:8]) == 1
    with central.http(token) as bo:
        assert bo.get(f"/v1/cases/{mine['case_no']}").status_code == 401


# -- window tokens -------------------------------------------------------------------------------

def _hello(c) -> dict:
    resp = c.post("/v1/hello", json={"window_id": WIN_A, "protocol_version": 1, "device_time": NOW})
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_window_token_is_renewed_while_it_syncs_and_the_old_one_ends_when_the_new_one_is_used(central):
    old = central.token_for(WIN_A)
    with central.http(old) as c:
        assert _hello(c)["new_token"] is None  # fresh: nothing to renew
    with central.engine.begin() as conn:  # past half its life
        conn.execute(text("UPDATE windows SET token_expires_at = :t"), {"t": utcnow() + timedelta(days=10)})
    with central.http(old) as c:
        new = _hello(c)["new_token"]
    assert new and new != old
    with central.http(old) as c:  # the answer may have been lost: the old token still works (and renews again)
        new = _hello(c)["new_token"]
    with central.http(new) as c:
        assert _hello(c)["new_token"] is None
    with central.http(old) as c:
        assert c.post("/v1/pull", json={}).status_code == 401


def test_an_expired_window_token_is_refused(central):
    token = central.token_for(WIN_A)
    with central.engine.begin() as conn:
        conn.execute(text("UPDATE windows SET token_expires_at = :t"), {"t": utcnow() - timedelta(seconds=1)})
    with central.http(token) as c:
        resp = c.post("/v1/pull", json={})
    assert resp.status_code == 401 and resp.json()["code"] == "token_expired"


def test_rotate_revokes_at_once_and_a_disabled_window_can_be_enabled(central):
    token = central.token_for(WIN_A)
    with central.engine.begin() as conn:
        assert windows.disable_window(conn, WIN_A)
    with central.http(token) as c:
        assert c.post("/v1/pull", json={}).status_code == 403
    with central.engine.begin() as conn:
        assert windows.enable_window(conn, WIN_A)
    with central.http(token) as c:
        assert c.post("/v1/pull", json={}).status_code == 200
    with central.engine.begin() as conn:
        code = windows.rotate_window(conn, WIN_A)
    with central.http(token) as c:
        assert c.post("/v1/pull", json={}).status_code == 401
    with central.http() as c:
        fresh = c.post("/v1/enroll", json={"code": code}).json()["token"]
    with central.http(fresh) as c:
        assert c.post("/v1/pull", json={}).status_code == 200


def test_wrong_enrolment_codes_are_rate_limited_and_logged(central, caplog):
    code = central.add_window(WIN_A)
    with caplog.at_level(logging.WARNING), central.http() as c:
        for _ in range(windows.ENROL_MAX_FAILURES):
            assert c.post("/v1/enroll", json={"code": "AAAA-BBBB-CCCC"}).status_code == 401
        blocked = c.post("/v1/enroll", json={"code": code})  # even the right code waits now
    assert blocked.status_code == 429 and blocked.json()["code"] == "too_many_attempts"
    assert sum("wrong enrolment code" in r.getMessage() for r in caplog.records) == windows.ENROL_MAX_FAILURES
    assert central.scalar("SELECT count(*) FROM enrol_attempts WHERE ok = :f", f=False) == windows.ENROL_MAX_FAILURES
