"""Bulk inserts for the push path: ``COPY`` on PostgreSQL, ``executemany`` on SQLite.

Callers insert only rows they have checked are new (under the window's row lock); the
unique constraints stay as the backstop: a row that slipped through makes the whole
batch fail and the window simply retries.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import JSON, Connection, Table, Text, bindparam, type_coerce


def _pg_value(v: Any) -> Any:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v


def bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]], raw_json: Iterable[str] = ()) -> None:
    """Insert ``rows`` (all with the same keys). Columns in ``raw_json`` hold JSON *text* to store as is."""
    if not rows:
        return
    cols = list(rows[0])
    raw = set(raw_json)
    if conn.dialect.name == "postgresql":
        # Only JSON columns (not given as text) need encoding; the others go to COPY as they are.
        encode = [c for c in cols if c not in raw
                  and (isinstance(table.c[c].type, JSON) or isinstance(rows[0][c], dict | list))]
        driver = conn.connection.driver_connection
        with driver.cursor() as cur, cur.copy(f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as copy:
            for r in rows:
                if encode:
                    r = {**r, **{c: _pg_value(r[c]) for c in encode}}
                copy.write_row([r[c] for c in cols])
        return
    if raw:
        stmt = table.insert().values({c: type_coerce(bindparam(f"raw_{c}"), Text) for c in raw})
        conn.execute(stmt, [{(f"raw_{k}" if k in raw else k): v for k, v in r.items()} for r in rows])
    else:
        conn.execute(table.insert(), rows)
