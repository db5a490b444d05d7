"""``clerk recover``: a store deleted under the window comes back from its backup, and the centre
brings back what the backup lacks, so no case number, change seq or audit seq is issued twice."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import select

from clerk_app import paths
from clerk_app.services.context import open_context
from clerk_app.store import audit, backup
from clerk_app.store.files import StoreVanished
from clerk_app.store.sync_models import SyncIssue
from clerk_app.sync.engine import run_round

from .conftest import make_case


@pytest.mark.parametrize("server_url", ["sqlite"], indirect=True)
def test_recover_restores_the_backup_and_numbering_continues(window, clock, central, capsys, monkeypatch):
    import functools

    import clerk_app.services.context as context
    from clerk_app.cli import main

    monkeypatch.setattr(context, "open_context", functools.partial(context.open_context, clock=clock))
    first = make_case(window)
    assert run_round(window).ok
    backup.make_backup(window.store, paths.backups_dir(), "manual", now=clock())  # on the cases' day, not the real one
    later = [make_case(window) for _ in range(3)]
    assert run_round(window).ok
    window.close()
    os.remove(paths.db_path())  # the store vanishes
    with pytest.raises(StoreVanished):
        open_context(clock=clock)

    assert main(["recover"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "已从备份" in out and all(no in out for no in later)

    ctx = open_context(clock=clock)
    try:
        from clerk_app.store.models import Case

        with ctx.store.read() as s:
            back = {c.case_no: (len(c.materials), len(c.events), c.applicant["id_number"], c.status)
                    for c in s.execute(select(Case)).scalars()}
        assert set(back) == {first, *later}, "the cases the backup lacked came back from the centre"
        assert all(back[no] == back[first] for no in later), back
        new = make_case(ctx)
        assert new[-4:] == "0005" and new not in [first, *later], "numbering continues after the centre's highest"
        report = run_round(ctx)
        assert report.ok, report.lines()
        with ctx.store.read() as s:
            assert s.execute(select(SyncIssue)).first() is None, "the new case is accepted by the centre"
            n, problems = audit.verify(s)
            assert n >= 5 and problems == [], problems
    finally:
        ctx.close()


def test_recover_without_a_backup_says_so(clerk_home, capsys, clock):
    open_context(clock=clock).close()
    for b in backup.list_backups(paths.backups_dir()):
        b.path.unlink()
    os.remove(paths.db_path())
    from clerk_app.cli import main

    assert main(["recover"]) == 3
    assert "没有可用的备份" in capsys.readouterr().err


@pytest.mark.parametrize("server_url", ["sqlite"], indirect=True)
def test_the_recovery_endpoint_serves_only_the_windows_own_data(window, central):
    from datetime import date

    from clerk_app.sync.engine import make_client
    from clerk_app.sync.errors import NotAuthorised

    make_case(window)
    assert run_round(window).ok
    with make_client(window) as client:
        own = client.recovery(window.window_id, date(2026, 1, 1))
        assert own.cases and own.high_seq >= 1 and own.audit_high >= 1
        assert own.counters == {f"S:{window.window_id}:261123": 1}
        with pytest.raises(NotAuthorised):
            client.recovery("31010701009", date(2026, 1, 1))


@pytest.mark.parametrize("server_url", ["sqlite"], indirect=True)
def test_a_lost_key_is_mended_from_the_centre_with_empty(window, clock, central, capsys, monkeypatch,
                                                          memory_keyring):
    import functools

    import clerk_app.services.context as context
    from clerk_app.cli import main
    from clerk_app.store.files import StoreDamaged

    monkeypatch.setattr(context, "open_context", functools.partial(context.open_context, clock=clock))
    done = [make_case(window) for _ in range(2)]
    assert run_round(window).ok
    window.close()
    memory_keyring.data.pop(("window-clerk", "store_key"))  # the keyring entry is lost
    with pytest.raises(StoreDamaged, match="找不到它的密钥"):
        open_context(clock=clock)
    assert main(["recover"]) == 3  # the backups need the same key
    assert main(["recover", "--empty"]) == 0, capsys.readouterr().err
    ctx = open_context(clock=clock)
    try:
        from clerk_app.services import cases

        back = {no: cases.get_case(ctx, no) for no in done}  # each case comes back in its own application
        assert all(r is not None and r.application_no == "A" + no[1:] for no, r in back.items())
        new = make_case(ctx)
        assert new[-4:] == "0003" and new not in done
        assert cases.get_case(ctx, new).application_no == "A" + new[1:]  # the A counter continued too
        report = run_round(ctx)
        assert report.ok, report.lines()
    finally:
        ctx.close()
    assert list((paths.data_home() / "damaged").iterdir()), "the unreadable store was kept aside"


def test_recover_leaves_a_healthy_store_alone_unless_forced(clerk_home, capsys, clock):
    """Run by mistake on a store that is fine, recover would take it back to the last backup: the
    cases taken since would leave the window's store. It refuses, and says how to insist."""
    open_context(clock=clock).close()
    assert backup.list_backups(paths.backups_dir()), "the first start leaves a backup to go back to"
    store = paths.db_path()
    before = store.read_bytes()
    from clerk_app.cli import main

    assert main(["recover", "--no-centre"]) == 3
    err = capsys.readouterr().err
    assert "完好" in err and "--force" in err and str(store) in err
    assert store.read_bytes() == before and not (paths.data_home() / "damaged").exists()

    assert main(["recover", "--no-centre", "--force"]) == 0, capsys.readouterr().err
    assert "已将原数据库文件移至" in capsys.readouterr().out
    assert list((paths.data_home() / "damaged").glob("*/" + store.name)), "the store is moved aside, not deleted"
