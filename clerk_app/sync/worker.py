"""A background thread that syncs on a timer with backoff of its own (no Qt).

It never blocks the caller, and it retries by itself: a failed round is tried again after
1, 2, 4 … 60 s (with jitter), not when the clerk next saves something. ``trigger()`` asks
for a round now (e.g. right after an intake). Callbacks run on the worker's thread: a Qt
UI re-emits them as signals (see docs/sync.md).
"""

from __future__ import annotations

import logging
import math
import random
import threading
from collections.abc import Callable
from typing import Any

from clerk_app.settings import SYNC_INTERVAL_MAX, SYNC_INTERVAL_MIN, SyncSettings
from clerk_app.sync.engine import RoundReport, run_round
from clerk_app.sync.status import SyncStatus, read_status

log = logging.getLogger(__name__)

MIN_BACKOFF = 1.0
MAX_BACKOFF = 60.0
DEFAULT_INTERVAL = float(SyncSettings.model_fields["interval_seconds"].default)


def sane_interval(value: Any) -> float:
    """The pause between rounds, whatever the settings hold: a value that is not a finite number
    (nan, inf, a text, a bool) gives the default, anything else is clamped to 1 s … 1 h, so the
    loop can neither spin against the centre (0, -1, nan make ``Event.wait`` return at once) nor
    die (``Event.wait(inf)`` raises OverflowError)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return DEFAULT_INTERVAL
    return min(SYNC_INTERVAL_MAX, max(SYNC_INTERVAL_MIN, float(value)))


def backoff_delay(failures: int, rng: random.Random | None = None) -> float:
    """1, 2, 4 … capped at 60 s, ±20 % jitter so many windows do not retry in step."""
    base = min(MAX_BACKOFF, MIN_BACKOFF * (2 ** max(0, failures - 1)))
    return base * (0.8 + 0.4 * (rng or random).random())


class SyncWorker:
    """Runs :func:`run_round` in a loop on its own thread.

    ``ctx_factory`` is called once on the worker thread to get the context it syncs with;
    with ``close_context=True`` (default) the worker closes it when it stops. Pass the UI's
    own context and ``close_context=False`` to share it (the store is thread-safe).
    """

    def __init__(self, ctx_factory: Callable[[], Any], *, interval: float | None = None,
                 on_round: Callable[[RoundReport, SyncStatus], None] | None = None,
                 close_context: bool = True, transport: Any = None):
        self._factory = ctx_factory
        self._interval = interval
        self._on_round = on_round
        self._close = close_context
        self._transport = transport
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._status: SyncStatus | None = None
        self._ready = threading.Event()
        self.failures = 0
        self.rounds = 0
        self.last_report: RoundReport | None = None

    # -- control -------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="clerk-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the loop to end and wait for the round in progress (if any) to finish."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def trigger(self) -> None:
        """Run a round as soon as possible (coalesced if one is already due)."""
        self._wake.set()

    def status(self) -> SyncStatus | None:
        """The latest status (``syncing`` while a round runs); None before the worker read it."""
        with self._lock:
            return self._status

    def wait_ready(self, timeout: float = 10.0) -> bool:
        return self._ready.wait(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- loop ----------------------------------------------------------------------
    def _set_status(self, st: SyncStatus | None) -> None:
        with self._lock:
            self._status = st

    def _run(self) -> None:
        try:
            ctx = self._factory()
        except Exception:
            log.exception("sync worker could not open its context")
            return
        try:
            self._loop(ctx)
        finally:
            if self._close:
                try:
                    ctx.close()
                except Exception:  # pragma: no cover - closing is best effort
                    log.exception("closing the sync context failed")

    def _loop(self, ctx) -> None:
        self._set_status(read_status(ctx))
        self._ready.set()
        while not self._stop.is_set():
            self._wake.clear()
            current = self.status()
            if current is not None and current.state != "not_enrolled":
                self._set_status(current.with_state("syncing"))
            try:
                report = run_round(ctx, transport=self._transport)
            except Exception as exc:  # a bug must not kill the thread: report it and back off
                log.exception("sync round crashed")
                report = RoundReport(state="offline", error=f"同步程序内部错误：{exc.__class__.__name__}")
            self.rounds += 1
            self.last_report = report
            self.failures = 0 if report.ok else self.failures + 1
            try:
                st = read_status(ctx)
            except Exception:
                log.exception("reading the sync status failed")
                st = current
            self._set_status(st)
            if self._on_round is not None and st is not None:
                try:
                    self._on_round(report, st)
                except Exception:
                    log.exception("on_round callback failed")
            self._wake.wait(self._delay(ctx, report))

    def _interval_now(self, ctx) -> float:
        if self._interval is not None:
            return sane_interval(self._interval)
        try:
            return sane_interval(ctx.settings.sync.interval_seconds)
        except Exception:  # settings replaced by something odd: never let that end the thread
            log.exception("reading sync.interval_seconds failed")
            return DEFAULT_INTERVAL

    def _delay(self, ctx, report: RoundReport) -> float:
        if report.ok and report.more_waiting:
            return 0.0
        if report.state == "not_enrolled":
            return max(30.0, self._interval_now(ctx))
        if not report.ok:
            return backoff_delay(self.failures)
        return self._interval_now(ctx)
