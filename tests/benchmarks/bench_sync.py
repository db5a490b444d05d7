"""Benchmark: replication throughput and latency against PostgreSQL (run on demand).

1. **Push**: 10,000 cases queued in a window's outbox (real intake payloads, ~7 KB each)
   pushed through the real client and a uvicorn server to PostgreSQL, against a bare
   psycopg ``executemany`` of the same rows (changes, cases, case_events) in the same run.
   Target: ≥ 4,000 cases/s and within 5× of the bare insert.
2. **Load**: 200 windows each syncing every 5 s (hello, push of 0–2 new cases, pull of every
   stream) from an asyncio load generator on loopback, bounded in time; the server runs
   ``--workers`` processes. Target: p99 of a request < 200 ms.

``.venv/bin/python tests/benchmarks/bench_sync.py [--cases N] [--windows N] [--seconds S] [--workers N]``
Needs the PostgreSQL on 127.0.0.1:5432 (``CLERK_TEST_PG`` to use another); it creates a
private database ``clerk_bench_<random>`` and drops it afterwards. Exits 1 on a missed target.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psycopg  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import server_harness as testing  # noqa: E402
from store.samples import food_tolerated  # noqa: E402

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


def case_variant(template: dict, window_id: str, n: int) -> dict:
    day = date(2026, 11, 23) + timedelta(days=(n - 1) // 9000)
    c = json.loads(json.dumps(template))
    c["id"] = str(uuid.uuid4())
    c["case_no"] = f"S{window_id}{day:%y%m%d}{(n - 1) % 9000 + 1:04d}"
    c["window_id"] = window_id
    for m in c["materials"]:
        m["id"] = str(uuid.uuid4())
    for e in c["events"]:
        e["id"] = str(uuid.uuid4())
    return c


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
    """The same rows into copies of the three tables with psycopg ``executemany`` (one transaction)."""
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    now = datetime.now(UTC).replace(tzinfo=None)
    changes = [("99999999999", i, str(uuid.uuid4()), "case", c["id"], json.dumps(c, ensure_ascii=False),
                "0" * 64, now, now, "applied") for i, c in enumerate(cases, 1)]
    rows = [(c["id"], c["case_no"], "99999999999", c["status"], c["catalogue_version"], now, 1,
             changes[i][2], 1, now, now) for i, c in enumerate(cases)]
    events = [(c["events"][0]["id"], c["id"], 1, None, c["status"], "x", "window", "", "{}", now, now)
              for c in cases]
    with psycopg.connect(dsn) as conn:
        for t in ("changes", "cases", "case_events"):
            conn.execute(f"CREATE TEMP TABLE bare_{t} (LIKE {t} INCLUDING ALL)")
        conn.commit()
        t0 = time.perf_counter()
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO bare_changes (window_id, seq, change_id, kind, entity_id, payload, "
                            "content_hash, device_created_at, received_at, status) "
                            "VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)", changes)
            cur.executemany("INSERT INTO bare_cases (id, case_no, window_id, status, catalogue_version, "
                            "received_at, row_version, data_change_id, event_count, created_at, updated_at) "
                            "VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)", rows)
            cur.executemany("INSERT INTO bare_case_events (id, case_id, case_seq, from_status, to_status, actor, "
                            "source, note, detail, device_at, received_at) "
                            "VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)", events)
        conn.commit()
        return time.perf_counter() - t0


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

async def one_window(http, token: str, window_id: str, template: dict, stop_at: float, lat: dict, rng,
                     bare: bool = False):
    """One window's loop; with ``bare`` the same three requests go to ``/v1/health`` (the baseline:
    HTTP, the server framework and this load generator, without the database or sync logic)."""
    import httpx

    headers = {"Authorization": f"Bearer {token}"}
    seq, n, cursors = 0, 0, {"catalogue": 0, "roster": 0, "calendar": 0, "decisions": 0}
    await asyncio.sleep(rng.uniform(0, 5))  # windows do not start in step
    while time.monotonic() < stop_at:
        round_start = time.perf_counter()

        async def call(name: str, path: str, body: dict) -> dict:
            t0 = time.perf_counter()
            if bare:
                r = await http.get("/v1/health")
                lat[name].append(time.perf_counter() - t0)
                return {"streams": {}}
            r = await http.post(path, json=body, headers=headers)
            lat[name].append(time.perf_counter() - t0)
            if r.status_code != 200:
                raise RuntimeError(f"{path}: {r.status_code} {r.text[:200]}")
            return r.json()

        try:
            await call("hello", "/v1/hello", {"window_id": window_id, "protocol_version": 1,
                                               "device_time": datetime.now(UTC).isoformat(), "outbox_seq": seq})
            new = rng.randint(0, 2)
            if new:
                changes = []
                for _ in range(new):
                    seq, n = seq + 1, n + 1
                    c = case_variant(template, window_id, n)
                    changes.append({"seq": seq, "change_id": str(uuid.uuid4()), "kind": "case", "entity_id": c["id"],
                                    "created_at": datetime.now().isoformat(), "payload": c})
                await call("push", "/v1/push", {"window_id": window_id, "sent_at": datetime.now(UTC).isoformat(),
                                                "changes": changes})
            pulled = await call("pull", "/v1/pull", {"cursors": cursors})
            for s, page in pulled["streams"].items():
                cursors[s] = page["next_cursor"]
            lat["round"].append(time.perf_counter() - round_start)
        except (httpx.HTTPError, RuntimeError) as exc:
            lat["errors"].append(str(exc)[:200])
        await asyncio.sleep(max(0.0, 5.0 - (time.perf_counter() - round_start)))


async def run_load(url: str, tokens: dict[str, str], template: dict, seconds: float, bare: bool = False) -> dict:
    import httpx

    lat: dict[str, list] = {"hello": [], "push": [], "pull": [], "round": [], "errors": []}
    stop_at = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=400, max_keepalive_connections=400)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as http:
        rng = random.Random(7)
        await asyncio.gather(*(one_window(http, t, w, template, stop_at, lat, random.Random(rng.random()), bare)
                               for w, t in tokens.items()))
    return lat


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def bench_load(url: str, windows: int, seconds: float, workers: int, work: Path) -> tuple[dict, dict]:
    from clerk_app.server.config import normalise_url

    template = template_case(work / "tpl-load")
    engine = testing.migrated_engine(url)
    tokens = {f"310107{c:02d}{w:03d}": None for c in range(1, 3) for w in range(1, windows // 2 + 1)}
    tokens = {w: _token(engine, w) for w in list(tokens)[:windows]}
    engine.dispose()
    server = testing.ProcessServer(normalise_url(url), workers=workers, log=work / "server-load.log").start()
    try:
        bare = asyncio.run(run_load(server.url, tokens, template, min(seconds, 15.0), bare=True))
        return asyncio.run(run_load(server.url, tokens, template, seconds)), bare
    finally:
        server.stop()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--windows", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-load", action="store_true")
    args = ap.parse_args()
    reason = testing.pg_unavailable()
    if reason:
        print(f"skipped: {reason}")
        return 0
    ok = True
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
            lat, bare = bench_load(url, args.windows, args.seconds, args.workers, Path(tmp))
            total = lat["hello"] + lat["push"] + lat["pull"]
            p99 = pct(total, 99)
            bare_p99 = pct(bare["hello"] + bare["push"] + bare["pull"], 99)
            print(f"load: {args.windows} windows every 5 s for {args.seconds:.0f} s, server workers {args.workers}: "
                  f"{len(lat['round'])} rounds, {len(total)} requests, {len(lat['errors'])} errors")
            for name in ("hello", "push", "pull", "round"):
                print(f"  {name:6s} n={len(lat[name]):5d}  p50 {pct(lat[name], 50):6.1f} ms  "
                      f"p95 {pct(lat[name], 95):6.1f} ms  p99 {pct(lat[name], 99):6.1f} ms")
            print(f"  request p99 {p99:.1f} ms; baseline (same load on /v1/health) p99 {bare_p99:.1f} ms, "
                  f"ratio {p99 / bare_p99:.1f}x; target p99 < 200 ms: "
                  f"{'met' if p99 < 200 and not lat['errors'] else 'MISSED'}")
            if lat["errors"]:
                print("  first error:", lat["errors"][0])
            ok &= p99 < 200 and not lat["errors"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
