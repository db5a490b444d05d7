"""The .deb on a real machine: install, the installed app at work, remove, purge, upgrade.

Run by installer/smoke.sh with the packages it built (skipped otherwise, see conftest.py).
Every command here is one the README's section for the centre's IT tells them to run.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import APPLICATION, User, dpkg, installed_version, package

OPT = Path("/opt/window-clerk")


def files_newer_than(folder: Path, stamp: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.lstat().st_mtime > stamp.stat().st_mtime]


def test_install_run_remove_purge(clean_machine, user: User, tmp_path):
    deb = package("CLERK_DEB")
    dpkg("-i", str(deb))
    assert installed_version("window-clerk")
    assert Path("/usr/bin/clerk").is_file() and (OPT / "clerk").is_file()
    desktop = Path("/usr/share/applications/window-clerk.desktop").read_text(encoding="utf-8")
    assert "Name[zh_CN]=综合窗口收件台" in desktop and "Exec=clerk" in desktop and "Icon=window-clerk" in desktop
    assert Path("/usr/share/icons/hicolor/256x256/apps/window-clerk.png").is_file()
    if shutil.which("desktop-file-validate"):
        out = subprocess.run(["desktop-file-validate", "/usr/share/applications/window-clerk.desktop"],
                             capture_output=True, text=True)
        assert out.returncode == 0 and not out.stdout.strip(), out.stdout

    stamp = tmp_path / "stamp"
    stamp.touch()
    time.sleep(0.05)

    # The window app starts offscreen from the installed command and keeps running.
    app = subprocess.Popen(["clerk"], env=user.env(), cwd=user.home, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (user.data / "clerk.sqlite3").exists():
            assert app.poll() is None, f"the app exited with {app.returncode}:\n{app.stdout.read()}"
            time.sleep(0.2)
        time.sleep(3)
        assert app.poll() is None, f"the app exited with {app.returncode}:\n{app.stdout.read()}"
    finally:
        app.send_signal(signal.SIGTERM)
        try:
            app.wait(15)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait(5)
    assert (user.data / "settings.toml").is_file(), "the data folder is the user's own"

    check = user.clerk("catalog", "check")
    assert check.stdout.startswith("OK"), check.stdout
    out = user.clerk_json("intake", "--json", str(APPLICATION))
    assert out["outcome"] == "accepted_tolerated"
    pdf = tmp_path / "voucher.pdf"
    user.clerk("voucher", out["case_no"], "--out", str(pdf))
    check_pdf(pdf, out["case_no"])

    # Back up the data folder with the app closed, lose it, restore it: the case is back.
    backup = tmp_path / "clerk-backup.tgz"
    subprocess.run(["tar", "-C", str(user.data.parent), "-czf", str(backup), "clerk"], check=True)
    shutil.rmtree(user.data)
    subprocess.run(["tar", "-C", str(user.data.parent), "-xzf", str(backup)], check=True)
    assert user.clerk_json("case", "show", out["case_no"], "--json")["case_no"] == out["case_no"]
    assert user.clerk("audit", "verify").returncode == 0

    # Nothing was written into the program's folder; the package's files are unchanged.
    assert files_newer_than(OPT, stamp) == []
    assert dpkg("--verify", "window-clerk").stdout == ""
    assert (user.data / "logs").is_dir() and (user.data / "clerk.sqlite3").is_file()

    # Remove: the program goes, the user's data stays.
    dpkg("-r", "window-clerk")
    assert not Path("/usr/bin/clerk").exists() and not OPT.exists()
    assert (user.data / "clerk.sqlite3").is_file()
    purge = dpkg("--purge", "window-clerk")
    assert "NOT removed" in purge.stdout + purge.stderr and ".local/share/clerk" in purge.stdout + purge.stderr
    assert (user.data / "clerk.sqlite3").is_file()
    assert installed_version("window-clerk") is None


def check_pdf(pdf: Path, case_no: str) -> None:
    """The font is embedded (pdffonts: emb yes) and the barcode decodes to the case number."""
    import PIL.Image
    import zxingcpp

    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(r.split()[-5] == "yes" for r in rows), fonts
    assert any("WenQuanYi" in r for r in rows), fonts
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf), str(pdf.with_suffix(""))],
                   check=True)
    png = sorted(pdf.parent.glob(pdf.stem + "*.png"))[0]
    assert case_no in [r.text for r in zxingcpp.read_barcodes(PIL.Image.open(png))]


@pytest.mark.postgres
def test_upgrade_keeps_the_queued_cases_and_pushes_them_once(clean_machine, user: User, tmp_path, pg_url):
    """0.1.0 takes cases while the centre is down; the new package migrates and sends them once."""
    from sqlalchemy import text

    from clerk_app.server import testing, windows
    from clerk_app.store.migrate import script_heads

    old, new = package("CLERK_DEB_OLD"), package("CLERK_DEB")
    engine = testing.make_engine(testing.normalise_url(pg_url))
    testing.clear(engine)
    with engine.begin() as conn:
        code = windows.add_window(conn, "31010701003", "综合3号窗口")
    port = testing.free_port()
    centre = testing.ProcessServer(testing.normalise_url(pg_url), port=port, log=tmp_path / "centre.log")

    dpkg("-i", str(old))
    old_version = installed_version("window-clerk")
    centre.start()
    try:
        user.clerk("enroll", "--server", centre.url, "--code", code)
    finally:
        centre.stop()  # the centre goes down

    numbers = [user.clerk_json("intake", "--json", str(APPLICATION))["case_no"] for _ in range(3)]
    offline = user.clerk("sync", "--once", check=False)
    assert offline.returncode != 0
    queued = user.store_rows("SELECT seq, change_id, kind, entity_id, payload FROM outbox ORDER BY seq")
    case_payloads = [r[4] for r in queued if r[2] == "case"]
    assert len(case_payloads) == 3 and all(any(no in p for p in case_payloads) for no in numbers)

    dpkg("-i", str(new))
    new_version = installed_version("window-clerk")
    assert new_version != old_version
    status = user.clerk_json("sync", "--status", "--json")  # the new program opens (and migrates) the store
    assert status["waiting"] == len(queued) and status["waiting_cases"] == 3
    assert {r[0] for r in user.store_rows("SELECT version_num FROM alembic_version")} == script_heads()
    assert user.store_rows("SELECT seq, change_id, kind, entity_id, payload FROM outbox ORDER BY seq") == queued

    centre.start()
    try:
        report = user.clerk_json("sync", "--once", "--json")
        again = user.clerk_json("sync", "--once", "--json")
    finally:
        centre.stop()
    assert report["ok"] and again["ok"], (report, again)
    assert user.clerk_json("sync", "--status", "--json")["waiting"] == 0
    with engine.connect() as conn:
        pushed = conn.execute(text("SELECT change_id FROM changes WHERE window_id = '31010701003'")).scalars().all()
        cases = conn.execute(text("SELECT case_no FROM cases")).scalars().all()
    engine.dispose()
    assert sorted(pushed) == sorted(r[1] for r in queued), "every queued change reached the centre exactly once"
    assert sorted(cases) == sorted(numbers)


UNIT = Path("/lib/systemd/system/window-clerk-server@.service")
SERVER_ENV = Path("/etc/window-clerk/server.env")


def unit_command(port: int, workers: int) -> tuple[list[str], dict[str, str]]:
    """The unit's ExecStart and environment as systemd would give them (no systemd runs here)."""
    import re
    import shlex

    env: dict[str, str] = {}
    lines = UNIT.read_text().splitlines()
    for line in lines:
        if line.startswith("Environment="):
            env.update(dict(kv.split("=", 1) for kv in shlex.split(line[len("Environment="):])))
        if line.startswith("EnvironmentFile="):
            for raw in Path(line.split("=", 1)[1]).read_text().splitlines():
                if raw.strip() and not raw.startswith("#"):
                    k, v = raw.split("=", 1)
                    env[k] = v
    env["CLERK_SERVER_WORKERS"] = str(workers)  # what IT sets in server.env
    exec_start = next(line.split("=", 1)[1] for line in lines if line.startswith("ExecStart="))
    exec_start = re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], exec_start.replace("%i", str(port)))
    return shlex.split(exec_start), env


