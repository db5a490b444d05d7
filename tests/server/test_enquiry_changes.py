"""The centre takes 咨询登记 (``enquiry`` changes): a good one is applied; a bad one is refused alone."""

from __future__ import annotations

import json
import uuid

import pytest

from clerk_app.protocol.records import ClerkSnapshot, EnquiryRecord

from .helpers import NOW, WIN_A, WIN_B, case_payload, change, push_body


@pytest.fixture
def a(central):
    with central.http(central.token_for(WIN_A)) as c:
        yield c


def _push(client, changes, window=WIN_A):
    body = json.dumps(push_body(window, changes)).encode()
    resp = client.post("/v1/push", content=body, headers={"Content-Type": "application/json"})
    assert resp.status_code == 200, resp.text[:500]
    return resp.json()["results"]


def enquiry(window_id: str = WIN_A, **changes) -> dict:
    rec = EnquiryRecord(id=str(uuid.uuid4()), window_id=window_id, at=NOW, clerk=ClerkSnapshot(id="1001", name="张三"),
                        asker_id_masked="110105********002X", item_code="000117001000", item_name="个体工商户登记",
                        department="区市场监管局", answer="告知须带身份证")
    return {**rec.to_json(), **changes}


def test_a_good_enquiry_is_applied_and_a_retry_is_a_duplicate(a, central):
    e = enquiry()
    [res] = _push(a, [change(1, "enquiry", e)])
    assert res["status"] == "applied"
    assert central.scalar("SELECT clerk_name FROM enquiries WHERE id = :i", i=e["id"]) == "张三"
    [again] = _push(a, [change(1, "enquiry", e, change_id=res["change_id"])])
    assert again["status"] == "duplicate"
    assert central.scalar("SELECT count(*) FROM enquiries") == 1


@pytest.mark.parametrize("bad, words", [
    ({"asker_id_masked": "11010519491231002X"}, "隐去中间部分"),
    ({"answer": ""}, "缺少 answer"),
    ({"item_code": "0" * 65}, "过长"),
    ({"window_id": ""}, "window_id"),
    ({"at": "yesterday"}, "时间"),
    ({"asker_name": "张\u202e三"}, "asker_name"),
    ({"clerk": "张三"}, "clerk"),
])
def test_a_bad_enquiry_is_refused_alone(a, central, bad, words):
    good = case_payload(WIN_A, 1)
    res = _push(a, [change(1, "enquiry", enquiry(**bad)), change(2, "case", good), change(3, "enquiry", enquiry())])
    assert [r["status"] for r in res] == ["rejected", "applied", "applied"]
    assert words in res[0]["reason"]
    assert central.scalar("SELECT count(*) FROM enquiries") == 1
    assert central.scalar("SELECT count(*) FROM cases") == 1


def test_an_enquiry_naming_another_window_is_refused_with_its_batch(a, central):
    body = json.dumps(push_body(WIN_A, [change(1, "enquiry", enquiry(window_id=WIN_B))])).encode()
    resp = a.post("/v1/push", content=body, headers={"Content-Type": "application/json"})
    assert resp.status_code == 403 and WIN_B in resp.json()["message"]
    assert central.scalar("SELECT count(*) FROM enquiries") == 0
