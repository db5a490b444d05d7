"""Validate one pushed change fully before anything is written.

Every value a change carries into a column is checked here for type, length, characters
and dates (names, addresses and reasons by the window's own rules, ``domain.text.RULES``), so that a bad entry is that entry's rejection (with a reason the window shows
to its admin) and never a database error that fails the batch and blocks the window.
The generic check (``protocol.safe_json``) runs over every payload whatever its kind.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from clerk_app.domain import numbers
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.ratings import FOLLOWUP_CLOSED_KIND, RATING_KIND, Rating
from clerk_app.domain.text import TextError, check_text
from clerk_app.protocol.record_bounds import record_looks_safe
from clerk_app.protocol.records import RecordError, parse_payload
from clerk_app.protocol.safe_json import (
    MAX_CHANGE_BYTES,
    UnsafeContent,
    check_encoded,
    check_moment,
    text_looks_safe,
    text_problem,
)

MAX_ID = 36  # UUID text: cases.id, notices.id
MAX_EVENT_ID = 64
MAX_ACTOR = 200
MAX_NOTE = 10_000
MAX_EVENTS = 1_000
SOURCES = ("window", "back_office")
_STATUSES = {s.value for s in CaseStatus}


class BadChange(ValueError):
    """``str()``: why the change was refused, in plain Chinese."""


def _text(p: dict[str, Any], key: str, where: str, max_len: int, required: bool = True) -> str | None:
    v = p.get(key)
    if v is None or v == "":
        if required:
            raise BadChange(f"{where}缺少 {key}")
        return None
    if not isinstance(v, str):
        raise BadChange(f"{where}的 {key} 应为文本，收到 {type(v).__name__}")
    why = text_problem(v, max_len)
    if why:
        raise BadChange(f"{where}的 {key} {why}")
    return v


def _number(p: dict[str, Any], key: str, where: str, prefix: str) -> str:
    v = _text(p, key, where, 24)
    n = numbers.parse(v or "")
    if n is None or n.prefix != prefix or str(n) != v:
        raise BadChange(f"{where}的编号 {key} 格式不正确：{v[:40]!r}")
    return v


def _status(p: dict[str, Any], key: str, where: str, required: bool = True) -> str | None:
    v = p.get(key)
    if v is None and not required:
        return None
    if not isinstance(v, str) or v not in _STATUSES:
        raise BadChange(f"{where}的状态 {key} 无效：{str(v)[:40]!r}")
    return v


def _moment(p: dict[str, Any], key: str, where: str) -> datetime | None:
    v = p.get(key)
    if v is None or v == "":
        return None
    if not isinstance(v, str) or len(v) > 40:
        raise BadChange(f"{where}的时间 {key} 格式不正确")
    try:
        t = datetime.fromisoformat(v)
        check_moment(t, f"{where}的时间 {key}")
        if t.tzinfo is not None:
            t.utcoffset()
    except (ValueError, OverflowError, UnsafeContent) as exc:
        raise BadChange(str(exc) if isinstance(exc, UnsafeContent) else f"{where}的时间 {key} 格式不正确：{v!r}") from None
    return t


def _ruled(p: Any, key: str, where: str, kind: str) -> None:
    """The window's own text rule (``domain.text.RULES``) for a name, address or reason it sent."""
    if not isinstance(p, dict) or p.get(key) is None:
        return
    try:
        check_text(kind, p[key], stored=True)  # what an older window let through is not refused now
    except TextError as exc:
        raise BadChange(f"{where}的 {key}：{exc}") from None


_PARTY_TEXTS = ("name", "address", "contact", "phone", "id_number")


def _people(p: dict[str, Any], where: str) -> None:
    for role, who in (("applicant", "申请人"), ("agent", "代办人")):
        party = p.get(role)
        if party is None:
            continue
        if not isinstance(party, dict):
            raise BadChange(f"{where}的 {role} 应为对象")
        for key in _PARTY_TEXTS:
            _ruled(party, key, f"{where}（{who}）", key)


