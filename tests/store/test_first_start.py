"""First start: killed while seeding, two at once, any window number."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from sqlalchemy import select

from clerk_app import paths
from clerk_app import settings as settings_mod
from clerk_app.services.context import open_context
from clerk_app.store.staff_models import Staff

ENV = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "QT_QPA_PLATFORM": "offscreen"}


def _child(home, code: str) -> subprocess.Popen:
    env = {**os.environ, **ENV, "CLERK_HOME": str(home)}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _staff_count(home) -> int:
    out = _child(home, """
        from sqlalchemy import select, func
        from clerk_app.services.context import open_context
        from clerk_app.store.staff_models import Staff
        ctx = open_context()
        with ctx.store.read() as s:
            print(s.execute(select(func.count()).select_from(Staff)).scalar())
        ctx.close()
    """)
    stdout, stderr = out.communicate(timeout=120)
    assert out.returncode == 0, stderr[-2000:]
    return int(stdout.strip())


def test_a_first_start_killed_while_seeding_leaves_a_usable_folder(clerk_home):
    for kill_in in ("store", "catalogue"):
        home = clerk_home / kill_in
        p = _child(home, f"""
            import os, signal, shutil
            import clerk_app.services.staff_seed as seed
            if "{kill_in}" == "store":
                seed.seed_demo_staff = lambda ctx: os.kill(os.getpid(), signal.SIGKILL)  # killed mid-seed
            else:
                real, n = shutil.copyfile, [0]
                def copy(*a, **k):
                    n[0] += 1
                    if n[0] == 5:
                        os.kill(os.getpid(), signal.SIGKILL)  # killed half-way through the catalogue copy
                    return real(*a, **k)
                shutil.copyfile = copy
            from clerk_app.services.context import open_context
            open_context()
        """)
        p.communicate(timeout=120)
        assert p.returncode == -9
        assert not (home / "clerk.sqlite3").exists() or kill_in == "catalogue"
        assert _staff_count(home) == 4, f"killed in the {kill_in} seeding: the next start works"


def test_two_first_starts_at_once_do_not_collide(clerk_home):
    code = """
        from clerk_app.services.context import open_context
        ctx = open_context(); print(ctx.store.path); ctx.close()
    """
    procs = [_child(clerk_home, code) for _ in range(3)]
    for p in procs:
        _out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err[-2000:]
    assert _staff_count(clerk_home) == 4
    assert not list(clerk_home.glob(".clerk.sqlite3.seed-*"))


def test_a_fresh_folder_on_window_004_starts(clerk_home, clock):
    settings_mod.save(settings_mod.set_value(settings_mod.load(), "window.number", "004"))
    ctx = open_context(clock=clock)
    try:
        assert ctx.window_id == "31010701004"
        with ctx.store.read() as s:
            lisi = s.get(Staff, "1002")
            assert [w.window_id for w in lisi.windows] == ["31010701004"]
            assert len(s.execute(select(Staff)).scalars().all()) == 4
    finally:
        ctx.close()
    assert paths.db_path().exists()
