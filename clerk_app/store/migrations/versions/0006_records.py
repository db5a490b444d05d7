"""records: a case's material lines are stored as a notice stores them; case notes

Before, a case kept its lines as ``case_materials`` rows with half of each line in a
``detail`` JSON, and a notice kept a JSON list of flat lines. Now both keep the list of
``MaterialLine`` records (``clerk_app.protocol.records``). Existing rows are converted line
by line, in their order; notice lines gain the ``position`` and ``id`` a case line has.
``case_notes`` is new: what happens to a case without a status move (a note, a rating).

Revision ID: 0006_records
Revises: 0005_merge
Create Date: 2026-11-23
"""
import uuid
from collections import defaultdict
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006_records"
down_revision = "0005_merge"
branch_labels = None
depends_on = None

_COLUMNS = ("id", "position", "line_key", "name", "choice", "form", "copies", "status", "verdict", "problem",
            "supplement_due", "supplied_at")
_cases = sa.table("cases", sa.column("id", sa.String), sa.column("materials", sa.JSON))
_notices = sa.table("notices", sa.column("id", sa.String), sa.column("materials", sa.JSON))
_old = sa.table("case_materials", sa.column("case_id", sa.String), sa.column("detail", sa.JSON),
                sa.column("supplement_due", sa.Date), sa.column("supplied_at", sa.DateTime),
                *(sa.column(c) for c in _COLUMNS if c not in ("supplement_due", "supplied_at")))


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date | datetime) else v


def _line(row: Any) -> dict[str, Any]:
    """One ``case_materials`` row as a flat line (the columns win over a stray copy in ``detail``)."""
    m = row._mapping
    detail = m["detail"] if isinstance(m["detail"], dict) else {}
    cols = {("key" if c == "line_key" else c): _iso(m[c]) for c in _COLUMNS}
    return {**detail, **cols, "problem": cols["problem"] or ""}


def upgrade() -> None:
    conn = op.get_bind()
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("materials", sa.JSON(), nullable=False, server_default="[]"))
    lines: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in conn.execute(sa.select(_old).order_by(_old.c.case_id, _old.c.position)):
        lines[row._mapping["case_id"]].append(_line(row))
    for case_id, ls in lines.items():
        conn.execute(sa.update(_cases).where(_cases.c.id == case_id).values(materials=ls))
    for nid, mats in conn.execute(sa.select(_notices.c.id, _notices.c.materials)).all():
        if not isinstance(mats, list):
            continue
        new = [{**m, "position": m.get("position", i), "id": m.get("id") or str(uuid.uuid4())}
               for i, m in enumerate(mats) if isinstance(m, dict)]
        conn.execute(sa.update(_notices).where(_notices.c.id == nid).values(materials=new))
    with op.batch_alter_table("case_materials") as batch:
        batch.drop_index("ix_case_materials_case_id")
    op.drop_table("case_materials")
    op.create_table(
        "case_notes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_notes") as batch:
        batch.create_index("ix_case_notes_case_id", ["case_id"], unique=False)


def downgrade() -> None:
    conn = op.get_bind()
    with op.batch_alter_table("case_notes") as batch:
        batch.drop_index("ix_case_notes_case_id")
    op.drop_table("case_notes")
    table = op.create_table(
        "case_materials",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("line_key", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("choice", sa.String(length=64), nullable=True),
        sa.Column("form", sa.String(length=32), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("supplement_due", sa.Date(), nullable=True),
        sa.Column("supplied_at", sa.DateTime(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_materials") as batch:
        batch.create_index("ix_case_materials_case_id", ["case_id"], unique=False)
    rows = []
    for case_id, mats in conn.execute(sa.select(_cases.c.id, _cases.c.materials)).all():
        for i, m in enumerate(mats or []):
            cols = {"line_key" if c == "key" else c: m.get("key" if c == "line_key" else c) for c in _COLUMNS}
            rows.append({**cols, "id": m.get("id") or str(uuid.uuid4()), "case_id": case_id,
                         "position": m.get("position", i), "copies": m.get("copies") or 1,
                         "problem": m.get("problem") or "",
                         "supplement_due": date.fromisoformat(m["supplement_due"]) if m.get("supplement_due") else None,
                         "supplied_at": datetime.fromisoformat(m["supplied_at"]) if m.get("supplied_at") else None,
                         "detail": {k: v for k, v in m.items() if k not in (*_COLUMNS, "key")}})
    if rows:
        op.bulk_insert(table, rows)
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("materials")
