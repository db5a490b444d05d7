"""Benchmark: the centre's push path against a bare psycopg ``executemany`` (run on demand).

10,000 real intake payloads (~7 KB each, one event each) are pushed to PostgreSQL in the
window's batches of 500, as the centre handles them: the request body exactly as the window
client encodes it (``sync.push.encode``) is parsed into a ``PushRequest`` as the API does it
(``server/fast_json.py``) and applied with ``server.push.apply_push`` in one transaction per
batch. The baseline, in the same run, is a bare psycopg ``executemany`` of the same rows
(changes, cases, case_events) in one transaction, into ordinary tables like the centre's (and, as ``bench_sync`` measures it,
into temporary tables, which skip the write-ahead log). Target: the push within 2× of the bare
insert. Both sides' CPU is measured (this process, and the PostgreSQL backend serving it, from
``/proc``): on the 2 shared cores, wall time is mostly other processes' load, so the target is
judged on the CPU ratio (on an idle machine the two agree: the work alternates between Python
and PostgreSQL); the wall figures are printed beside it.

``--http`` also pushes through the real window client and a uvicorn server (``bench_sync``'s
end-to-end figure, client, server and PostgreSQL on the same cores); ``--profile FILE`` writes a
cProfile of the server path.

``.venv/bin/python tests/benchmarks/bench_push.py [--cases N] [--rounds R] [--http] [--profile FILE]``
Needs the PostgreSQL on 127.0.0.1:5432 (``CLERK_TEST_PG`` to use another); it creates private
databases ``clerk_bench_<random>`` and drops them afterwards. Exits 1 on a missed target.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import psycopg  # noqa: E402
import server_harness as testing  # noqa: E402
from bench_sync import _token, bench_push, case_variant, template_case  # noqa: E402

from clerk_app.store.db import compact_json  # noqa: E402  (the window's outbox writes JSON with it)

WINDOW = "12345678901"
BATCH = 500  # the window client's batch (clerk_app.sync.push.BATCH)


def bodies(cases: list[dict]) -> list[bytes]:
    """The push bodies the window client would send for these cases, batch by batch: each
    payload as the text the window's outbox holds (the store's own JSON serializer)."""
    from clerk_app.sync.push import encode

    now = datetime.now(UTC)
    rows = [SimpleNamespace(seq=i, change_id=str(uuid.uuid4()), kind="case", entity_id=c["id"], created_at=now,
                            payload=compact_json(c)) for i, c in enumerate(cases, 1)]
    return [encode(WINDOW, rows[i:i + BATCH], now) for i in range(0, len(rows), BATCH)]


Cost = tuple[float, float, float]  # wall seconds, CPU seconds of this process, CPU seconds of the PostgreSQL backend


def backend_cpu(pid: int) -> float:
    """User + system CPU seconds of a PostgreSQL backend process (it runs on this machine)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_push(url: str, batches: list[bytes], profile: str | None) -> tuple[Cost, int]:
    """The centre taking every batch (parse, validate, store, apply, commit), one transaction each."""
    from clerk_app.protocol.messages import PushRequest
    try:
        from clerk_app.server.fast_json import read_json
    except ImportError:  # a tree from before it (before/after runs)
        read_json = json.loads
    from clerk_app.server.push import apply_push
    from clerk_app.server.windows import Caller

    engine = testing.migrated_engine(url)
    _token(engine, WINDOW)
    caller = Caller(kind="window", name=WINDOW, window_id=WINDOW)
    prof = cProfile.Profile(time.process_time) if profile else None  # CPU, not wall: the machine is shared
    applied = 0
    with engine.connect() as conn:
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        conn.commit()
        pg0, cpu0, t0 = backend_cpu(pid), time.process_time(), time.perf_counter()
        if prof:
            prof.enable()
        for body in batches:
            req = PushRequest.model_validate(read_json(body))  # as the API does: request.json(), then the model
            with conn.begin():
                resp = apply_push(conn, caller, req)
            applied += sum(r.status == "applied" for r in resp.results)
        if prof:
            prof.disable()
        cost = time.perf_counter() - t0, time.process_time() - cpu0, backend_cpu(pid) - pg0
        held = conn.exec_driver_sql("SELECT count(*) FROM cases").scalar()
    if prof:
        prof.dump_stats(profile)
    engine.dispose()
    assert applied == held, (applied, held)
    return cost, int(held or 0)


