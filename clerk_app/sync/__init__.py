"""The window's side of replication (no Qt): outbox push, stream pull, status, background worker.

Public API for the UI and commands: :func:`clerk_app.sync.engine.run_round`,
:class:`clerk_app.sync.worker.SyncWorker`, :func:`clerk_app.sync.status.read_status`,
:func:`clerk_app.sync.enroll.enroll`. See ``docs/sync.md``.
"""
