"""Disk full: a clear Chinese message, nothing half-written, and the log never turns it into a traceback."""

from __future__ import annotations

import errno
import logging

import pytest
from sqlalchemy import event, func, select

from clerk_app import logging_setup
from clerk_app.store.files import DiskFull
from clerk_app.store.models import AuditEntry, Case, Counter, OutboxEntry
from store.samples import sign_accepted, submit_request


def _rows(ctx) -> tuple:
    with ctx.store.read() as s:
        return tuple(s.execute(select(func.count()).select_from(m)).scalar() for m in (Case, AuditEntry, OutboxEntry)) \
            + (sorted((c.name, c.value) for c in s.execute(select(Counter)).scalars()),)


def test_a_full_disk_refuses_the_intake_whole_with_a_clear_message(ctx):
    submit_request(ctx, sign_accepted())
    before = _rows(ctx)

    @event.listens_for(ctx.store.engine, "connect")
    def _full(dbapi_conn, _rec):  # SQLite's own SQLITE_FULL: the file may not grow by one page
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    ctx.store.engine.dispose()
    with pytest.raises(DiskFull) as info:
        for _ in range(50):  # the first intake that needs a new page meets the full disk
            submit_request(ctx, sign_accepted())
            before = _rows(ctx)
    assert str(info.value).startswith("磁盘空间不足")
    assert _rows(ctx) == before, "nothing of the refused intake was written"


def test_an_os_enospc_is_a_disk_full_too(ctx):
    with pytest.raises(DiskFull), ctx.store.transaction():
        raise OSError(errno.ENOSPC, "No space left on device")


def test_the_log_handler_drops_a_line_it_cannot_write(tmp_path, capsys, monkeypatch):
    handler = logging_setup.QuietRotatingFileHandler(tmp_path / "x.log")
    handler.setFormatter(logging_setup.RedactingFormatter("%(message)s"))
    monkeypatch.setattr(logging_setup.QuietRotatingFileHandler, "_noted", False)

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(handler, "shouldRollover", lambda _r: False)
    handler.stream = handler._open()
    monkeypatch.setattr(handler.stream, "write", full)
    log = logging.getLogger("test.diskfull")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.error("line one")
        log.error("line two")
    finally:
        log.removeHandler(handler)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Logging error" not in err
    assert err.count("日志无法写入") == 1 and "磁盘空间可能不足" in err


def test_logs_redact_names_phones_addresses_and_ids():
    line = logging_setup.redact(
        '{"name": "张三", "phone": "13812345678", "id_number": "11010519491231002X", '
        '"address": "上海市徐汇区漕溪北路100号3室"} 送达 福州市鼓楼区五四路88号 联系 0591-87654321 姓名：王五')
    for secret in ("张三", "13812345678", "11010519491231002X", "漕溪北路", "五四路88号", "87654321", "王五"):
        assert secret not in line, (secret, line)
    assert "S310107010032611230001" in logging_setup.redact("case S310107010032611230001 saved")


def test_sql_errors_never_print_parameters(ctx):
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError) as info, ctx.store.transaction() as s:
        s.execute(text("INSERT INTO counters(name, value) VALUES (:n, NULL)"), {"n": "11010519491231002X"})
    assert "11010519491231002X" not in str(info.value)
