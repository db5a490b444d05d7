"""Version constants exchanged in the hello, and the names of the pulled streams."""

from __future__ import annotations

# Bump PROTOCOL_VERSION on any incompatible wire change; the server accepts windows from
# MIN_PROTOCOL_VERSION up to its own PROTOCOL_VERSION and tells older ones to upgrade.
PROTOCOL_VERSION = 1
MIN_PROTOCOL_VERSION = 1

# Downward streams, each a versioned sequence with a cursor per window.
CATALOGUE = "catalogue"
ROSTER = "roster"
CALENDAR = "calendar"
DECISIONS = "decisions"
STREAMS: tuple[str, ...] = (CATALOGUE, ROSTER, CALENDAR, DECISIONS)

# A window whose clock differs from the centre's by more than this is warned.
CLOCK_SKEW_WARN_SECONDS = 180.0

# Upper bounds of one request (the server refuses larger ones with 422).
MAX_PUSH_BATCH = 1000
MAX_AUDIT_BATCH = 2000
MAX_PULL_LIMIT = 500
