"""`clerk` with no arguments starts the window app (measured mode: quits once the first window shows)."""

from __future__ import annotations

import os
import subprocess
import sys


def test_clerk_starts_and_shows_its_first_window(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CLERK_EXIT_AFTER_SHOWN="1", CLERK_HOME=str(tmp_path / "home"))
    out = subprocess.run([sys.executable, "-c", "import sys; from clerk_app.cli import main; sys.exit(main([]))"],
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    shown = [line for line in out.stdout.splitlines() if line.startswith("CLERK_SHOWN")]
    assert shown and shown[0].split()[1] in ("main", "login")
    assert (tmp_path / "home" / "clerk.sqlite3").exists()
