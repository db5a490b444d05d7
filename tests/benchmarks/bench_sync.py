"""Benchmark: replication throughput and latency against PostgreSQL (run on demand).

1. **Push**: 10,000 cases queued in a window's outbox (real intake payloads, ~7 KB each)
   pushed through the real client and a uvicorn server to PostgreSQL, against a bare
   psycopg ``executemany`` of the same rows (changes, cases, case_events) in the same run.
   Target: ≥ 4,000 cases/s and within 5× of the bare insert.
2. **Server CPU per window round** (issue 16), from the server processes' own counters
   (``/proc/<pid>/stat`` of uvicorn and its workers, so the load generator's CPU is not
   counted): the windows doing only ``GET /v1/health`` once per 5 s, then idle rounds of
   protocol 1 (hello + pull) and of protocol 2 (``/v1/round``). Target: an idle round
   ≤ 2× the CPU of one ``/v1/health``.
3. **Load**: 2,000 windows each syncing every 5 s with protocol 2 (``/v1/round``, a push when
   a case is new: ``--cases-per-round`` on average, a pull only for a stream with more) from
   ``--generators`` processes of plain asyncio HTTP/1.1 clients on loopback (``loadgen.py``), bounded in time; the server runs ``--workers``
   processes. Target: p99 of a request < 200 ms. ``--windows 200 --cases-per-round 1``
   is the old load (0–2 new cases per round).

``.venv/bin/python tests/benchmarks/bench_sync.py [--cases N] [--windows N] [--seconds S] [--workers N]
[--cpu-seconds S] [--cases-per-round X] [--skip-push] [--skip-load]``
Needs the PostgreSQL on 127.0.0.1:5432 (``CLERK_TEST_PG`` to use another); it creates a
private database ``clerk_bench_<random>`` and drops it afterwards. Exits 1 on a missed target.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import uuid
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import server_harness as testing  # noqa: E402
from store.samples import food_tolerated  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from loadgen import REQUESTS, STREAMS0, case_variant, run_load  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
REQUEST = food_tolerated()


def template_case(home: Path) -> dict:
    """One real intake's outbox payload (the full case dict with materials and its event)."""
    os.environ["CLERK_HOME"] = str(home)
    from sqlalchemy import select

    from clerk_app.domain.people import LOCAL_CLERK
    from clerk_app.intake.request import flow_from_json
    from clerk_app.services.context import open_context
    from clerk_app.services.intake import submit
    from clerk_app.store.models import OutboxEntry

    ctx = open_context()
    flow, _ = flow_from_json(REQUEST, ctx.catalogue, ctx.calendar, ctx.clock())
    submit(ctx, flow, LOCAL_CLERK)
    with ctx.store.read() as s:
        payload = s.execute(select(OutboxEntry.payload)).scalar_one()
    ctx.close()
    return payload


# --- 1. push ------------------------------------------------------------------------------------

def fill_outbox(ctx, template: dict, n: int) -> list[dict]:
    from clerk_app.store.counters import next_value
    from clerk_app.store.models import OutboxEntry
    from clerk_app.store.outbox import OUTBOX_COUNTER

    cases = [case_variant(template, ctx.window_id, i) for i in range(1, n + 1)]
    now = datetime.now()
    with ctx.store.transaction() as s:
        for c in cases:
            seq = next_value(s, OUTBOX_COUNTER)
            s.add(OutboxEntry(seq=seq, change_id=str(uuid.uuid4()), kind="case", entity_id=c["id"], payload=c,
                              created_at=now))
    return cases


def bare_executemany(url: str, cases: list[dict]) -> float:
    """Wall seconds of the same rows into temporary copies of the three tables with psycopg
    ``executemany`` (one transaction): ``bench_push``'s baseline, so both benchmarks compare
    with the same insert."""
    from bench_push import bare_executemany as bare

    return bare(url, cases, temp=True)[0]


