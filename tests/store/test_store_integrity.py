"""A broken store is noticed: vanished, replaced, emptied, cut short or corrupt stores are refused."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

from clerk_app import paths
from clerk_app.services.context import open_context
from clerk_app.store import backup
from clerk_app.store.db import Store
from clerk_app.store.files import StoreDamaged, StoreVanished
from store.samples import sign_accepted, submit_request


def _cases(ctx, n: int) -> list[str]:
    return [submit_request(ctx, sign_accepted()).number for _ in range(n)]


def test_a_store_deleted_under_a_running_window_is_refused_not_made_anew(ctx, clock):
    first = _cases(ctx, 2)
    os.remove(paths.db_path())
    with pytest.raises(StoreVanished, match="已被删除或替换"):
        submit_request(ctx, sign_accepted())
    assert not paths.db_path().exists(), "no new empty store was created under the running window"
    ctx.close()
    with pytest.raises(StoreVanished, match="clerk recover"):
        open_context(clock=clock)
    assert not paths.db_path().exists()
    assert first[0].endswith("0001")


def test_a_store_replaced_under_a_running_window_is_refused(ctx, tmp_path):
    _cases(ctx, 1)
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(paths.db_path(), copy)
    os.replace(copy, paths.db_path())
    with pytest.raises(StoreVanished):
        submit_request(ctx, sign_accepted())


def test_a_store_cut_to_zero_bytes_is_not_taken_as_new(ctx, clock):
    _cases(ctx, 1)
    ctx.close()
    for side in ("-wal", "-shm"):
        (paths.data_home() / f"clerk.sqlite3{side}").unlink(missing_ok=True)
    os.truncate(paths.db_path(), 0)
    with pytest.raises(StoreDamaged, match="0 字节"):
        open_context(clock=clock)
    assert paths.db_path().stat().st_size == 0


def _checkpointed(store: Store) -> None:
    raw = store.engine.raw_connection()
    raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()


def test_an_encrypted_store_with_its_tail_cut_is_refused(ctx, clock):
    _cases(ctx, 30)
    _checkpointed(ctx.store)
    ctx.close()
    size = paths.db_path().stat().st_size
    os.truncate(paths.db_path(), size - 3 * 4096)
    with pytest.raises(StoreDamaged):
        open_context(clock=clock)


def test_a_plain_store_with_its_tail_cut_is_refused(tmp_path):
    path = tmp_path / "plain.sqlite3"
    store = Store.open(path)
    with store.transaction() as s:
        for i in range(400):
            s.execute(__import__("sqlalchemy").text("INSERT INTO counters(name, value) VALUES (:n, :v)"),
                      {"n": f"c{i:04d}" * 10, "v": i})
    _checkpointed(store)
    store.close()
    size = path.stat().st_size
    os.truncate(path, size - 4096)  # whole pages: only the header knows the store is short
    with pytest.raises(StoreDamaged, match="截断"):
        Store.open(path)
    os.truncate(path, size - 4096 - 100)  # part of a page
    with pytest.raises(StoreDamaged, match="截断"):
        Store.open(path)


def test_a_corrupt_store_is_refused_with_the_way_out(ctx, clock):
    _cases(ctx, 20)
    _checkpointed(ctx.store)
    ctx.close()
    with open(paths.db_path(), "r+b") as fh:
        fh.seek(4096 * 2 + 200)
        fh.write(os.urandom(3000))
    with pytest.raises(StoreDamaged, match="clerk recover"):
        open_context(clock=clock)


def test_a_plain_corrupt_store_fails_quick_check(tmp_path):
    path = tmp_path / "plain.sqlite3"
    Store.open(path).close()
    con = sqlite3.connect(path)
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    with open(path, "r+b") as fh:
        for page in range(1, pages):  # every page but the first: a b-tree page type no SQLite knows
            fh.seek(4096 * page)
            fh.write(b"\x77" * 16)
    with pytest.raises(StoreDamaged):
        Store.open(path)


def test_daily_and_premigration_backups_rotate(ctx, clock, tmp_path):
    folder = paths.backups_dir()
    daily = [b for b in backup.list_backups(folder) if b.reason == "daily"]
    assert len(daily) == 1 and daily[0].taken_at.date() == clock().date()
    assert backup.is_good(daily[0].path, ctx.store.key)
    assert backup.daily(ctx.store, folder, clock()) is None, "one daily backup per day"
    for _ in range(backup.KEEP["manual"] + 3):
        backup.make_backup(ctx.store, folder, "manual")
    assert len([b for b in backup.list_backups(folder) if b.reason == "manual"]) == backup.KEEP["manual"]

    from clerk_app.store.migrate import upgrade

    old = tmp_path / "old.sqlite3"
    s = Store.open(old, migrate=False)
    upgrade(s.engine, "0001")
    s.close()
    Store.open(old, backups=tmp_path / "bk").close()
    pre = backup.list_backups(tmp_path / "bk")
    assert [b.reason for b in pre] == ["premigrate"]
    con = sqlite3.connect(pre[0].path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    con.close()


def test_a_checkpoint_cut_short_with_its_wal_is_not_taken_for_a_tail_cut(tmp_path):
    """Power cut during a checkpoint: the header already has the new length, the WAL has the pages."""
    path = tmp_path / "plain.sqlite3"
    store = Store.open(path)
    _checkpointed(store)
    store.close()
    size = path.stat().st_size
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("CREATE TABLE filler(x)")
    con.executemany("INSERT INTO filler VALUES (?)", [("x" * 3000,) for _ in range(20)])
    con.commit()
    shutil.copyfile(f"{path}-wal", tmp_path / "wal")
    con.execute("PRAGMA wal_checkpoint(PASSIVE)")  # the pages reach the file
    shutil.copyfile(path, tmp_path / "db")
    con.close()
    with open(tmp_path / "db", "r+b") as fh:
        fh.truncate(size)  # only page 1 (new length) and the old pages made it to disk
        fh.seek(0)
        fh.write(path.read_bytes()[:100])
    os.replace(tmp_path / "db", path)
    os.replace(tmp_path / "wal", f"{path}-wal")
    Store.open(path).close()  # SQLite finishes it from the WAL; not refused