def _event(e: Any, where: str) -> None:
    if not isinstance(e, dict):
        raise BadChange(f"{where}不是对象")
    _text(e, "id", where, MAX_EVENT_ID)
    _status(e, "to", where)
    _status(e, "from", where, required=False)
    _text(e, "actor", where, MAX_ACTOR, required=False)
    _text(e, "note", where, MAX_NOTE, required=False)
    src = e.get("source", "window")
    if src not in SOURCES:
        raise BadChange(f"{where}的来源 source 无效：{str(src)[:20]!r}")
    _moment(e, "at", where)


def _case(p: dict[str, Any]) -> None:
    where = "办件数据"
    _text(p, "id", where, MAX_ID)
    _number(p, "case_no", where, "S")
    _status(p, "status", where)
    _text(p, "catalogue_version", where, 64, required=False)
    _moment(p, "received_at", where)
    _people(p, where)
    _ruled(p.get("delivery"), "address", where + "（送达）", "delivery_address")
    for key in ("override_reason", "not_accepted_reason"):
        _ruled(p, key, where, "reason")
    _ruled(p, "refer_to", where, "refer_to")
    _ruled(p, "refusal_ground", where, "code")
    _text(p, "query_password_hash", where, 120, required=False)
    rv = p.get("row_version", 1)
    if rv is not None and (isinstance(rv, bool) or not isinstance(rv, int) or not 1 <= rv < 2**31):
        raise BadChange(f"{where}的 row_version 应为正整数，收到 {str(rv)[:20]!r}")
    events = p.get("events", [])
    if events is None:
        return
    if not isinstance(events, list) or len(events) > MAX_EVENTS:
        raise BadChange(f"{where}的 events 应为不超过 {MAX_EVENTS} 项的列表")
    for i, e in enumerate(events):
        _event(e, f"办件状态记录 events[{i}]")


def _notice(p: dict[str, Any]) -> None:
    where = "告知书数据"
    _text(p, "id", where, MAX_ID)
    _number(p, "notice_no", where, "N")
    _people(p, where)
    _moment(p, "created_at", where)


def _case_event(p: dict[str, Any]) -> None:
    _text(p, "case_id", "状态变更", MAX_ID)
    if p.get("case_no") not in (None, ""):
        _number(p, "case_no", "状态变更", "S")
    _event(p, "状态变更")


def _enquiry(p: dict[str, Any]) -> None:
    """咨询登记: the texts it carries, its time, and an ID number that arrives masked, never in full."""
    where = "咨询登记"
    _text(p, "id", where, MAX_ID)
    wid = _text(p, "window_id", where, 11)
    if not (wid or "").isdigit() or len(wid or "") != 11:
        raise BadChange(f"{where}的窗口编号 window_id 应为11位数字")
    if _moment(p, "at", where) is None:
        raise BadChange(f"{where}缺少 at")
    _text(p, "item_code", where, 64)
    _text(p, "item_name", where, 200)
    _text(p, "department", where, 200, required=False)
    _text(p, "question", where, MAX_NOTE, required=False)
    _text(p, "answer", where, MAX_NOTE)
    clerk = p.get("clerk")
    if not isinstance(clerk, dict):
        raise BadChange(f"{where}缺少窗口工作人员 clerk")
    _text(clerk, "name", f"{where}（窗口工作人员）", 100)
    _ruled(p, "asker_name", where, "name")
    _ruled(p, "asker_phone", where, "phone")
    masked = _text(p, "asker_id_masked", where, 40, required=False)
    if masked and "*" not in masked:
        raise BadChange(f"{where}的证件号码 asker_id_masked 须隐去中间部分，中心不接收完整号码")




_ROLES = ("", "applicant", "legal_rep", "agent")
_BEARERS = ("", "applicant", "government")
_HANDOUT_TEXTS = (("result", 10_000), ("courier", 64), ("courier_code", 16), ("tracking_no", 64), ("address", 300),
                  ("note", MAX_NOTE), ("authorisation_scope", 200))


