"""One sync round: hello → push outbox → push audit → pull streams → compare tallies.

Against a centre of protocol 2 the hello is ``/v1/round``, whose answer also carries the
first page of every stream that moved: a window with nothing queued makes ONE request per
round. A centre without ``/v1/round`` (404: protocol 1) gets today's hello + pull, and is
asked again after :data:`ROUND_PROBE_EVERY` (it may have been upgraded).

Every step commits locally on its own, so a round cut short anywhere (network, crash,
SIGKILL) leaves nothing half-done: the next round starts where the centre's answers say.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import httpx

from clerk_app import __version__
from clerk_app.protocol.messages import Action, HelloRequest, HelloResponse, RoundRequest, StreamPage
from clerk_app.protocol.versions import CLOCK_SKEW_WARN_SECONDS, HELLO_ONLY_PROTOCOL, PROTOCOL_VERSION
from clerk_app.store import counters, outbox
from clerk_app.store import sync_state as state
from clerk_app.sync import audit_push, push, reconcile
from clerk_app.sync.client import SyncClient, no_round
from clerk_app.sync.errors import NotAuthorised, NotEnrolled, Offline, Refused, SyncError
from clerk_app.sync.pull import PAGE, local_cursors, pull_all
from clerk_app.sync.token import load_token, save_token

log = logging.getLogger(__name__)
STREAM_LABELS = {"catalogue": "事项目录", "roster": "人员名册", "calendar": "节假日安排", "decisions": "审批结果"}
STATE_LABELS = {"online": "在线", "offline": "离线", "not_enrolled": "未登记"}
TALLY_EVERY = timedelta(minutes=10)
ROUND_PROBE_EVERY = timedelta(minutes=10)  # a centre that had no /v1/round is asked again after this


def _device_now() -> float:
    """This machine's wall clock (not the business clock ``ctx.clock``): what skew is measured on."""
    return time.time()


@dataclass
class RoundReport:
    state: str = "offline"  # online | offline | not_enrolled
    ok: bool = False
    pushed: int = 0
    duplicates: int = 0
    refused: int = 0
    audit_sent: int = 0
    pulled: dict[str, int] = field(default_factory=dict)
    not_applied: dict[str, int] = field(default_factory=dict)
    waiting: int = 0
    actions: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    clock_skew_seconds: float | None = None
    seconds: float = 0.0
    more_waiting: bool = False
    protocol: int = 0  # the protocol spoken with the centre this round (1: hello + pull, 2: /v1/round)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        out = [f"状态：{STATE_LABELS.get(self.state, self.state)}（用时 {self.seconds:.1f} 秒）"]
        if self.state == "not_enrolled":
            return [*out, f"错误：{self.error}"]
        out.append(f"上传：{self.pushed + self.duplicates} 项变更已确认（新 {self.pushed}，重复 {self.duplicates}），"
                   f"被拒 {self.refused}；审计日志 {self.audit_sent} 条")
        pulled = "，".join(f"{STREAM_LABELS.get(k, k)} {v}" for k, v in self.pulled.items() if v) or "无新数据"
        out.append(f"下载：{pulled}")
        for k, v in self.not_applied.items():
            if v:
                out.append(f"未能应用：{STREAM_LABELS.get(k, k)} {v} 条（见 clerk sync --issues）")
        out.append(f"待上传：{self.waiting} 项")
        out += [f"提示：{a['message']}" for a in self.actions if a["level"] != "error"]
        out += [f"注意：{w}" for w in self.warnings]
        if self.error:
            out.append(f"错误：{self.error}")
        return out


@cache
def _store_schema() -> str:
    from clerk_app.store.migrate import head

    return head()


def make_client(ctx, transport: httpx.BaseTransport | None = None) -> SyncClient:
    url = ctx.settings.sync.server_url.strip()
    token = load_token()
    if not url or not token:
        raise NotEnrolled()
    return SyncClient(url, token, ca_file=ctx.settings.sync.ca_file or None, transport=transport)


_TOKEN = re.compile(r"[A-Za-z0-9._~+/=-]{16,512}")  # what can stand in an Authorization header


