"""The centre checks the 查询密码 (issue 11): the applicant's progress lookup needs the case number and
the password printed on their voucher, checked against the digest the window replicated; wrong ones
are refused like unknown numbers and rate-limited; the password is never stored or logged here."""

from __future__ import annotations

import logging

import pytest

from clerk_app.protocol.query_password import hash_password, matches
from clerk_app.server import progress

from .helpers import WIN_A, case_no, case_payload, change, push_body

PASSWORD = "402913"


@pytest.fixture
def pushed(central):
    a = central.http(central.token_for(WIN_A))
    case = case_payload(WIN_A, 1) | {"query_password_hash": hash_password(PASSWORD)}
    old = case_payload(WIN_A, 2)  # a case from a window before the digest was replicated
    assert a.post("/v1/push", json=push_body(WIN_A, [change(1, "case", case), change(2, "case", old)])
                  ).status_code == 200
    a.close()
    public = central.http(None)
    yield public, case
    public.close()


def _ask(client, number: str, password: str):
    return client.post("/v1/progress", json={"case_no": number, "password": password})


def test_the_right_password_shows_the_progress_without_personal_data(pushed):
    public, case = pushed
    resp = _ask(public, case["case_no"], PASSWORD)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert (body["case_no"], body["status"], body["status_label"]) == (case["case_no"], "accepted", "已受理")
    assert body["items"] == ["户外招牌设置"]
    assert "张三" not in resp.text and "11010519491231002X" not in resp.text


def test_a_wrong_password_an_unknown_number_and_a_case_without_digest_get_the_same_refusal(pushed):
    public, case = pushed
    answers = [_ask(public, case["case_no"], "000000"), _ask(public, case_no(WIN_A, 99), PASSWORD),
               _ask(public, case_no(WIN_A, 2), PASSWORD), _ask(public, case["case_no"], "")]
    assert {r.status_code for r in answers} == {401}
    assert len({r.json()["message"] for r in answers}) == 1


def test_wrong_passwords_are_rate_limited_per_case_then_even_the_right_one_waits(pushed):
    public, case = pushed
    for _ in range(progress.MAX_PER_CASE):
        assert _ask(public, case["case_no"], "111111").status_code == 401
    resp = _ask(public, case["case_no"], PASSWORD)
    assert resp.status_code == 429 and "错误次数过多" in resp.json()["message"]


def test_wrong_passwords_are_rate_limited_per_client_across_numbers(pushed):
    public, case = pushed
    for n in range(progress.MAX_PER_CLIENT):
        assert _ask(public, case_no(WIN_A, 100 + n), "111111").status_code == 401
    assert _ask(public, case["case_no"], PASSWORD).status_code == 429


def test_the_password_is_neither_stored_nor_logged(pushed, central, caplog):
    public, case = pushed
    with caplog.at_level(logging.DEBUG):
        _ask(public, case["case_no"], "735102")
        _ask(public, case["case_no"], PASSWORD)
    assert "735102" not in caplog.text and PASSWORD not in caplog.text
    for table, col in (("changes", "payload"), ("progress_attempts", "client")):
        rows = central.scalar(f"SELECT count(*) FROM {table} WHERE CAST({col} AS TEXT) LIKE '%{PASSWORD}%'")
        assert rows == 0, table
    assert central.scalar("SELECT count(*) FROM progress_attempts WHERE ok = false") == 1


def test_the_digest_is_salted_and_checked_exactly():
    a, b = hash_password(PASSWORD), hash_password(PASSWORD)
    assert a != b and matches(PASSWORD, a) and matches(PASSWORD, b)
    assert not matches("402914", a) and not matches(PASSWORD, None) and not matches(PASSWORD, "hs256$zz$00")