def _handout(p: dict[str, Any]) -> None:
    """A result handed out or mailed (``HandoutRecord``); the results-out fields are optional (older windows)."""
    where = "出件记录"
    _text(p, "case_id", where, MAX_ID)
    if p.get("case_no") not in (None, ""):
        _number(p, "case_no", where, "S")
    if p.get("method") not in ("window", "mail"):
        raise BadChange(f"{where}的出件方式 method 无效：{str(p.get('method'))[:20]!r}")
    for key, limit in _HANDOUT_TEXTS:
        _text(p, key, where, limit, required=False)
    if p.get("receiver_role", "") not in _ROLES:
        raise BadChange(f"{where}的领取人身份 receiver_role 无效：{str(p.get('receiver_role'))[:20]!r}")
    if p.get("cost_bearer", "") not in _BEARERS:
        raise BadChange(f"{where}的邮寄费用承担方 cost_bearer 无效：{str(p.get('cost_bearer'))[:20]!r}")
    if not isinstance(p.get("authorisation_kept", False), bool):
        raise BadChange(f"{where}的 authorisation_kept 应为是/否")
    receiver = p.get("receiver")
    if receiver is not None:
        if not isinstance(receiver, dict):
            raise BadChange(f"{where}的 receiver 应为对象")
        for key in _PARTY_TEXTS:
            _ruled(receiver, key, f"{where}（领取人）", key)
    _moment(p, "handed_at", where)
    try:
        parse_payload("handout", p)
    except RecordError as err:
        raise BadChange(f"{where}无法解析：{err}") from None



def _case_note(p: dict[str, Any]) -> None:
    """A note; a 好差评 rating or a follow-up's closure must carry a detail the report can read."""
    where = "办件记录"
    _text(p, "id", where, MAX_ID)
    _text(p, "case_id", where, MAX_ID)
    kind = _text(p, "kind", where, 32)
    if kind not in (RATING_KIND, FOLLOWUP_CLOSED_KIND):
        return
    detail = p.get("detail")
    if not isinstance(detail, dict):
        raise BadChange(f"{where}（{kind}）缺少 detail")
    if kind == FOLLOWUP_CLOSED_KIND:
        _text(detail, "rating_id", where + "（差评整改）", MAX_ID)
        _text(detail, "action", where + "（差评整改）", MAX_NOTE)
        return
    try:
        Rating.from_detail(str(p["id"]), "", detail)
    except (KeyError, ValueError, TypeError) as exc:
        raise BadChange(f"{where}（评价）的 detail 无效：{str(exc)[:80]}") from None
    _text(detail, "served_by", where + "（评价）", MAX_ACTOR, required=False)
    _text(detail, "comment", where + "（评价）", MAX_NOTE, required=False)


_BY_KIND = {"case": _case, "notice": _notice, "case_event": _case_event, "case_note": _case_note,
            "handout": _handout, "enquiry": _enquiry}


def check_change(kind: str, payload: dict[str, Any], text: str, utf8: bytes | None = None,
                 record: BaseModel | None = None) -> None:
    """Raise :class:`BadChange` if this change cannot be stored and applied as it is (``utf8``:
    ``text`` as UTF-8, if at hand; ``record``: the payload parsed into its kind's record, if it
    is one, which spares most of the generic check, ``protocol.record_bounds``)."""
    size = len(text) if len(text) * 3 <= MAX_CHANGE_BYTES else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_CHANGE_BYTES:
        raise BadChange(f"变更内容过大（{size // 1024} KB，上限 {MAX_CHANGE_BYTES // 1024} KB）")
    try:
        if not (record is not None and text_looks_safe(text, utf8) and record_looks_safe(record, payload)):
            check_encoded(payload, text, utf8=utf8)
    except UnsafeContent as exc:
        raise BadChange(f"变更内容无法保存：{exc}") from None
    check = _BY_KIND.get(kind)
    if check is not None:
        check(payload)