def _keep_new_token(client: SyncClient, token: str) -> None:
    """The centre renewed this window's token: keep it, then use it. If it cannot be kept,
    the old one stays in use (the centre accepts it until the new one is first used). A token
    no header can carry is not kept: it would lock this window out until enrolled again."""
    if not _TOKEN.fullmatch(token):
        log.warning("the centre sent a renewed token that cannot be used; the old one stays in use")
        return
    try:
        save_token(token)
    except Exception as exc:  # keyring or file trouble: not this round's problem
        log.warning("could not keep the renewed window token (%s); the old one stays in use", exc.__class__.__name__)
        return
    client.use_token(token)


def _hello_fields(ctx) -> dict[str, Any]:
    with ctx.store.read() as s:
        seq = counters.peek(s, outbox.OUTBOX_COUNTER)
    return {"window_id": ctx.window_id, "app_version": __version__, "store_schema": _store_schema(),
            "catalogue_version": ctx.catalogue.version, "device_time": datetime.fromtimestamp(_device_now(), UTC),
            "outbox_seq": seq, "audit_seq": audit_push.local_high(ctx)}


def _speaks_round(ctx, client: SyncClient) -> bool:
    """False while this centre was found without /v1/round less than ROUND_PROBE_EVERY ago."""
    with ctx.store.read() as s:
        known = state.get(s, state.SERVER_PROTOCOL)
    if not isinstance(known, dict) or known.get("url") != client.base_url:
        return True
    try:
        return datetime.now() - datetime.fromisoformat(str(known.get("at"))) >= ROUND_PROBE_EVERY
    except ValueError:
        return True


def _remember_protocol(ctx, client: SyncClient, version: int) -> None:
    value = None if version > HELLO_ONLY_PROTOCOL else {
        "url": client.base_url, "version": version, "at": datetime.now().isoformat()}
    with ctx.store.read() as s:
        if state.get(s, state.SERVER_PROTOCOL) == value:
            return
    with ctx.store.transaction() as s:
        state.put(s, state.SERVER_PROTOCOL, value)


def _hello(ctx, client: SyncClient) -> tuple[HelloResponse, float, dict[str, StreamPage] | None, dict[str, int]]:
    """The centre's hello answer, the clock skew, and (protocol 2) the pages of the streams
    that moved past ``cursors``; None for the pages when the centre speaks protocol 1."""
    fields = _hello_fields(ctx)
    cursors = local_cursors(ctx)
    pages: dict[str, StreamPage] | None = None
    resp: HelloResponse | None = None
    t0 = _device_now()
    if _speaks_round(ctx, client):
        try:
            answer = client.round(RoundRequest(protocol_version=PROTOCOL_VERSION, cursors=cursors, limit=PAGE,
                                               **fields))
            resp, pages = answer, answer.streams
        except Refused as exc:
            if not no_round(exc):
                raise
            log.info("the centre has no /v1/round: speaking protocol %d to it", HELLO_ONLY_PROTOCOL)
            _remember_protocol(ctx, client, HELLO_ONLY_PROTOCOL)
            t0 = _device_now()
        else:
            _remember_protocol(ctx, client, resp.protocol_version)
    if resp is None:
        resp = client.hello(HelloRequest(protocol_version=min(PROTOCOL_VERSION, HELLO_ONLY_PROTOCOL), **fields))
    t1 = _device_now()
    if resp.new_token:
        _keep_new_token(client, resp.new_token)
    # Positive: this window's clock is ahead of the centre's (round trip halved).
    try:
        skew = (t0 + t1) / 2 - resp.server_time.timestamp()
    except (ValueError, OverflowError, OSError) as exc:  # e.g. year 1 without a zone: no epoch for it
        raise SyncError(f"中心服务器报告的时间无效（{str(resp.server_time)[:40]}），请联系中心管理员",
                        "bad_answer") from exc
    return resp, skew, pages, cursors


def _waiting(ctx) -> int:
    with ctx.store.read() as s:
        return outbox.stats(s)[0]


