"""Demo staff on a fresh data folder, so a new user can log in and try 代岗 at once.

The passwords are public (README "演示账号"); the verifiers below were made once with the
production argon2id parameters, so seeding costs no hashing. Demo accounts are marked
``source = "demo"``: login shows a warning, and the first central roster disables them.
Seeding is not a user action, so it writes no audit or outbox entry (a fresh store keeps
its numbering); it runs once per data folder, even if the admin later removes every account.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from clerk_app.services.context import AppContext
from clerk_app.store.staff_models import RosterState, Staff, StaffGrant, StaffSubstitute, StaffWindow

# staff_no, name, badge, password (documented), verifier, grants, chief_rep, substitutes (B角), extra windows,
# supervisor (督查: closes 差评 follow-ups)
DEMO_STAFF: list[dict[str, Any]] = [
    {"staff_no": "1001", "name": "张三", "badge": "PT-0301", "password": "zs123456",
     "verifier": "$argon2id$v=19$m=65536,t=3,p=4$1jZ1ioM/zPBLZum6JoJICQ$5DZtlSqhd1tFiQledKsC9pv0jGzxsh8v/JG5VtbpMc0",
     "grants": ["市场监管", "卫生健康", "文旅", "城管"], "chief_rep": False, "substitutes": ["1002"],
     "other_windows": []},
    {"staff_no": "1002", "name": "李四", "badge": "PT-0302", "password": "ls123456",
     "verifier": "$argon2id$v=19$m=65536,t=3,p=4$Xf6FxcY6UozHYApamrhWrw$wOxZ5RK1JagYKUrbMBr1xa9xhLQdXQOLc+qTdze42KM",
     "grants": ["民政", "人社", "公安", "医保"], "chief_rep": False, "substitutes": ["1001"],
     "other_windows": ["004"]},
    {"staff_no": "1003", "name": "王五", "badge": "PT-0101", "password": "ww123456",
     "verifier": "$argon2id$v=19$m=65536,t=3,p=4$Bv/XOAN9OLc+1SEkEEi7Dg$ECdm3qpmXWSsqDsPGrAGQK4293D9pt/ZRQ57gMQonkE",
     "grants": ["*"], "chief_rep": True, "substitutes": ["1001"], "other_windows": [],
     "supervisor": True},
    {"staff_no": "1004", "name": "赵六", "badge": "PT-0304", "password": "zl123456",
     "verifier": "$argon2id$v=19$m=65536,t=3,p=4$aENgfD9tKrzJMH1PgiY2BA$C1gR6P9nJEPWoCo+xWtrvg0NXKugruPdOVKkpTJw1D8",
     "grants": ["市场监管/食品"], "chief_rep": False, "substitutes": ["1002"], "other_windows": []},
]


def seed_demo_staff(ctx: AppContext) -> bool:
    """Add the demo staff if this data folder never had any; returns whether it did."""
    now = ctx.clock()
    with ctx.store.read() as s:
        state = s.get(RosterState, 1)
        if state is not None and state.demo_seeded:
            return False
        if s.execute(select(Staff.staff_no).limit(1)).first() is not None:  # staff came another way: no demo
            return False
    with ctx.store.transaction() as s:
        state = s.get(RosterState, 1)
        if state is not None and state.demo_seeded:
            return False  # another process was faster
        for d in DEMO_STAFF:
            # dict.fromkeys: on window 004 itself, 李四's second window is this one (no duplicate row)
            windows = list(dict.fromkeys([ctx.window_id] + [ctx.window_id[:8] + w for w in d["other_windows"]]))
            s.add(Staff(staff_no=d["staff_no"], name=d["name"], badge=d["badge"], enabled=True,
                        chief_rep=d["chief_rep"], supervisor=d.get("supervisor", False), password_hash=d["verifier"], source="demo", failed_count=0,
                        created_at=now, updated_at=now,
                        windows=[StaffWindow(window_id=w) for w in windows],
                        grants=[StaffGrant(grant=g, position=i) for i, g in enumerate(d["grants"])]))
        s.flush()
        for d in DEMO_STAFF:
            for i, b in enumerate(d["substitutes"]):
                s.add(StaffSubstitute(holder_no=d["staff_no"], substitute_no=b, position=i))
        if state is None:
            state = RosterState(id=1)
            s.add(state)
        state.demo_seeded = True
    return True


