"""HTTP client of the sync API (httpx). Turns every network or server failure into a
:class:`~clerk_app.sync.errors.SyncError` with a plain Chinese message; never retries by
itself (the round and the worker decide that)."""

from __future__ import annotations

import re
import ssl
import time
from datetime import date
from typing import Any, TypeVar, cast

import httpx
from pydantic import BaseModel

from clerk_app.protocol.messages import (
    AuditPushRequest,
    AuditPushResponse,
    CaseOut,
    EnrollRequest,
    EnrollResponse,
    HelloRequest,
    HelloResponse,
    PullRequest,
    PullResponse,
    PushResponse,
    RecoveryResponse,
    RoundRequest,
    RoundResponse,
    TallyResponse,
)
from clerk_app.sync import answers
from clerk_app.sync.errors import NotAuthorised, Offline, Refused, ServerBusy, SyncError

M = TypeVar("M", bound=BaseModel)
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)


def _verify(ca_file: str | None) -> ssl.SSLContext | bool:
    if ca_file:
        try:
            return ssl.create_default_context(cafile=ca_file)
        except (OSError, ssl.SSLError) as exc:
            raise Refused(f"无法读取中心证书文件 {ca_file}：{exc}", "bad_ca_file") from exc
    return True


MAX_ANSWER = 256 * 1024 * 1024  # bytes: far above a page of catalogue versions, far below a PC's memory
ANSWER_SECONDS = 300.0  # for reading one answer's body: a centre (or proxy) dripping bytes is cut off
_CJK = re.compile(r"[\u3400-\u9fff]")
_STATUS_MESSAGES = {
    401: "中心服务器不认可本窗口的令牌（401），请管理员重新登记本窗口（clerk enroll）",
    403: "中心服务器拒绝了本窗口的请求（403）",
    404: "中心服务器没有此接口（404），请管理员检查 sync.server_url 设置",
    405: "中心服务器不接受此请求（405），请管理员检查 sync.server_url 设置",
    408: "中心服务器等待请求超时（408），稍后自动重试",
    413: "请求内容超过中心服务器的上限（413）",
    429: "中心服务器繁忙（429），稍后自动重试",
}


def _problem(resp: httpx.Response, content: bytes | None = None) -> tuple[str, str]:
    """(code, message) of an error answer: the server's Problem body when it has a Chinese
    message (a proxy's page or an English text is not shown to the clerk), shortened."""
    status = resp.status_code
    fallback = _STATUS_MESSAGES.get(status) or (
        f"中心服务器暂时出错（{status}），稍后自动重试" if status >= 500 else f"中心服务器拒绝了请求（{status}）")
    try:
        body = answers.decode(resp.content if content is None else content)
    except answers.AnswerUnreadable:
        return f"http_{status}", fallback
    if not isinstance(body, dict):
        return f"http_{status}", fallback
    code = body.get("code")
    code = answers.scrub(code)[:64] if isinstance(code, str) and code else f"http_{status}"
    message = body.get("message")
    if isinstance(message, str) and _CJK.search(message):
        text = " ".join(answers.scrub(message).split())
        return code, text if len(text) <= 300 else text[:300] + "…"
    return code, fallback


def raise_for(resp: httpx.Response, content: bytes | None = None) -> None:
    status = resp.status_code
    if 300 <= status < 400:
        where = " ".join(resp.headers.get("location", "").split())[:200]
        raise Refused(f"中心服务器要求转到另一地址（{status}{'：' + where if where else ''}），本窗口不跟随；"
                      "请管理员检查 sync.server_url 设置", "redirect")
    if status < 400:
        return
    code, message = _problem(resp, content)
    if status in (401, 403):
        raise NotAuthorised(message, code)
    if status >= 500:
        if message.startswith("中心服务器暂时出错"):
            raise ServerBusy(message, code)
        raise ServerBusy(f"中心服务器暂时出错（{status}）：{message}", code)
    if status in (408, 429):
        raise ServerBusy(message, code)
    raise Refused(message, code)


def _read_body(resp: httpx.Response, limit: int, seconds: float, cut: bool = False) -> bytes:
    """The answer's body, refused beyond ``limit`` bytes (``cut``: shortened to it) or after
    ``seconds`` (httpx's read timeout is per chunk: a body dripping a byte a minute would
    otherwise hold the sync thread for ever)."""
    declared = resp.headers.get("content-length", "")
    if not cut and declared.isdigit() and int(declared) > limit:
        raise SyncError(f"中心服务器的回答过大（{int(declared) // 1048576} MB），未接收；请联系中心管理员",
                        "answer_too_large")
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_bytes():
        size += len(chunk)
        if size > limit:
            if cut:
                chunks.append(chunk[:len(chunk) - (size - limit)])
                break
            raise SyncError(f"中心服务器的回答过大（超过 {limit // 1048576} MB），未接收；请联系中心管理员",
                            "answer_too_large")
        chunks.append(chunk)
        if time.monotonic() > deadline:
            if cut:
                break
            raise Offline("中心服务器的回答太慢（超时），稍后自动重试", "timeout")
    return b"".join(chunks)


