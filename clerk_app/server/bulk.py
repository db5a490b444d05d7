"""Bulk inserts for the push path: ``COPY`` on PostgreSQL for many rows, a pipelined
``INSERT`` for a few (a COPY costs two round trips: a window's single new case is three tables'
worth of them), ``executemany`` on SQLite.

Callers insert only rows they have checked are new (under the window's row lock); the
unique constraints stay as the backstop: a row that slipped through makes the whole
batch fail and the window simply retries.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic_core import to_json
from sqlalchemy import JSON, Connection, Table, Text, bindparam, type_coerce


def _pg_value(v: Any) -> Any:
    """A JSON column's value as the text PostgreSQL reads (pydantic-core's encoder: compact UTF-8,
    several times quicker than ``json.dumps`` on the small lists and objects these are)."""
    return to_json(v).decode() if isinstance(v, dict | list) else v


COPY_FROM = 20  # rows: below this a pipelined INSERT is fewer round trips than a COPY


def bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]], raw_json: Iterable[str] = ()) -> None:
    """Insert ``rows`` (all with the same keys). Columns in ``raw_json`` hold JSON *text* to store as is."""
    if not rows:
        return
    cols = list(rows[0])
    raw = set(raw_json)
    if conn.dialect.name == "postgresql":
        # Only JSON columns (not given as text) need encoding; the others go as they are.
        encode = [c for c in cols if c not in raw
                  and (isinstance(table.c[c].type, JSON) or isinstance(rows[0][c], dict | list))]
        driver = conn.connection.driver_connection
        if len(rows) < COPY_FROM:
            # JSON text goes in as text cast to the column's type (json or jsonb), as COPY reads it.
            marks = ", ".join(f"%s::{table.c[c].type.compile(dialect=conn.dialect)}" if c in raw or c in encode
                              else "%s" for c in cols)
            values = [tuple(_pg_value(r[c]) if c in encode else r[c] for c in cols) for r in rows]
            sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({marks})"
            with driver.cursor() as cur:
                if len(values) == 1:  # executemany's pipeline costs three exchanges even for one row
                    cur.execute(sql, values[0])
                else:
                    cur.executemany(sql, values)
            return
        with driver.cursor() as cur, cur.copy(f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as copy:
            if encode:
                coded = [c in encode for c in cols]
                for r in rows:
                    copy.write_row([_pg_value(r[c]) if e else r[c] for c, e in zip(cols, coded, strict=True)])
            else:
                for r in rows:
                    copy.write_row([r[c] for c in cols])
        return
    if raw:
        stmt = table.insert().values({c: type_coerce(bindparam(f"raw_{c}"), Text) for c in raw})
        conn.execute(stmt, [{(f"raw_{k}" if k in raw else k): v for k, v in r.items()} for r in rows])
    else:
        conn.execute(table.insert(), rows)
