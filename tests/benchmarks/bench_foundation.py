"""Benchmark the foundation: catalogue load and one intake commit, each beside its bare baseline.

Run on demand: ``.venv/bin/python tests/benchmarks/bench_foundation.py [--items N] [--runs N]``.
Every figure is printed with a baseline measured in the same run and the ratio.

Targets (issue 2):
- catalogue load of 2,000 items as TOML files: < 300 ms and ≤ 2× a bare ``tomllib`` parse of the same files;
- one intake commit (case, 10 materials, event, audit, outbox) through ``services.intake.submit`` with
  synchronous=FULL: ≤ 10 ms and ≤ 1.5× a bare SQLAlchemy ORM insert of the same rows (bare sqlite3 shown too).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from sqlalchemy import inspect as sa_inspect  # noqa: E402
from sqlalchemy import select  # noqa: E402

from clerk_app.catalog.loader import load_catalogue  # noqa: E402
from clerk_app.domain.people import LOCAL_CLERK  # noqa: E402
from clerk_app.store.db import Store  # noqa: E402
from clerk_app.store.models import (  # noqa: E402
    Applicant,
    AuditEntry,
    Case,
    CaseEvent,
    Counter,
    OutboxEntry,
    new_id,
)

FORMS = ROOT / "forms"


def median_ms(fn: Callable[[], Any], runs: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def report(name: str, ms: float, base_name: str, base_ms: float, limit_ms: float, limit_ratio: float) -> bool:
    ratio = ms / base_ms
    ok = ms <= limit_ms and ratio <= limit_ratio
    print(f"{name:<44} {ms:8.2f} ms | {base_name:<28} {base_ms:8.2f} ms | ratio {ratio:4.2f} "
          f"(target ≤ {limit_ms:g} ms, ≤ {limit_ratio:g}×) {'OK' if ok else 'MISSED'}")
    return ok


# -- catalogue ------------------------------------------------------------------------------------------

def generate_catalogue(folder: Path, n: int) -> None:
    """``n`` item files made from the 30 demo items with fresh codes, plus the demo material vocabulary."""
    (folder / "items").mkdir(parents=True)
    shutil.copy(FORMS / "materials.toml", folder / "materials.toml")
    demo = sorted((FORMS / "items").glob("*.toml"))
    code = re.compile(r'^code = "[0-9A-Z]+"', re.M)
    for i in range(n):
        text = demo[i % len(demo)].read_text(encoding="utf-8")
        new = f"9{i:011d}"
        (folder / "items" / f"{new}.toml").write_text(code.sub(f'code = "{new}"', text, count=1), encoding="utf-8")


def bare_toml(folder: Path) -> int:
    files = [folder / "materials.toml", *sorted((folder / "items").glob("*.toml"))]
    return sum(len(tomllib.loads(p.read_bytes().decode("utf-8"))) for p in files)


def bench_catalogue(n_items: int, runs: int) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "catalog"
        generate_catalogue(folder, n_items)
        assert len(load_catalogue(folder).items) == n_items
        load = median_ms(lambda: load_catalogue(folder), runs)
        bare = median_ms(lambda: bare_toml(folder), runs)
    return report(f"catalogue load, {n_items} items", load, "bare tomllib parse", bare, 300, 2.0)


# -- intake commit ------------------------------------------------------------------------------------

def _columns(obj: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {c.key: getattr(obj, c.key) for c in sa_inspect(obj).mapper.column_attrs if c.key not in skip}


class Template:
    """The rows one submit() of the 10-material request writes, to insert them again by hand."""

    def __init__(self, store: Store, case_no: str):
        with store.read() as s:
            case = s.scalars(select(Case).where(Case.case_no == case_no)).one()
            self.case = _columns(case, ("id", "case_no", "applicant_id"))
            self.materials = list(case.materials)  # the lines live in the case row (its JSON column)
            self.events = [_columns(e, ("id", "case_id")) for e in case.events]
            self.applicant = _columns(s.get(Applicant, case.applicant_id), ("id",))
            self.audit = _columns(s.scalars(select(AuditEntry)).one(), ("seq", "entry_id"))
            self.outbox = _columns(s.scalars(select(OutboxEntry)).one(), ("seq", "change_id"))


def bare_orm(store: Store, tpl: Template, i: int) -> None:
    with store.transaction() as s:
        for name in ("S:day", "outbox_seq"):
            row = s.get(Counter, name)
            if row is None:
                row = Counter(name=name, value=0)
                s.add(row)
            row.value += 1
        app = s.scalars(select(Applicant).where(Applicant.kind == tpl.applicant["kind"],
                                                Applicant.id_number == tpl.applicant["id_number"])).one_or_none()
        if app is None:
            app = Applicant(**tpl.applicant)
            s.add(app)
        else:
            app.updated_at = tpl.applicant["updated_at"]
        s.flush()
        case = Case(**tpl.case, case_no=f"S{i:021d}", applicant_id=app.id)
        case.events = [CaseEvent(**e) for e in tpl.events]
        s.add(case)
        s.add(AuditEntry(**tpl.audit, seq=i))
        s.add(OutboxEntry(**tpl.outbox, seq=i))


def _sql_value(v: Any) -> Any:
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, datetime):
        return v.isoformat(" ")
    if isinstance(v, date):
        return v.isoformat()
    return v


def _insert(con: sqlite3.Connection, table: str, row: dict[str, Any]) -> None:
    cols = list(row)
    con.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [_sql_value(row[c]) for c in cols])


def bare_sqlite(con: sqlite3.Connection, tpl: Template, i: int, applicant_id: str) -> None:
    con.execute("BEGIN IMMEDIATE")
    for name in ("S:day", "outbox_seq"):
        con.execute("INSERT INTO counters(name, value) VALUES (?, 1) "
                    "ON CONFLICT(name) DO UPDATE SET value = value + 1", (name,))
    con.execute("UPDATE applicants SET updated_at = ? WHERE id = ?",
                (_sql_value(tpl.applicant["updated_at"]), applicant_id))
    case_id = new_id()
    _insert(con, "cases", {**tpl.case, "id": case_id, "case_no": f"S{i:021d}", "applicant_id": applicant_id})
    for e in tpl.events:
        _insert(con, "case_events", {**e, "id": new_id(), "case_id": case_id})
    _insert(con, "audit_log", {**tpl.audit, "seq": i, "entry_id": new_id()})
    _insert(con, "outbox", {**tpl.outbox, "seq": i, "change_id": new_id()})
    con.execute("COMMIT")


def bench_intake(runs: int) -> bool:
    from store.samples import submit_request, ten_materials

    from clerk_app.intake.request import flow_from_json
    from clerk_app.services.context import open_context
    from clerk_app.services.intake import submit

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CLERK_HOME"] = str(Path(tmp) / "home")
        ctx = open_context(clock=lambda: datetime(2026, 11, 23, 10, 0))
        first = submit_request(ctx, ten_materials())
        tpl = Template(ctx.store, first.number)
        assert len(tpl.materials) == 10

        def one_submit() -> None:
            flow, errors = flow_from_json(ten_materials(), ctx.catalogue, ctx.calendar, ctx.clock())
            assert flow is not None, errors
            start, cpu = time.perf_counter(), time.process_time()
            submit(ctx, flow, LOCAL_CLERK)
            timed.append((time.perf_counter() - start) * 1000)
            cpu_ms.append((time.process_time() - cpu) * 1000)

        timed: list[float] = []
        cpu_ms: list[float] = []
        for _ in range(runs + 2):
            one_submit()
        service = statistics.median(timed[2:])
        service_cpu = statistics.median(cpu_ms[2:])

        # the window's store is encrypted (SQLCipher); the baseline runs on the same engine settings
        key = getattr(ctx.store, "key", None)
        orm_store = Store.open(Path(tmp) / "orm.sqlite3", key=key) if key else Store.open(Path(tmp) / "orm.sqlite3")
        counter = iter(range(1, 10**6))
        orm = median_ms(lambda: bare_orm(orm_store, tpl, next(counter)), runs)
        orm_store.close()
        plain_store = Store.open(Path(tmp) / "orm-plain.sqlite3")
        counter = iter(range(1, 10**6))
        orm_plain = median_ms(lambda: bare_orm(plain_store, tpl, next(counter)), runs)
        plain_store.close()

        raw_path = Path(tmp) / "raw.sqlite3"
        Store.open(raw_path).close()  # same schema, made by the migrations
        con = sqlite3.connect(raw_path, isolation_level=None)
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL"):
            con.execute(f"PRAGMA {pragma}")
        app_id = new_id()
        _insert(con, "applicants", {**tpl.applicant, "id": app_id})
        counter = iter(range(1, 10**6))
        raw = median_ms(lambda: bare_sqlite(con, tpl, next(counter), app_id), runs)
        con.close()
        ctx.close()

    what = "bare ORM insert" + (", encrypted" if key else "")
    ok = report("intake commit via services.intake.submit", service, what, orm, 10, 1.5)
    print(f"{'':<44} {'':11} | {'bare ORM insert, plain file':<28} {orm_plain:8.2f} ms | ratio "
          f"{service / orm_plain:4.2f} (for information: the cost of encryption is {orm - orm_plain:+.2f} ms)")
    print(f"{'  of which CPU time of this process':<44} {service_cpu:8.2f} ms | (the rest is waiting for fsync; "
          "for information)")
    print(f"{'':<44} {'':11} | {'bare sqlite3 insert':<28} {raw:8.2f} ms | ratio {service / raw:4.2f} "
          "(for information)")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    print(f"Window Clerk foundation benchmark (median of {args.runs} runs; {os.cpu_count()} CPUs)")
    ok = bench_catalogue(args.items, max(5, args.runs // 5))
    ok = bench_intake(args.runs) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
