"""After a round with nothing waiting, compare per-day counts (and a digest) with the centre."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select

from clerk_app.domain import numbers
from clerk_app.store.models import Case, Notice
from clerk_app.sync.client import SyncClient

DAYS = 30


def local_tally(ctx, since: date) -> dict[date, tuple[int, int, str]]:
    per_day: dict[date, dict[str, list[str]]] = defaultdict(lambda: {"cases": [], "notices": []})
    with ctx.store.read() as s:
        for (no,) in s.execute(select(Case.case_no)):
            n = numbers.parse(no)
            if n is not None and n.day >= since:
                per_day[n.day]["cases"].append(no)
        for (no,) in s.execute(select(Notice.notice_no)):
            n = numbers.parse(no)
            if n is not None and n.day >= since:
                per_day[n.day]["notices"].append(no)
    return {d: (len(v["cases"]), len(v["notices"]),
                hashlib.sha256("\n".join(sorted(v["cases"] + v["notices"])).encode()).hexdigest())
            for d, v in per_day.items()}


def compare(ctx, client: SyncClient, today: date) -> list[str]:
    """Plain Chinese lines, one per day that differs; empty when the centre and this window agree."""
    since = today - timedelta(days=DAYS)
    local = local_tally(ctx, since)
    central = {t.day: (t.cases, t.notices, t.digest) for t in client.tally(ctx.window_id, since).days}
    out = []
    for day in sorted(set(local) | set(central)):
        lc, ln, ld = local.get(day, (0, 0, ""))
        cc, cn, cd = central.get(day, (0, 0, ""))
        if (lc, ln) != (cc, cn):
            out.append(f"{day}：本机办件 {lc} 件、告知书 {ln} 份，中心 {cc} 件、{cn} 份")
        elif ld != cd:
            out.append(f"{day}：件数相同但编号不一致")
    return out
