"""Alembic environment of the central database (PostgreSQL or SQLite)."""

from __future__ import annotations

from alembic import context

from clerk_app.server import models  # noqa: F401  (registers the tables)
from clerk_app.server.db import Base

target_metadata = Base.metadata

# Several server processes may start together: on PostgreSQL they take this advisory
# lock, so exactly one migrates and the others then find the schema current.
ADVISORY_LOCK = 7_261_122_001


def run_migrations_online() -> None:
    engine = context.config.attributes.get("engine")
    if engine is None:
        from sqlalchemy import create_engine

        engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        else:
            connection.exec_driver_sql(f"SELECT pg_advisory_lock({ADVISORY_LOCK})")
            connection.commit()
        try:
            context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=sqlite)
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            else:
                connection.exec_driver_sql(f"SELECT pg_advisory_unlock({ADVISORY_LOCK})")
                connection.commit()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported")
run_migrations_online()