def bench_push(url: str, n: int, workers: int, work: Path) -> tuple[float, float, int]:
    from clerk_app.server.config import normalise_url
    from clerk_app.services.context import open_context
    from clerk_app.sync import push
    from clerk_app.sync.client import SyncClient

    template = template_case(work / "tpl")
    os.environ["CLERK_HOME"] = str(work / "window")
    ctx = open_context()
    cases = fill_outbox(ctx, template, n)
    engine = testing.migrated_engine(url)
    token = _token(engine, ctx.window_id)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server = testing.ProcessServer(normalise_url(url), workers=workers, log=work / "server.log").start()
    try:
        with SyncClient(server.url, token) as client:
            cpu0, t0 = time.process_time(), time.perf_counter()
            tally = push.push_outbox(ctx, client, max_batches=10_000)
            elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    finally:
        server.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_cpu = (after.ru_utime + after.ru_stime) - (children_before.ru_utime + children_before.ru_stime)
    print(f"  CPU: window client {cpu:.2f} s, server process {server_cpu:.2f} s (incl. its start-up), "
          f"wall {elapsed:.2f} s on {os.cpu_count()} cores shared with PostgreSQL")
    with engine.connect() as conn:
        held = conn.exec_driver_sql("SELECT count(*) FROM cases").scalar()
    engine.dispose()
    ctx.close()
    assert tally.applied == n and held == n, (tally, held)
    bare = bare_executemany(normalise_url(url), cases)
    return elapsed, bare, held


def _token(engine, window_id: str) -> str:
    from clerk_app.server import windows

    with engine.begin() as conn:
        code = windows.add_window(conn, window_id)
    with engine.begin() as conn:
        return windows.enroll(conn, code)[2]


# --- 2. load -------------------------------------------------------------------------------------

