"""Version constants exchanged in the hello, and the names of the pulled streams."""

from __future__ import annotations

# Bump PROTOCOL_VERSION on any incompatible wire change; the server accepts windows from
# MIN_PROTOCOL_VERSION up to its own PROTOCOL_VERSION and tells older ones to upgrade.
#
# 1: hello, push, audit, pull (a round is hello + a pull, + a push when something is queued).
# 2: adds ``POST /v1/round`` (one request: the hello's answer plus the first page of every
#    stream whose head moved past the window's cursor); everything of 1 still works, so a
#    window of version 1 keeps syncing with a server of version 2. A window of version 2
#    that finds no ``/v1/round`` (404) speaks version 1 to that server (docs/idle.md).
PROTOCOL_VERSION = 2
MIN_PROTOCOL_VERSION = 1
HELLO_ONLY_PROTOCOL = 1  # what a window speaks to a server without /v1/round
ROUND_PROTOCOL = 2  # the first version with /v1/round

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