@pytest.mark.postgres
def test_centre_server_package_runs_several_processes_as_its_own_user(clean_machine, user: User, tmp_path,
                                                                       pg_url):
    from sqlalchemy import text

    from clerk_app.server import testing

    dpkg("-i", str(package("CLERK_DEB")), str(package("CLERK_DEB_SERVER")))
    assert subprocess.run(["id", "clerk-server"], capture_output=True).returncode == 0
    st = SERVER_ENV.stat()
    assert oct(st.st_mode & 0o777) == "0o640"
    if shutil.which("systemd-analyze"):
        verify = subprocess.run(["systemd-analyze", "verify", "window-clerk-server@8765.service"],
                                capture_output=True, text=True)
        assert "window-clerk-server" not in verify.stderr, verify.stderr

    engine = testing.make_engine(testing.normalise_url(pg_url))
    testing.clear(engine)
    port = testing.free_port()
    SERVER_ENV.write_text(SERVER_ENV.read_text().replace("CLERK_SERVER_DB=\n", f"CLERK_SERVER_DB={pg_url}\n"))
    cmd, env = unit_command(port, workers=2)
    add = subprocess.run(["clerk-centre", "window", "add", "31010701003", "--name", "综合3号窗口"],
                         capture_output=True, text=True, env={**os.environ, "PATH": "/usr/sbin:/usr/bin:/bin"})
    assert add.returncode == 0, add.stdout + add.stderr
    code = add.stdout.splitlines()[1].strip()
    state = Path("/var/lib/window-clerk-server")
    assert state.owner() == "clerk-server" and oct(state.stat().st_mode & 0o777) == "0o750"
    assert all(p.owner() == "clerk-server" for p in state.rglob("*")), "admin tasks ran as the service user"
    # As the unit's User=/Group= (no runuser: signalled, it may kill(-1) once its child is gone).
    proc = subprocess.Popen(cmd, env={"PATH": "/usr/bin:/bin", **env}, user="clerk-server", group="clerk-server",
                            extra_groups=[], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True, cwd=state)
    url = f"http://127.0.0.1:{port}"
    try:
        testing.wait_healthy(url, 60, proc)
        # uvicorn's workers are the bundle re-run by multiprocessing's spawn (installer/entry.py).
        workers = subprocess.run(["pgrep", "-u", "clerk-server", "-f", "--", "--multiprocessing-fork"],
                                 capture_output=True, text=True).stdout.split()
        user.clerk("enroll", "--server", url, "--code", code)
        numbers = [user.clerk_json("intake", "--json", str(APPLICATION))["case_no"] for _ in range(2)]
        assert user.clerk_json("sync", "--once", "--json")["ok"]
    finally:
        assert proc.pid > 1
        os.killpg(proc.pid, signal.SIGTERM)  # the unit's stop: the server and its workers
        out = proc.communicate(timeout=30)[0]
    assert len(workers) == 2, f"expected 2 worker processes, found {workers}:\n{out}"
    with engine.connect() as conn:
        assert sorted(conn.execute(text("SELECT case_no FROM cases")).scalars()) == sorted(numbers)
    engine.dispose()
    assert (state / "logs").is_dir()

    # The centre's backup is PostgreSQL's own: a dump that restores into an empty database.
    dump = tmp_path / "clerk.dump"
    subprocess.run(["pg_dump", "-Fc", "-f", str(dump), pg_url.replace("+psycopg", "")], check=True)
    with testing.temporary_pg_database() as restored:
        subprocess.run(["pg_restore", "--no-owner", "-d", restored.replace("+psycopg", ""), str(dump)], check=True)
        copy = testing.make_engine(testing.normalise_url(restored))
        with copy.connect() as conn:
            assert sorted(conn.execute(text("SELECT case_no FROM cases")).scalars()) == sorted(numbers)
        copy.dispose()

    purge = dpkg("--purge", "window-clerk-server")
    assert "/var/lib/window-clerk-server" in purge.stdout + purge.stderr
    assert state.is_dir() and not SERVER_ENV.exists()
    shutil.rmtree(state)
