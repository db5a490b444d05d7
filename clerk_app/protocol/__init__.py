"""Wire schemas shared by the window (sync client) and the central server.

Nothing here touches a database or the network: pydantic models, version constants and
the audit-chain hash, so both sides agree on every byte that crosses the wire.
"""
