"""security: token expiry and rotation, scoped back-office clients, enrolment attempts,
case items (for scoping), audit text columns wide enough for any actor

Revision ID: 0002_security
Revises: 0001
Create Date: 2026-11-23 17:00:00
"""
import json

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0002_security'
down_revision = '0001'
branch_labels = None
depends_on = None

Json = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')
BigId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    with op.batch_alter_table('audit_entries') as b:
        for name, length in (('at', 40), ('actor', 200), ('action', 64), ('subject', 64)):
            b.alter_column(name, type_=sa.Text(), existing_type=sa.String(length=length), existing_nullable=False)
    with op.batch_alter_table('windows') as b:
        b.add_column(sa.Column('token_expires_at', sa.DateTime(), nullable=True))
        b.add_column(sa.Column('prev_token_hash', sa.String(length=64), nullable=True))
        b.create_unique_constraint('uq_windows_prev_token_hash', ['prev_token_hash'])
    with op.batch_alter_table('api_clients') as b:
        b.add_column(sa.Column('scope', Json, nullable=True))
        b.add_column(sa.Column('revoked_at', sa.DateTime(), nullable=True))
        b.add_column(sa.Column('last_used_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('cases') as b:
        b.add_column(sa.Column('items', Json, nullable=True))
    op.create_table(
        'enrol_attempts',
        sa.Column('id', BigId, primary_key=True, autoincrement=True),
        sa.Column('client', sa.String(length=64), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('ok', sa.Boolean(), nullable=False),
    )
    op.create_index('ix_enrol_attempts_client_at', 'enrol_attempts', ['client', 'at'])

    conn = op.get_bind()
    # Back-office clients issued before scopes existed keep what they could do (every item)
    # until an admin re-issues them with a department (docs/sync.md says so).
    clients = sa.table('api_clients', sa.column('id', sa.String), sa.column('scope', Json))
    conn.execute(sa.update(clients).values(scope={"all": True}))
    # Each case's items (code, department) from the snapshot the window sent.
    rows = conn.execute(sa.text(
        "SELECT cases.id, changes.payload FROM cases JOIN changes ON changes.change_id = cases.data_change_id"
    )).all()
    cases = sa.table('cases', sa.column('id', sa.String), sa.column('items', Json))
    for case_id, payload in rows:
        data = json.loads(payload) if isinstance(payload, str) else (payload or {})
        conn.execute(sa.update(cases).where(cases.c.id == case_id).values(items=case_items(data)))


def case_items(data: dict) -> list[dict]:
    items = data.get('items') if isinstance(data, dict) else None
    out = []
    for it in items if isinstance(items, list) else []:
        if isinstance(it, dict) and isinstance(it.get('code'), str):
            out.append({'code': it['code'][:40], 'department': str(it.get('department') or '')[:200]})
    return out


def downgrade() -> None:
    op.drop_index('ix_enrol_attempts_client_at', table_name='enrol_attempts')
    op.drop_table('enrol_attempts')
    with op.batch_alter_table('cases') as b:
        b.drop_column('items')
    with op.batch_alter_table('api_clients') as b:
        b.drop_column('last_used_at')
        b.drop_column('revoked_at')
        b.drop_column('scope')
    with op.batch_alter_table('windows') as b:
        b.drop_constraint('uq_windows_prev_token_hash', type_='unique')
        b.drop_column('prev_token_hash')
        b.drop_column('token_expires_at')
