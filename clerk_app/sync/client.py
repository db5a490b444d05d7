"""HTTP client of the sync API (httpx). Turns every network or server failure into a
:class:`~clerk_app.sync.errors.SyncError` with a plain Chinese message; never retries by
itself (the round and the worker decide that)."""

from __future__ import annotations

import ssl
from datetime import date
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

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


def _problem(resp: httpx.Response) -> tuple[str, str]:
    """(code, message) of an error answer; the server's Problem body when there is one."""
    try:
        body = resp.json()
        if isinstance(body, dict) and body.get("message"):
            return str(body.get("code") or f"http_{resp.status_code}"), str(body["message"])
    except ValueError:
        pass
    return f"http_{resp.status_code}", f"中心服务器返回 {resp.status_code}"


def raise_for(resp: httpx.Response) -> None:
    status = resp.status_code
    if status < 400:
        return
    code, message = _problem(resp)
    if status in (401, 403):
        raise NotAuthorised(message, code)
    if status >= 500:
        raise ServerBusy(f"中心服务器暂时出错（{status}）：{message}", code)
    raise Refused(message, code)


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
            resp = self._http.request(method, path, **kw)
        except httpx.TimeoutException as exc:
            raise Offline("连接中心服务器超时，稍后自动重试", "timeout") from exc
        except httpx.TransportError as exc:  # refused, reset, DNS, TLS, cut mid-answer
            if "CERTIFICATE_VERIFY_FAILED" in str(exc) or isinstance(exc.__cause__, ssl.SSLCertVerificationError):
                raise Offline(f"无法验证中心服务器（{self.base_url}）的证书：请管理员检查 sync.ca_file 设置",
                              "tls") from exc
            raise Offline(f"无法连接中心服务器（{self.base_url}），稍后自动重试", "offline") from exc
        raise_for(resp)
        try:
            return model.model_validate_json(resp.content)
        except ValidationError as exc:
            raise SyncError("中心服务器的回答无法识别（版本不匹配？），稍后重试", "bad_answer") from exc

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