def server_cpu(pgid: int) -> float:
    """CPU seconds (user + system) of every process in the server's process group (uvicorn and its
    workers), from /proc: the server's own counters, so the load generator's CPU does not count."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid:  # pgrp
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def idle_rate(server, seconds: float = 3.0) -> float:
    """The server's own CPU (cores) with no request at all (uvicorn's supervisor and timers)."""
    cpu0, t0 = server_cpu(server.proc.pid), time.monotonic()
    time.sleep(seconds)
    return (server_cpu(server.proc.pid) - cpu0) / (time.monotonic() - t0)


def postgres_cpu() -> float:
    """CPU seconds of every PostgreSQL process on this machine (the benchmark's backends and the
    server's own), for the report of where a phase's CPU went."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if text.split("(", 1)[1].startswith("postgres)"):
            fields = text.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def settle(server, idle: float, most: float = 60.0) -> None:
    """Wait until the server has worked off what is still queued (its CPU back near idle)."""
    deadline = time.monotonic() + most
    while time.monotonic() < deadline:
        cpu0, t0 = server_cpu(server.proc.pid), time.monotonic()
        time.sleep(0.5)
        if (server_cpu(server.proc.pid) - cpu0) / (time.monotonic() - t0) <= max(0.02, 3 * idle):
            return


def phase(server, tokens: dict[str, str], template: dict, seconds: float, mode: str,
          cases_per_round: float = 0.0, start: dict | None = None, idle: float = 0.0, generators: int = 2) -> dict:
    """One load phase: latencies, the server's CPU seconds beyond its idle ``idle`` cores
    (``cpu``, including any backlog it works off after the generators stop), the load
    generators' and PostgreSQL's CPU, and the load average before it."""
    load = os.getloadavg()[0]
    kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu0, pg0, t0 = server_cpu(server.proc.pid), postgres_cpu(), time.monotonic()
    lat = run_load(server.url, tokens, template, seconds, mode, cases_per_round, start, generators)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    settle(server, idle)
    lat["cpu"] = server_cpu(server.proc.pid) - cpu0 - idle * (time.monotonic() - t0)
    lat["pg_cpu"] = postgres_cpu() - pg0
    lat["gen_cpu"] = (kids.ru_utime + kids.ru_stime) - (kids0.ru_utime + kids0.ru_stime)
    lat["load"] = load
    return lat


def bench_load(url: str, windows: int, seconds: float, workers: int, work: Path, cases_per_round: float,
               cpu_seconds: float, generators: int = 2) -> dict[str, dict]:
    from clerk_app.server import publish
    from clerk_app.server.config import normalise_url

    template = template_case(work / "tpl-load")
    engine = testing.migrated_engine(url)
    ids = [f"310107{c:02d}{w:03d}" for c in range(1, 100) for w in range(1, 1000)]
    ids = [ids[(i % 2) * 999 + i // 2] for i in range(windows)]  # two centres, alternately
    from clerk_app.server import windows as server_windows

    with engine.begin() as conn:  # one transaction for all (2,000 windows)
        tokens = {w: server_windows.enroll(conn, server_windows.add_window(conn, w))[2] for w in ids}
    with engine.begin() as conn:  # something in the streams: the first round of each window pulls it
        publish.publish_calendar(conn, 2027, [date(2027, 1, 1)], [])
    engine.dispose()
    server = testing.ProcessServer(normalise_url(url), workers=workers, log=work / "server-load.log").start()
    try:
        # warm-up: every window's first round (database connections, its first page of the calendar)
        run_load(server.url, tokens, template, 5.0, "round", 0.0, None, generators)
        idle = idle_rate(server)
        print(f"  server processes idle: {idle * 1000:.1f} ms CPU per second (subtracted below)")
        up_to_date = STREAMS0 | {"calendar": 1}  # idle rounds: each window already holds the calendar
        g = generators
        settle(server, idle)
        out = {"health": phase(server, tokens, template, cpu_seconds, "health", idle=idle, generators=g)}
        out["round idle"] = phase(server, tokens, template, cpu_seconds, "round", start=up_to_date, idle=idle,
                                  generators=g)
        # steady state: every window up to date when the load starts (a publication that every
        # window pulls in the same interval is a burst of its own, docs/idle.md)
        out["load"] = phase(server, tokens, template, seconds, "round", cases_per_round, start=up_to_date, idle=idle,
                            generators=g)
        # last: protocol 1 at this many windows is more than 2 cores can serve, and its backlog
        # would spill into a phase after it
        out["legacy idle"] = phase(server, tokens, template, cpu_seconds, "legacy", start=up_to_date, idle=idle,
                                   generators=g)
        return out
    finally:
        server.stop()


def report_load(args, res: dict[str, dict]) -> bool:
    per = {}
    for name, requests in (("health", ("health",)), ("legacy idle", ("hello", "pull")), ("round idle", ("round",))):
        lat = res[name]
        n_req = sum(len(lat[k]) for k in requests)
        per[name] = (lat["cpu"] / max(1, len(lat["rounds"])), lat["cpu"] / max(1, n_req))
        print(f"  {name:12s} {len(lat['rounds']):6d} rounds, {n_req:6d} requests, server CPU {lat['cpu']:6.2f} s: "
              f"{per[name][0] * 1e6:6.0f} µs per round, {per[name][1] * 1e6:6.0f} µs per request; "
              f"errors {len(lat['errors'])}; load average before {lat['load']:.1f}; CPU of PostgreSQL "
              f"{lat['pg_cpu']:.2f} s, of the load generators {lat['gen_cpu']:.2f} s; request p50 "
              f"{pct([v for k in requests for v in lat[k]], 50):.1f} ms, p99 {pct([v for k in requests for v in lat[k]], 99):.1f} ms")
    ratio = per["round idle"][0] / per["health"][1]
    cpu_ok = ratio <= 2.0
    print(f"  server CPU per idle round {per['round idle'][0] * 1e6:.0f} µs (one request) vs /v1/health "
          f"{per['health'][1] * 1e6:.0f} µs per request: {ratio:.2f}x; target <= 2x: {'met' if cpu_ok else 'MISSED'} "
          f"(protocol 1's idle round, hello + pull: {per['legacy idle'][0] * 1e6:.0f} µs)")
    lat = res["load"]
    total = [v for k in REQUESTS for v in lat[k]]
    p99 = pct(total, 99)
    bare_p99 = pct(res["health"]["health"], 99)
    print(f"load: {args.windows} windows every 5 s for {args.seconds:.0f} s ({args.cases_per_round:g} new cases "
          f"per round on average), server workers {args.workers}: {len(lat['rounds'])} rounds, {len(total)} "
          f"requests, {len(lat['errors'])} errors, server CPU {lat['cpu']:.1f} s "
          f"({lat['cpu'] / args.seconds:.2f} cores), PostgreSQL {lat['pg_cpu'] / args.seconds:.2f} cores, "
          f"load generators {lat['gen_cpu'] / args.seconds:.2f} cores; load average before {lat['load']:.1f}")
    for name in (*REQUESTS[1:], "rounds"):
        if lat[name]:
            print(f"  {name:6s} n={len(lat[name]):6d}  p50 {pct(lat[name], 50):6.1f} ms  "
                  f"p95 {pct(lat[name], 95):6.1f} ms  p99 {pct(lat[name], 99):6.1f} ms")
    load_ok = p99 < 200 and not lat["errors"]
    print(f"  request p99 {p99:.1f} ms; baseline (/v1/health, same windows) p99 {bare_p99:.1f} ms; "
          f"target p99 < 200 ms: {'met' if load_ok else 'MISSED'}")
    if lat["slow"]:
        by_second: dict[int, int] = {}
        for at, _name, _took in lat["slow"]:
            by_second[int(at)] = by_second.get(int(at), 0) + 1
        print(f"  requests slower than 200 ms, by the second they started in: "
              f"{', '.join(f'{s}s: {n}' for s, n in sorted(by_second.items()))}")
    if lat["errors"]:
        print("  first error:", lat["errors"][0])
    return cpu_ok and load_ok


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--windows", type=int, default=2000)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--cpu-seconds", type=float, default=15.0, help="length of each CPU phase (health, idle rounds)")
    ap.add_argument("--cases-per-round", type=float, default=0.02,
                    help="new cases per window round on average (0.02: one per ~4 min; 1: the old 0-2 per round)")
    ap.add_argument("--skip-push", action="store_true")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-load", action="store_true")
    ap.add_argument("--generators", type=int, default=2, help="load generator processes (loadgen.py)")
    args = ap.parse_args()
    reason = testing.pg_unavailable()
    if reason:
        print(f"skipped: {reason}")
        return 0
    ok = True
    if not args.skip_push:
        with tempfile.TemporaryDirectory() as tmp, testing.temporary_pg_database("clerk_bench") as url:
            work = Path(tmp)
            elapsed, bare, n = bench_push(url, args.cases, args.workers, work)
            rate, bare_rate = n / elapsed, n / bare
            ratio = elapsed / bare
            print(f"push {n} cases to PostgreSQL: {elapsed:.2f} s = {rate:,.0f} cases/s "
                  f"(bare psycopg executemany of the same rows: {bare:.2f} s = {bare_rate:,.0f} rows/s); "
                  f"ratio {ratio:.2f}x; target >= 4,000 cases/s and <= 5x: "
                  f"{'met' if rate >= 4000 and ratio <= 5 else 'MISSED'}")
            ok &= rate >= 4000 and ratio <= 5
    if not args.skip_load:
        with tempfile.TemporaryDirectory() as tmp, testing.temporary_pg_database("clerk_bench") as url:
            print(f"server CPU per window round: {args.windows} windows every 5 s, {args.cpu_seconds:.0f} s per phase, "
                  f"server workers {args.workers} (CPU from /proc of the server's processes)")
            res = bench_load(url, args.windows, args.seconds, args.workers, Path(tmp), args.cases_per_round,
                             args.cpu_seconds, args.generators)
            ok &= report_load(args, res)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
