"""How each pulled stream is applied at the window.

``prepare`` does file work before the database transaction (idempotent: installing the
same catalogue or calendar year twice changes nothing); ``apply`` runs inside the one
transaction that also moves the stream's cursor; ``after`` refreshes what the running
context holds in memory. Each returns reasons for rows it could not apply.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from clerk_app.protocol.messages import StreamRow
from clerk_app.protocol.versions import CALENDAR, CATALOGUE, DECISIONS, ROSTER
from clerk_app.services.calendar_source import CalendarFileError
from clerk_app.services.redate import redate_in
from clerk_app.store import audit
from clerk_app.sync.streams import calendar as sync_calendar
from clerk_app.sync.streams import catalogue as sync_catalogue

log = logging.getLogger(__name__)
SYNC_ACTOR = "中心同步"


@dataclass
class Prepared:
    failed: dict[int, str] = field(default_factory=dict)  # cursor -> reason
    changed: bool = False
    note: dict[str, Any] = field(default_factory=dict)


class Applier:
    stream: str = ""
    label: str = ""  # what the clerk calls the stream


    def prepare(self, ctx, rows: list[StreamRow]) -> Prepared:
        return Prepared()

    def apply(self, s: Session, ctx, row: StreamRow, prepared: Prepared) -> str | None:
        return None

    def after(self, ctx, prepared: Prepared) -> None:
        return None

    def issue_payload(self, row: StreamRow) -> dict[str, Any]:
        return row.data

    def shown(self, row: StreamRow) -> dict[str, Any]:
        """What an issue keeps of a row it could not apply, whatever the row holds."""
        try:
            return self.issue_payload(row)
        except Exception:  # a row of the wrong shape: keep what can be named of it
            return {"key": row.key, "fields": sorted(str(k) for k in row.data)}


class CatalogueApplier(Applier):
    stream = CATALOGUE
    label = "事项目录"

    def prepare(self, ctx, rows: list[StreamRow]) -> Prepared:
        out = Prepared()
        good: tuple[StreamRow, Path] | None = None
        for row in rows:
            version, files = row.data.get("version"), row.data.get("files")
            if not isinstance(version, str) or not version or not isinstance(files, dict) \
                    or not all(isinstance(text, str) for text in files.values()):
                out.failed[row.cursor] = "中心发布的事项目录格式不正确"
                continue
            try:
                staged, _cat = sync_catalogue.stage(ctx.home, version, files)
            except (sync_catalogue.CatalogueRefused, OSError) as exc:
                out.failed[row.cursor] = str(exc)
                continue
            except (ValueError, TypeError) as exc:  # e.g. a NUL in a file name: not a usable version
                log.warning("catalogue %s refused: %s", version[:64], exc.__class__.__name__)
                out.failed[row.cursor] = f"中心发布的事项目录 {version[:64]} 无法使用（文件名或内容无效）"
                continue
            good = (row, staged)
        if good is not None:
            row, staged = good
            if ctx.catalogue.version != row.data["version"] or ctx.catalogue_status.degraded:
                sync_catalogue.install(ctx.home, staged)
                out.changed = True
            else:
                sync_catalogue.discard_staging(ctx.home)
            out.note = {"version": row.data["version"], "cursor": row.cursor}
        return out

    def apply(self, s: Session, ctx, row: StreamRow, prepared: Prepared) -> str | None:
        if prepared.note.get("cursor") == row.cursor and prepared.changed:
            audit.append(s, SYNC_ACTOR, "catalogue.install", row.data["version"],
                         {"from": ctx.catalogue.version, "to": row.data["version"]}, at=ctx.clock())
        return None

    def after(self, ctx, prepared: Prepared) -> None:
        if prepared.changed:
            sync_catalogue.reload(ctx)

    def issue_payload(self, row: StreamRow) -> dict[str, Any]:
        files = row.data.get("files")
        return {"version": row.data.get("version"),
                "files": sorted(str(name) for name in files) if isinstance(files, dict) else []}


class CalendarApplier(Applier):
    stream = CALENDAR
    label = "节假日安排"

    def prepare(self, ctx, rows: list[StreamRow]) -> Prepared:
        out = Prepared()
        for row in rows:
            try:
                sync_calendar.write_year(ctx.home, row.data)
                out.changed = True
            except (CalendarFileError, OSError) as exc:
                out.failed[row.cursor] = f"中心发布的 {row.data.get('year')} 年节假日安排无法使用：{exc}"
            except (TypeError, ValueError) as exc:  # a value no calendar file can hold (null, an object…)
                log.warning("calendar row %s refused: %s", row.cursor, exc.__class__.__name__)
                out.failed[row.cursor] = f"中心发布的 {str(row.data.get('year'))[:10]} 年节假日安排格式不正确"
        if out.changed:
            out.note["calendar"] = sync_calendar.load(ctx)
            out.note["last"] = max(r.cursor for r in rows if r.cursor not in out.failed)
        return out

    def apply(self, s: Session, ctx, row: StreamRow, prepared: Prepared) -> str | None:
        audit.append(s, SYNC_ACTOR, "calendar.install", str(row.data.get("year")),
                     {"holidays": len(row.data.get("holidays") or []),
                      "workdays": len(row.data.get("workdays") or [])}, at=ctx.clock())
        if row.cursor == prepared.note.get("last"):
            # The open cases' dates follow the new calendar in the same transaction as its install.
            calendar, _problems = prepared.note["calendar"]
            prepared.note["redated"] = redate_in(s, calendar, ctx.catalogue, ctx.clock())
        return None

    def after(self, ctx, prepared: Prepared) -> None:
        if prepared.changed:
            sync_calendar.reload(ctx)
        if prepared.note.get("redated"):
            ctx.redated = prepared.note["redated"]


class RosterApplier(Applier):
    stream = ROSTER
    label = "人员名册"

    def apply(self, s: Session, ctx, row: StreamRow, prepared: Prepared) -> str | None:
        from clerk_app.sync.streams.roster import apply_roster_row

        return apply_roster_row(s, row.data)

    def issue_payload(self, row: StreamRow) -> dict[str, Any]:
        # Never copy password verifiers into an issue record.
        roster = row.data.get("roster")
        return {"version": row.data.get("version"), "entries": len(roster) if isinstance(roster, list) else None}


class DecisionApplier(Applier):
    stream = DECISIONS
    label = "审批结果"

    def apply(self, s: Session, ctx, row: StreamRow, prepared: Prepared) -> str | None:
        from clerk_app.sync.streams.decisions import apply_decision

        return apply_decision(s, row.data, ctx.calendar, ctx.catalogue)


APPLIERS: dict[str, Applier] = {a.stream: a for a in
                                 (CatalogueApplier(), RosterApplier(), CalendarApplier(), DecisionApplier())}
