"""The centre checks the names, addresses and reasons a window sends by the window's own text rules."""

from __future__ import annotations

import copy
import json

import pytest
from sqlalchemy import select
from store.samples import sign_accepted, sign_notice, submit_request

from clerk_app.domain.text import RULES
from clerk_app.server.check_change import BadChange, check_change
from clerk_app.store.models import OutboxEntry


def _payload(ctx, request) -> tuple[str, dict]:
    submit_request(ctx, request)
    with ctx.store.read() as s:
        out = s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc())).first()
        return out.kind, copy.deepcopy(out.payload)


def _check(kind: str, p: dict) -> None:
    check_change(kind, p, json.dumps(p, ensure_ascii=False))


def test_a_sound_case_and_notice_pass(ctx):
    _check(*_payload(ctx, sign_accepted()))
    _check(*_payload(ctx, sign_notice()))


@pytest.mark.parametrize(("path", "value", "words"), [
    (("applicant", "name"), "张" * (RULES["name"].max_length + 1), ["申请人", "name", "姓名或名称过长", "最多 100"]),
    (("applicant", "address"), "上海市\u2028普陀区", ["申请人", "address", "U+2028"]),
    (("delivery", "address"), "路" * 201, ["送达", "邮寄地址过长"]),
    (("override_reason",), "理" * 501, ["override_reason", "理由过长"]),
    (("applicant", "name"), "张\n三", ["name", "不能换行"]),
])
def test_case_texts_over_the_windows_rules_are_refused(ctx, path, value, words):
    kind, p = _payload(ctx, sign_accepted())
    target = p
    for k in path[:-1]:
        target = target[k]
    target[path[-1]] = value
    with pytest.raises(BadChange) as exc:
        _check(kind, p)
    assert all(w in str(exc.value) for w in words), str(exc.value)


def test_a_notices_agent_is_checked_too(ctx):
    kind, p = _payload(ctx, sign_notice(agent={"kind": "person", "name": "李四", "id_number": "110105198001010032",
                                                "phone": "13800138000"}))
    assert kind == "notice"
    p["agent"]["name"] = "李" * 101
    with pytest.raises(BadChange, match="代办人"):
        _check(kind, p)
