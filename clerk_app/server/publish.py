"""What the centre publishes to its windows: catalogue versions, the roster, the calendar.

The caller (``clerk server catalog publish`` etc.) validates the content first; here it is
stored immutably and appended to its stream. Publishing the same catalogue version twice
stores it once and appends it again only when ``republish`` is asked for.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from clerk_app.protocol.versions import CALENDAR, CATALOGUE, ROSTER
from clerk_app.server import streams
from clerk_app.server.clock import utcnow
from clerk_app.server.db import insert_ignore
from clerk_app.server.errors import Invalid
from clerk_app.server.models import CatalogueVersion

CV = CatalogueVersion.__table__


def check_scope(scope: str) -> str:
    s = (scope or "*").strip()
    if s != "*" and not (s.isdigit() and len(s) in (8, 11)):
        raise Invalid(f"发布范围须为 *（全部）、8位中心编号或11位窗口编号：{scope!r}")
    return s


def publish_catalogue(conn: Connection, version: str, files: dict[str, str], scope: str = "*",
                      note: str = "") -> int:
    if not version or not files:
        raise Invalid("事项目录版本或文件为空")
    for name in files:
        if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/"):
            raise Invalid(f"事项目录文件路径不安全：{name}")
    conn.execute(insert_ignore(conn, CV).values(version=version, files=files, note=note, published_at=utcnow()))
    stored = conn.execute(select(CV.c.files).where(CV.c.version == version)).scalar_one()
    if stored != files:
        raise Invalid(f"事项目录版本 {version} 已存在且内容不同：版本一经发布不可更改")
    return streams.publish(conn, CATALOGUE, check_scope(scope), version,
                           {"version": version, "files": files, "note": note})


def publish_calendar(conn: Connection, year: int, holidays: list[date], workdays: list[date],
                     scope: str = "*") -> int:
    bad = [d for d in [*holidays, *workdays] if d.year != year]
    if bad:
        raise Invalid(f"日期 {bad[0]} 不属于 {year} 年")
    if set(holidays) & set(workdays):
        raise Invalid("同一天不能既是假日又是调休工作日")
    data = {"year": year, "holidays": sorted(d.isoformat() for d in holidays),
            "workdays": sorted(d.isoformat() for d in workdays)}
    return streams.publish(conn, CALENDAR, check_scope(scope), str(year), data)


def publish_roster(conn: Connection, version: str, roster: Any, scope: str = "*") -> int:
    """The staff roster (accounts with password verifiers, authorisations, AB designations)."""
    if not version:
        raise Invalid("人员名册须有版本号")
    return streams.publish(conn, ROSTER, check_scope(scope), version, {"version": version, "roster": roster})
