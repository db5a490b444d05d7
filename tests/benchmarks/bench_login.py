"""Benchmark: staff login at the window vs a bare argon2id verification; the 代岗 choice per keystroke.

Run on demand: ``.venv/bin/python tests/benchmarks/bench_login.py [--runs N] [--staff N]``.
Production argon2id parameters (m=64 MiB, t=3, p=4), a store with N staff (default 500, the
size of a large centre's roster) and their AB pairs.

Targets: a login (read the verifier, verify, write session + audit + outbox) within 1.25x of
the bare verification and under 400 ms; the substitute list that the login dialog refreshes
on each keystroke under 5 ms (baseline: the same join in bare sqlite3).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ["CLERK_HOME"] = tempfile.mkdtemp(prefix="bench-login-")
os.environ.pop("CLERK_FAST_HASH", None)
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

from clerk_app import paths  # noqa: E402
from clerk_app.auth import passwords  # noqa: E402
from clerk_app.services import staff_login  # noqa: E402
from clerk_app.services.context import open_context  # noqa: E402
from clerk_app.services.staff import apply_roster  # noqa: E402

PASSWORD = "bench-pass-1"


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--staff", type=int, default=500)
    args = parser.parse_args()
    ctx = open_context()
    verifier = passwords.hash_password(PASSWORD)
    assert verifier.startswith("$argon2id$v=19$m=65536,t=3,p=4$"), verifier
    roster = [{"staff_no": f"{8000 + i}", "name": f"人员{i}", "windows": [ctx.window_id], "authorised": ["*"],
               "substitutes": [f"{8000 + (i + 1) % args.staff}"], "password_hash": verifier}
              for i in range(args.staff)]
    with ctx.store.transaction() as s:
        apply_roster(s, roster, "bench")

    bare = lambda: passwords.verify(verifier, PASSWORD)  # noqa: E731
    full = lambda: staff_login.login(ctx, "8001", PASSWORD)  # noqa: E731
    for fn in (bare, full):
        fn()
    b_times, l_times = [], []
    for _ in range(args.runs):  # interleaved so machine noise hits both alike
        b_times.append(timed(bare))
        l_times.append(timed(full))
    b, lg = statistics.median(b_times), statistics.median(l_times)

    db = sqlite3.connect(paths.db_path())
    sql = ("SELECT s.staff_no, s.name FROM staff s JOIN staff_substitutes x ON x.holder_no = s.staff_no "
           "WHERE x.substitute_no = ? AND s.enabled = 1 ORDER BY s.staff_no")
    subs = lambda: staff_login.substitutable_for(ctx, "8002")  # noqa: E731
    raw = lambda: db.execute(sql, ("8002",)).fetchall()  # noqa: E731
    assert [n for n, _ in subs()] == ["8001"]
    s_times = [timed(subs) for _ in range(args.runs * 10)]
    r_times = [timed(raw) for _ in range(args.runs * 10)]
    s_med, r_med = statistics.median(s_times), statistics.median(r_times)
    ctx.close()

    ok = True
    print(f"bare argon2id verify (m=64 MiB, t=3, p=4): median {b:.0f} ms ({args.runs} runs)")
    print(f"staff login (verify + session, audit, outbox; {args.staff} staff): median {lg:.0f} ms")
    ratio = lg / b
    print(f"ratio login / bare verify: {ratio:.2f}x  (target <= 1.25x and < 400 ms)")
    ok &= ratio <= 1.25 and lg < 400
    print(f"substitute choice (per keystroke): median {s_med:.2f} ms; bare sqlite3 join {r_med:.2f} ms; "
          f"ratio {s_med / r_med:.1f}x  (target < 5 ms)")
    ok &= s_med < 5
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