class SyncClient:
    """One window's connection to the centre. ``transport`` lets tests inject faults."""

    def __init__(self, base_url: str, token: str | None, *, ca_file: str | None = None,
                 timeout: httpx.Timeout | float = DEFAULT_TIMEOUT, transport: httpx.BaseTransport | None = None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        kwargs: dict[str, Any] = {"transport": transport} if transport is not None else {}
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(base_url=self.base_url, headers=headers, timeout=timeout,
                                  verify=_verify(ca_file), **kwargs)

    def close(self) -> None:
        self._http.close()

    def use_token(self, token: str) -> None:
        """From now on call with ``token`` (a renewed one)."""
        self._http.headers["Authorization"] = f"Bearer {token}"

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _call(self, method: str, path: str, model: type[M], **kw) -> M:
        try:
            resp = self._http.send(self._http.build_request(method, path, **kw), stream=True)
            try:
                if resp.status_code < 300:
                    content = _read_body(resp, MAX_ANSWER, ANSWER_SECONDS)
                else:  # an error page or a redirect: only its start is of interest
                    content = _read_body(resp, 64 * 1024, 10.0, cut=True)
            finally:
                resp.close()
        except httpx.TimeoutException as exc:
            raise Offline("连接中心服务器超时，稍后自动重试", "timeout") from exc
        except httpx.TransportError as exc:  # refused, reset, DNS, TLS, cut mid-answer
            if "CERTIFICATE_VERIFY_FAILED" in str(exc) or isinstance(exc.__cause__, ssl.SSLCertVerificationError):
                raise Offline(f"无法验证中心服务器（{self.base_url}）的证书：请管理员检查 sync.ca_file 设置",
                              "tls") from exc
            raise Offline(f"无法连接中心服务器（{self.base_url}），稍后自动重试", "offline") from exc
        raise_for(resp, content)
        try:
            value = answers.decode(content)
            if "streams" in model.model_fields:
                return cast(M, answers.read_with_streams(model, value))
            if model is PushResponse:
                return cast(M, answers.read_push(model, value))
            return cast(M, answers.read_model(model, value))
        except answers.AnswerUnreadable as exc:
            raise SyncError(f"{exc}，稍后重试", "bad_answer") from exc

    def hello(self, req: HelloRequest) -> HelloResponse:
        return self._call("POST", "/v1/hello", HelloResponse, content=req.model_dump_json())

    def round(self, req: RoundRequest) -> RoundResponse:
        """Protocol 2's one-request round; an older centre answers 404 (see :func:`no_round`)."""
        return self._call("POST", "/v1/round", RoundResponse, content=req.model_dump_json())

    def push_raw(self, body: bytes) -> PushResponse:
        """Push a batch already encoded as JSON (see :mod:`clerk_app.sync.push`)."""
        return self._call("POST", "/v1/push", PushResponse, content=body)

    def push_audit(self, req: AuditPushRequest) -> AuditPushResponse:
        return self._call("POST", "/v1/audit", AuditPushResponse, content=req.model_dump_json())

    def pull(self, req: PullRequest) -> PullResponse:
        return self._call("POST", "/v1/pull", PullResponse, content=req.model_dump_json())

    def tally(self, window_id: str, since: date) -> TallyResponse:
        return self._call("GET", f"/v1/windows/{window_id}/tally", TallyResponse, params={"since": since.isoformat()})

    def recovery(self, window_id: str, since: date, after_audit: int = 0) -> RecoveryResponse:
        return self._call("GET", f"/v1/windows/{window_id}/recovery", RecoveryResponse,
                          params={"since": since.isoformat(), "after_audit": after_audit})

    def get_case(self, case_no: str) -> CaseOut:
        return self._call("GET", f"/v1/cases/{case_no}", CaseOut)


def no_round(exc: SyncError) -> bool:
    """The centre (or a proxy before it) does not know ``/v1/round``: it speaks protocol 1."""
    return isinstance(exc, Refused) and exc.code in ("not_found", "not_allowed", "http_404", "http_405")


def enroll_request(base_url: str, code: str, device_name: str, app_version: str, *, ca_file: str | None = None,
                   transport: httpx.BaseTransport | None = None) -> EnrollResponse:
    with SyncClient(base_url, None, ca_file=ca_file, transport=transport) as c:
        req = EnrollRequest(code=code, device_name=device_name, app_version=app_version)
        return c._call("POST", "/v1/enroll", EnrollResponse, content=req.model_dump_json())


__all__ = ["SyncClient", "enroll_request", "no_round", "raise_for", "SyncError"]
