"""The data folder under the faults an IT admin meets (probe findings): every one is a Chinese
message naming the file, a non-zero exit code, no traceback, and nothing lost or half-written."""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sqlite3
import subprocess

import pytest
from sqlalchemy import text
from store.samples import sign_accepted

from clerk_app import logging_setup, paths

from .conftest import CLERK_BIN, Run


def _no_trace(r: Run) -> None:
    assert "Traceback" not in r.err and "内部错误" not in r.err, r.err


# -- the data folder itself ------------------------------------------------------------------------

def test_clerk_home_that_is_a_file_is_named(clerk, tmp_path, monkeypatch):
    afile = tmp_path / "not-a-folder"
    afile.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CLERK_HOME", str(afile))
    for args in (("case", "list"), ("settings", "set", "centre.name", "某中心")):
        r = clerk(*args)
        assert r.code == 3 and f"{afile} 是一个文件，不是文件夹" in r.err and "CLERK_HOME" in r.err, r.err
        _no_trace(r)
    assert afile.read_text(encoding="utf-8") == "x"


def test_a_relative_clerk_home_is_refused_not_made_anew_elsewhere(clerk, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLERK_HOME", "window-home")
    r = clerk("case", "list")
    assert r.code == 3 and "CLERK_HOME 须为完整路径" in r.err and "window-home" in r.err, r.err
    assert not (tmp_path / "window-home").exists(), "no second, empty store beside the current directory"


@pytest.fixture
def fresh_logging(monkeypatch):
    """logging_setup.setup() as in a new process; the root logger's handlers restored afterwards."""
    root = logging.getLogger()
    before = list(root.handlers)
    monkeypatch.setattr(logging_setup, "_configured", False)
    yield
    for h in root.handlers[:]:
        if h not in before:
            root.removeHandler(h)
            h.close()


def test_a_log_file_that_is_a_folder_does_not_stop_the_command(clerk, clerk_home, fresh_logging):
    assert clerk("staff", "list").code == 0
    log = clerk_home / "logs" / "clerk.log"
    for h in logging.getLogger().handlers[:]:  # the log opened above, as if this were a new process
        if getattr(h, "baseFilename", None) == str(log):
            logging.getLogger().removeHandler(h)
            h.close()
    log.unlink()
    log.mkdir()
    logging_setup._configured = False
    r = clerk("staff", "list")
    assert r.code == 0 and "1001" in r.out
    assert f"日志文件 {log} 无法写入" in r.err and "文件夹" in r.err, r.err
    _no_trace(r)


# -- permissions (root ignores them: then run without CAP_DAC_OVERRIDE via setpriv) -----------------

def _as_plain_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    drop = "-dac_override,-dac_read_search,-fowner"
    return ["setpriv", "--bounding-set", drop, "--inh-caps", drop]


def _run_proc(home, *args: str) -> Run:
    env = {**os.environ, "CLERK_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    p = subprocess.run([*_as_plain_user(), str(CLERK_BIN), *args], capture_output=True, text=True, env=env,
                       timeout=60, encoding="utf-8")
    return Run(p.returncode, p.stdout, p.stderr)


def test_a_data_folder_without_write_permission_is_not_called_damaged(clerk_home):
    assert _run_proc(clerk_home, "staff", "list").code == 0
    store = paths.db_path()
    before = store.read_bytes()
    os.chmod(clerk_home, 0o500)
    try:
        for args in (("case", "list"), ("recover", "--no-centre")):
            r = _run_proc(clerk_home, *args)
            assert r.code == 3 and str(store) in r.err and "没有读写权限" in r.err, r.err
            assert "损坏，" not in r.err and "运行“clerk recover”" not in r.err, "no way out that rolls back"
            _no_trace(r)
    finally:
        os.chmod(clerk_home, 0o700)
    assert store.read_bytes() == before and not (clerk_home / "damaged").exists()


# -- the store file --------------------------------------------------------------------------------

def test_the_sqlite_file_of_another_application_is_refused_and_left_alone(clerk, clerk_home):
    assert clerk("staff", "list").code == 0
    store = paths.db_path()
    store.unlink()
    other = sqlite3.connect(store)
    other.execute("CREATE TABLE songs (title TEXT)")
    other.execute("INSERT INTO songs VALUES ('x')")
    other.commit()
    other.close()
    before = store.read_bytes()
    backups = set(paths.backups_dir().iterdir())
    r = clerk("intake", "--json", str(_request(clerk_home)))
    assert r.code == 3 and f"{store} 不是本程序的数据库" in r.err, r.err
    _no_trace(r)
    assert store.read_bytes() == before, "neither encrypted nor migrated"
    assert set(paths.backups_dir().iterdir()) == backups


def test_a_store_of_a_newer_version_is_refused_before_any_backup(clerk):
    from clerk_app.services.store_open import raw_connection

    assert clerk("staff", "list").code == 0
    conn = raw_connection()
    conn.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    conn.commit()
    conn.close()
    backups = set(paths.backups_dir().iterdir())
    r = clerk("case", "list")
    assert r.code == 3 and "更新版本" in r.err and "ffff_future" in r.err and str(paths.db_path()) in r.err, r.err
    _no_trace(r)
    assert set(paths.backups_dir().iterdir()) == backups, "no pre-migration backup for a store not migrated"


def test_a_damaged_store_message_names_the_file(clerk):
    assert clerk("staff", "list").code == 0
    store = paths.db_path()
    store.write_bytes(os.urandom(store.stat().st_size))
    r = clerk("case", "list")
    assert r.code == 3 and str(store) in r.err and "clerk recover" in r.err, r.err


def _request(home):
    import json

    p = home.parent / "request.json"
    p.write_text(json.dumps(sign_accepted(), ensure_ascii=False), encoding="utf-8")
    return p


@pytest.fixture
def write_lock():
    """Another connection holding the store's write lock (``BEGIN EXCLUSIVE``) until released."""
    from clerk_app.services.store_open import raw_connection

    held: list = []

    def take():
        conn = raw_connection()
        conn.isolation_level = None
        conn.execute("BEGIN EXCLUSIVE")
        held.append(conn)

    yield take
    for conn in held:
        conn.execute("ROLLBACK")
        conn.close()


def test_a_store_locked_by_another_process_is_said_so_and_nothing_is_saved(clerk, clerk_home, write_lock):
    assert clerk("staff", "list").code == 0
    write_lock()
    r = clerk("intake", "--json", str(_request(clerk_home)), "--as", "1001", "--password-stdin", stdin="zs123456\n")
    assert r.code == 3 and f"{paths.db_path()} 正被另一个程序占用" in r.err and "请稍后重试" in r.err, r.err
    _no_trace(r)


def test_a_lock_taken_after_open_is_said_so_by_the_transaction(ctx, write_lock):
    from clerk_app.store.files import StoreBusy

    ctx.store.engine.dispose()
    write_lock()
    with pytest.raises(StoreBusy, match="正被另一个程序占用"), ctx.store.transaction() as s:
        s.execute(text("UPDATE alembic_version SET version_num = version_num"))


def test_a_full_disk_at_first_start_is_a_disk_full_message(clerk, monkeypatch):
    from clerk_app.services import store_open

    def full(*_a, **_k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store_open, "_seed", full)
    r = clerk("case", "list")
    assert r.code == 3 and "磁盘空间不足" in r.err, r.err
    _no_trace(r)
    assert not paths.db_path().exists()


# -- the settings file -----------------------------------------------------------------------------

def test_a_settings_file_saved_with_a_bom_is_read(clerk):
    assert clerk("settings", "set", "centre.name", "静安区行政服务中心").code == 0
    path = paths.settings_path()
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # as Windows Notepad saves "UTF-8"
    r = clerk("settings", "show")
    assert r.code == 0 and r.json["centre"]["name"] == "静安区行政服务中心", r.err


def test_a_settings_file_in_gbk_is_refused_naming_file_line_and_encoding(clerk):
    assert clerk("staff", "list").code == 0  # a data folder with its settings file
    path = paths.settings_path()
    path.write_bytes('[window]\nnumber = "003"\nname = "综合受理窗口"\n'.encode("gbk"))
    r = clerk("case", "list")
    assert r.code == 1 and f"{path}: 第 3 行不是 UTF-8" in r.err and "GBK" in r.err, r.err
    assert "codec" not in r.err


def test_a_settings_file_that_is_not_toml_says_where_in_chinese(clerk):
    assert clerk("staff", "list").code == 0  # a data folder with its settings file
    path = paths.settings_path()
    path.write_text("[centre\nname = 1\n", encoding="utf-8")
    r = clerk("settings", "show")
    assert r.code == 1 and f"{path}: 不是有效的 TOML 设置文件，第 1 行第 8 列有误" in r.err, r.err


def test_a_huge_settings_file_is_refused_without_reading_it(clerk):
    assert clerk("staff", "list").code == 0  # a data folder with its settings file
    path = paths.settings_path()
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(("#" * 1000 + "\n") * 3000)  # 3 MB of comments: valid TOML, but no settings file is that
    r = clerk("case", "list")
    assert r.code == 1 and f"{path}: 文件过大" in r.err and "请勿直接删除" in r.err, r.err


def test_settings_set_on_a_full_disk_leaves_the_file_whole_and_no_temporary(clerk, monkeypatch):
    from clerk_app import settings

    assert clerk("staff", "list").code == 0  # a data folder with its settings file
    path = paths.settings_path()
    before = path.read_bytes()

    def dump(data, fh):
        fh.write(b"idle_lock")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(settings.tomli_w, "dump", dump)
    r = clerk("settings", "set", "centre.name", "某中心")
    assert r.code == 3 and f"无法写入设置文件 {path}" in r.err and "磁盘空间不足" in r.err, r.err
    _no_trace(r)
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".settings-*")), "no half-written temporary file left"
