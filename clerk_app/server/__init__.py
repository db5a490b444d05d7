"""The central server: FastAPI + SQLAlchemy on PostgreSQL (or an embedded SQLite file).

Stateless between requests; every de-duplication is a database constraint, so several
processes can serve one database. Imports only ``clerk_app.domain``, ``clerk_app.protocol``
and ``clerk_app.paths`` of ours (never the window's store, sync or UI).
"""
