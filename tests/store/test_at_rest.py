"""Citizens' data at rest: the store is encrypted (SQLCipher), a plain store is converted in place,
and every file under the data folder is the OS user's alone."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest
from sqlalchemy import select

from clerk_app import paths
from clerk_app.services.context import open_context
from clerk_app.services.store_open import STORE_KEY
from clerk_app.store import backup, cipher
from clerk_app.store.files import StoreDamaged
from clerk_app.store.models import Applicant
from store.samples import PERSON, sign_accepted, submit_request

ID = PERSON["id_number"]


def _in_clear(folder, needle: str) -> list[str]:
    hits = []
    for p in folder.rglob("*"):
        if p.is_file() and (needle.encode() in p.read_bytes() or needle.encode("utf-16-le") in p.read_bytes()):
            hits.append(str(p))
    return hits


def test_the_window_store_is_encrypted_and_reads_back(ctx, clock, memory_keyring):
    no = submit_request(ctx, sign_accepted()).number
    assert not cipher.is_plain(paths.db_path())
    assert _in_clear(paths.data_home(), ID) == [], "no file of the data folder holds the ID number in clear"
    assert _in_clear(paths.data_home(), PERSON["phone"]) == []
    ctx.close()
    ctx2 = open_context(clock=clock)
    try:
        with ctx2.store.read() as s:
            assert s.execute(select(Applicant.id_number)).scalars().all() == [ID]
        assert backup.list_backups(paths.backups_dir())
        assert all(not cipher.is_plain(b.path) for b in backup.list_backups(paths.backups_dir()))
    finally:
        ctx2.close()
    assert no


def test_a_wrong_or_lost_key_is_refused_not_replaced(ctx, clock, memory_keyring):
    submit_request(ctx, sign_accepted())
    ctx.close()
    memory_keyring.data.pop(("window-clerk", STORE_KEY))
    with pytest.raises(StoreDamaged, match="找不到它的密钥"):
        open_context(clock=clock)
    memory_keyring.data[("window-clerk", STORE_KEY)] = cipher.new_key()
    with pytest.raises(StoreDamaged, match="密钥不符"):
        open_context(clock=clock)


def _make_plain(src, dest, key) -> None:
    conn = cipher.connect(src, key)
    conn.execute(f"ATTACH DATABASE '{dest}' AS plain KEY ''")
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()


def test_a_plain_store_from_before_is_encrypted_in_place(ctx, clock, memory_keyring):
    submit_request(ctx, sign_accepted())
    ctx.close()
    key = memory_keyring.data[("window-clerk", STORE_KEY)]
    # the data folder of an older version: a plain store and a plain backup, no key yet
    for b in backup.list_backups(paths.backups_dir()):
        b.path.unlink()
    _make_plain(paths.db_path(), paths.data_home() / "plain.sqlite3", key)
    _make_plain(paths.db_path(), paths.backups_dir() / "clerk-20261122-090000-000000-daily.sqlite3", key)
    for f in paths.data_home().glob("clerk.sqlite3-*"):
        f.unlink()
    os.replace(paths.data_home() / "plain.sqlite3", paths.db_path())
    memory_keyring.data.clear()
    assert cipher.is_plain(paths.db_path()) and ID.encode() in paths.db_path().read_bytes()

    ctx = open_context(clock=clock)
    try:
        with ctx.store.read() as s:
            assert s.execute(select(Applicant.id_number)).scalars().all() == [ID]
        submit_request(ctx, sign_accepted())
    finally:
        ctx.close()
    assert not cipher.is_plain(paths.db_path())
    assert _in_clear(paths.data_home(), ID) == [], "neither the store nor its backups hold the ID in clear"
    assert len(backup.list_backups(paths.backups_dir())) == 2


def test_files_under_the_data_folder_are_private(clerk_home, tmp_path):
    env = {**os.environ, "CLERK_HOME": str(clerk_home), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    out = subprocess.run([sys.executable, "-m", "clerk_app.cli", "case", "list", "--json"], env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    loose = []
    for p in [clerk_home, *clerk_home.rglob("*")]:
        mode = stat.S_IMODE(p.stat().st_mode)
        if mode & 0o077:
            loose.append(f"{p.relative_to(clerk_home)} {mode:o}")
    assert loose == []
