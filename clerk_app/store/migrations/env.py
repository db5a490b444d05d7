"""Alembic environment for the window's local SQLite store."""

from __future__ import annotations

from alembic import context

import clerk_app.store.all_models  # noqa: F401  (registers every table on Base.metadata)
from clerk_app.store.db import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = context.config.attributes.get("engine")
    if engine is None:
        from sqlalchemy import create_engine

        engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        # Batch table rebuilds on SQLite fail with foreign keys on; turn them off outside
        # the transaction and let migrate.upgrade() check foreign_key_check afterwards.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported")
run_migrations_online()