def bare_executemany(url: str, cases: list[dict], temp: bool) -> Cost:
    """The same rows (changes, cases, case_events) into copies of the three tables (their
    indexes, and the events' foreign key to their case) with psycopg ``executemany``, in one
    transaction. ``temp``: temporary tables (not WAL-logged, as ``bench_sync`` measures);
    otherwise ordinary tables like the centre's."""
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    now = datetime.now(UTC).replace(tzinfo=None)
    changes = [("99999999999", i, str(uuid.uuid4()), "case", c["id"], compact_json(c),
                "0" * 64, now, now, "applied") for i, c in enumerate(cases, 1)]
    rows = [(c["id"], c["case_no"], "99999999999", c["status"], c["catalogue_version"], now, 1,
             changes[i][2], 1, now, now, compact_json([{"code": x["code"], "department": x["department"]}
                                                       for x in c["items"]]))
            for i, c in enumerate(cases)]
    events = [(c["events"][0]["id"], c["id"], 1, None, c["status"], "x", "window", "", "{}", now, now)
              for c in cases]
    with psycopg.connect(dsn) as conn:
        for t in ("changes", "cases", "case_events"):
            conn.execute(f"CREATE {'TEMP' if temp else ''} TABLE bare_{t} (LIKE {t} INCLUDING ALL)")
        # LIKE copies no foreign key; the centre's events reference their case, checked per row
        conn.execute("ALTER TABLE bare_case_events ADD FOREIGN KEY (case_id) REFERENCES bare_cases (id)")
        conn.commit()
        pid = conn.info.backend_pid
        pg0, cpu0, t0 = backend_cpu(pid), time.process_time(), time.perf_counter()
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO bare_changes (window_id, seq, change_id, kind, entity_id, payload, "
                            "content_hash, device_created_at, received_at, status) "
                            "VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)", changes)
            cur.executemany("INSERT INTO bare_cases (id, case_no, window_id, status, catalogue_version, "
                            "received_at, row_version, data_change_id, event_count, created_at, updated_at, items) "
                            "VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s::jsonb)", rows)
            cur.executemany("INSERT INTO bare_case_events (id, case_id, case_seq, from_status, to_status, actor, "
                            "source, note, detail, device_at, received_at) "
                            "VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)", events)
        conn.commit()
        return time.perf_counter() - t0, time.process_time() - cpu0, backend_cpu(pid) - pg0


def _show(name: str, cost: Cost, n: int) -> str:
    wall, cpu, pg = cost
    return (f"{name} {wall:.2f} s = {n / wall:,.0f} cases/s (CPU: Python {cpu * 1e6 / n:.0f} + "
            f"PostgreSQL backend {pg * 1e6 / n:.0f} = {(cpu + pg) * 1e6 / n:.0f} us per case)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=2, help="alternate push and bare this many times; best of each")
    ap.add_argument("--http", action="store_true", help="also push end to end through the client and uvicorn")
    ap.add_argument("--profile", help="write a cProfile of the server path to this file")
    args = ap.parse_args()
    reason = testing.pg_unavailable()
    if reason:
        print(f"skipped: {reason}")
        return 0
    from clerk_app.server.asgi import tune_gc

    with tempfile.TemporaryDirectory() as tmp:
        template = template_case(Path(tmp) / "tpl")
    cases = [case_variant(template, WINDOW, i) for i in range(1, args.cases + 1)]
    batches = bodies(cases)
    # As a server process tunes its garbage collector (server/asgi.py); freezing also keeps this
    # benchmark's own 10,000 cases, which no server process holds, out of its passes.
    tune_gc()
    print(f"{len(cases)} cases, {len(batches)} batches of <= {BATCH}, "
          f"{sum(map(len, batches)) / len(cases) / 1024:.1f} KB of request body per case")
    n = len(cases)
    runs: dict[str, list[Cost]] = {"push": [], "bare": [], "bare_temp": []}
    for r in range(args.rounds):  # alternated, so a busier moment weighs on both
        with testing.temporary_pg_database("clerk_bench") as url:
            cost, held = server_push(url, batches, args.profile if r == 0 else None)
            assert held == n, held
            runs["push"].append(cost)
            runs["bare"].append(bare_executemany(url, cases, temp=False))
            runs["bare_temp"].append(bare_executemany(url, cases, temp=True))
        print(f"  round {r + 1}: " + "; ".join(_show(k, v[-1], n) for k, v in runs.items()))
    push, bare, temp = (min(v) for v in runs.values())  # the fastest round of each (wall)
    cpu_ratio = min(c + p for _, c, p in runs["push"]) / min(c + p for _, c, p in runs["bare"])
    ratio = push[0] / bare[0]
    ok = cpu_ratio <= 2
    print(f"push {n} cases to PostgreSQL, best of {args.rounds}:")
    print(f"  {_show('server push path:', push, n)}")
    print(f"  {_show('bare psycopg executemany of the same rows (ordinary tables):', bare, n)}")
    print(f"  {_show('the same into temporary tables (no WAL; bench_sync baseline):', temp, n)}")
    print(f"  CPU ratio {cpu_ratio:.2f}x (wall {ratio:.2f}x; wall against temporary tables {push[0] / temp[0]:.2f}x); "
          f"target <= 2x: {'met' if ok else 'MISSED'}")
    if args.http:
        with tempfile.TemporaryDirectory() as tmp, testing.temporary_pg_database("clerk_bench") as url:
            elapsed, bare_s, held = bench_push(url, n, 1, Path(tmp))
        print(f"end to end (window client + uvicorn, 1 server process): {elapsed:.2f} s = {held / elapsed:,.0f} "
              f"cases/s; bare (temporary tables) {bare_s:.2f} s; ratio {elapsed / bare_s:.2f}x (for information)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