def run_round(ctx, client: SyncClient | None = None, transport: httpx.BaseTransport | None = None) -> RoundReport:
    """One full round; never raises for network or server trouble (it is in the report)."""
    report = RoundReport()
    started = time.monotonic()
    own = client is None
    try:
        if client is None:
            client = make_client(ctx, transport)
        _round(ctx, client, report)
        report.ok = report.error is None
    except NotEnrolled as exc:
        report.state, report.error = "not_enrolled", exc.message
    except SyncError as exc:
        report.state = "offline" if isinstance(exc, Offline) else "online"
        report.error = exc.message
        log.warning("sync round failed: %s (%s)", exc.code, exc.message)
    finally:
        if own and client is not None:
            client.close()
    report.waiting = _waiting(ctx)
    report.seconds = time.monotonic() - started
    if report.state != "not_enrolled":
        _record(ctx, report)
    return report


def _round(ctx, client: SyncClient, report: RoundReport) -> None:
    hello, skew, pages, cursors = _hello(ctx, client)
    report.state = "online"
    report.protocol = 1 if pages is None else 2
    report.clock_skew_seconds = round(skew, 1)
    report.actions = [a.model_dump() for a in hello.actions]
    if abs(skew) > CLOCK_SKEW_WARN_SECONDS and not any(a.code == "clock_skew" for a in hello.actions):
        report.actions.append(Action(code="clock_skew", level="warning", message=(
            f"本机时钟与中心相差约 {abs(skew) / 60:.0f} 分钟，请校准系统时间")).model_dump())
    errors = [a for a in hello.actions if a.level == "error"]
    if not hello.ok:
        raise Refused(errors[0].message if errors else "中心拒绝了本次同步", "hello_refused")
    if errors:  # e.g. seq_behind: do not push, but still pull what the centre publishes
        report.error = errors[0].message
    else:
        tally = push.push_outbox(ctx, client)
        report.pushed, report.duplicates, report.refused = tally.applied, tally.duplicate, tally.refused
        report.more_waiting = tally.batches >= push.MAX_BATCHES
        if tally.unanswered:
            report.error = f"中心的回答中缺少 {tally.unanswered} 项变更的结果（或无法识别），这些变更留待重试"
    audit_failed: SyncError | None = None
    try:
        report.audit_sent = audit_push.push_audit(ctx, client, hello.audit_high_seq)
    except Refused as exc:
        report.warnings.append(f"审计日志未能上传：{exc.message}")
    except NotAuthorised:
        raise
    except SyncError as exc:  # busy, unreadable, cut off: the decisions already in hand still apply
        audit_failed = exc
    problems: list[str] = []
    applied, failed = (pull_all(ctx, client, problems=problems) if pages is None
                       else pull_all(ctx, client, pages, cursors, problems=problems,
                                     heads=getattr(hello, "stream_heads", None)))
    report.pulled, report.not_applied = dict(applied), dict(failed)
    if audit_failed is not None:  # the round still ends on it (state, retry), after the pull
        raise audit_failed
    if problems and report.error is None:
        report.error = "；".join(problems)
    if report.error is None and _waiting(ctx) == 0:
        _maybe_reconcile(ctx, client, report)


def _maybe_reconcile(ctx, client: SyncClient, report: RoundReport) -> None:
    now = datetime.now()
    with ctx.store.read() as s:
        last = state.get(s, state.TALLY_AT)
    if last and now - datetime.fromisoformat(last) < TALLY_EVERY and not report.pushed:
        return
    try:
        diffs = reconcile.compare(ctx, client, ctx.clock().date())
    except Refused as exc:
        diffs = [f"无法核对：{exc.message}"]
    with ctx.store.transaction() as s:
        state.put_many(s, {state.TALLY: diffs, state.TALLY_AT: now.isoformat()})


def _record(ctx, report: RoundReport) -> None:
    now = datetime.now()
    values: dict[str, Any] = {state.STATE: report.state, state.LAST_ATTEMPT: now.isoformat(),
                              state.LAST_ERROR: report.error}
    if report.error is None:
        values[state.LAST_SUCCESS] = now.isoformat()
    if report.clock_skew_seconds is not None:
        values[state.CLOCK_SKEW] = report.clock_skew_seconds
    if report.state == "online":
        values[state.ACTIONS] = report.actions
    try:
        with ctx.store.transaction() as s:
            state.put_many(s, values, now)
    except Exception:  # the status is informative; a busy store must not fail the round
        log.exception("could not record the sync status")
