"""Staff accounts: the admin commands and the central roster.

Every admin action is one transaction with its audit entry. Staff changes are not put in
the outbox: the central roster owns staff data, and a window only keeps (and, until sync
lands, edits) its local copy. Password verifiers never leave this module in clear text;
only the argon2id string travels, and only inside the roster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from clerk_app.auth import passwords
from clerk_app.auth.authorisation import describe_grants as describe_grants  # for the commands
from clerk_app.auth.authorisation import unknown_grants
from clerk_app.auth.lockout import is_locked
from clerk_app.domain.text import RULES, TextError, TextRule, clean_text
from clerk_app.services.context import AppContext
from clerk_app.store import audit
from clerk_app.store.staff_models import (
    RosterState,
    Staff,
    StaffGrant,
    StaffSession,
    StaffSubstitute,
    StaffWindow,
)

ADMIN = "管理员"
ROSTER_ACTOR = "中心名册"
_STAFF_NO = re.compile(r"^[0-9A-Za-z_-]{1,32}$")
_WINDOW = re.compile(r"^(\d{11}|\d{0,10}\*)$")
NAME_RULE = replace(RULES["name"], label="姓名", required=True)  # the rule of every person's name, worded for staff
BADGE_RULE = TextRule("工牌号", 32)  # 挂牌上岗: a short code printed on the badge and the papers


class StaffError(ValueError):
    """An admin request that cannot be done; ``str()`` names the staff member and the field."""


@dataclass(frozen=True)
class StaffInfo:
    staff_no: str
    name: str
    badge: str
    enabled: bool
    chief_rep: bool
    source: str
    has_password: bool
    windows: list[str] = field(default_factory=list)
    grants: list[str] = field(default_factory=list)
    substitutes: list[str] = field(default_factory=list)  # who may stand in for this person (B)
    substitute_for: list[str] = field(default_factory=list)  # whom this person may stand in for (A)
    locked_until: datetime | None = None
    supervisor: bool = False  # 督查: closes 差评 follow-ups

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["locked_until"] = self.locked_until.isoformat() if self.locked_until else None
        return d


# -- normalising what an admin types ---------------------------------------------------------

def normalise_staff_no(text: str | None) -> str:
    no = (text or "").strip()
    if not _STAFF_NO.match(no):
        raise StaffError(f"工号“{no}”无效：应为 1–32 位字母、数字、下划线或连字符")
    return no


def expand_window(window_id: str, text: str) -> str:
    """``003`` → this centre's window 003; a full 11-digit id or a ``*`` pattern stays as it is."""
    w = (text or "").strip()
    if len(w) == 3 and w.isdigit():
        w = window_id[:8] + w
    if not _WINDOW.match(w):
        raise StaffError(f"窗口“{text}”无效：应为 3 位窗口号、11 位窗口编码，或以 * 结尾的范围")
    return w


def clean_name(no: str, name: str | None) -> str:
    """The name trimmed, or :class:`StaffError` (blank, control characters, over 100 characters)."""
    try:
        return clean_text(name, NAME_RULE)
    except TextError as exc:
        raise StaffError(f"{no}: {exc}") from None


def clean_badge(no: str, badge: str | None) -> str:
    """The badge number trimmed (may be empty), or :class:`StaffError`."""
    try:
        return clean_text(badge, BADGE_RULE)
    except TextError as exc:
        raise StaffError(f"{no}: {exc}") from None


def _badge_holder(s: Session, no: str, badge: str) -> Staff | None:
    """Another enabled person wearing ``badge`` (compared without case), if any."""
    if not badge:
        return None
    key = badge.casefold()
    for row in s.execute(select(Staff).where(Staff.enabled.is_(True), Staff.staff_no != no)).scalars():
        if (row.badge or "").strip().casefold() == key:
            return row
    return None


def _check_badge_free(s: Session, no: str, badge: str) -> None:
    holder = _badge_holder(s, no, badge)
    if holder is not None:
        raise StaffError(f"{no}: 工牌 {badge} 已由 {holder.staff_no} {holder.name}使用")


def _get(s: Session, staff_no: str) -> Staff:
    row = s.execute(
        select(Staff).where(Staff.staff_no == staff_no)
        .options(selectinload(Staff.windows), selectinload(Staff.grants), selectinload(Staff.substitutes))
    ).scalar_one_or_none()
    if row is None:
        raise StaffError(f"没有工号为 {staff_no} 的人员")
    return row


def _clean_grants(grants: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(g.strip() for g in grants if g and g.strip()))


def _set_windows(row: Staff, windows: list[str]) -> None:
    row.windows = [StaffWindow(window_id=w) for w in dict.fromkeys(windows)]


def _set_grants(row: Staff, grants: list[str]) -> None:
    row.grants = [StaffGrant(grant=g, position=i) for i, g in enumerate(grants)]


def _set_substitutes(row: Staff, subs: list[str]) -> None:
    row.substitutes = [StaffSubstitute(substitute_no=b, position=i) for i, b in enumerate(dict.fromkeys(subs))]


def _info(s: Session, row: Staff) -> StaffInfo:
    covers = s.execute(
        select(StaffSubstitute.holder_no).where(StaffSubstitute.substitute_no == row.staff_no)
        .order_by(StaffSubstitute.holder_no)
    ).scalars()
    return StaffInfo(
        staff_no=row.staff_no, name=row.name, badge=row.badge, enabled=row.enabled, chief_rep=row.chief_rep,
        source=row.source, has_password=bool(row.password_hash),
        windows=[w.window_id for w in row.windows], grants=[g.grant for g in row.grants],
        substitutes=[b.substitute_no for b in row.substitutes], substitute_for=list(covers),
        locked_until=row.locked_until, supervisor=bool(row.supervisor),
    )


# -- reading ---------------------------------------------------------------------------------

def list_staff(ctx: AppContext, include_disabled: bool = True) -> list[StaffInfo]:
    with ctx.store.read() as s:
        q = select(Staff).options(selectinload(Staff.windows), selectinload(Staff.grants),
                                  selectinload(Staff.substitutes)).order_by(Staff.staff_no)
        if not include_disabled:
            q = q.where(Staff.enabled.is_(True))
        return [_info(s, r) for r in s.execute(q).scalars()]


def get_staff(ctx: AppContext, staff_no: str) -> StaffInfo | None:
    with ctx.store.read() as s:
        try:
            return _info(s, _get(s, normalise_staff_no(staff_no)))
        except StaffError:
            return None


# -- admin actions (one transaction each, audited) -------------------------------------------

def add_staff(ctx: AppContext, staff_no: str, name: str, password: str, windows: Iterable[str],
              badge: str = "", grants: Iterable[str] = (), chief_rep: bool = False,
              substitutes: Iterable[str] = (), actor: str = ADMIN, supervisor: bool = False) -> StaffInfo:
    """Create an account with a password verifier, the windows and the items it may receive."""
    no = normalise_staff_no(staff_no)
    name = clean_name(no, name)
    badge = clean_badge(no, badge)
    wins = [expand_window(ctx.window_id, w) for w in windows]
    if not wins:
        raise StaffError(f"{no}: 请至少指定一个上岗窗口（--window）")
    gs = _clean_grants(grants)
    _check_grants(ctx, no, gs)
    try:
        passwords.check_strength(password)
    except passwords.WeakPassword as exc:
        raise StaffError(f"{no}: {exc}") from None
    verifier = passwords.hash_password(password)  # slow: outside the write transaction
    now = ctx.clock()
    with ctx.store.transaction() as s:
        if s.get(Staff, no) is not None:
            raise StaffError(f"工号 {no} 已存在")
        _check_badge_free(s, no, badge)
        subs = [normalise_staff_no(b) for b in substitutes]
        _check_substitutes(s, no, subs)
        row = Staff(staff_no=no, name=name, badge=badge, enabled=True, chief_rep=chief_rep,
                    supervisor=supervisor, password_hash=verifier, source="local", failed_count=0, created_at=now, updated_at=now)
        _set_windows(row, wins)
        _set_grants(row, gs)
        s.add(row)
        s.flush()
        _set_substitutes(row, subs)
        audit.append(s, actor, "staff.add", no, {"name": name, "badge": row.badge, "windows": wins, "grants": gs,
                                                 "chief_rep": chief_rep, "supervisor": supervisor,
                                                 "substitutes": subs}, at=now)
        s.flush()
        return _info(s, row)


def _check_grants(ctx: AppContext, no: str, grants: list[str]) -> None:
    unknown = unknown_grants(grants, ctx.catalogue)
    if unknown:
        raise StaffError(f"{no}: 以下授权在事项目录中找不到对应事项（应为 *、事项编码、事项分组或实施部门）："
                         + "、".join(unknown))


def _check_substitutes(s: Session, no: str, subs: list[str]) -> None:
    if no in subs:
        raise StaffError(f"{no}: 不能指定本人为自己的 B 角")
    for b in subs:
        row = s.get(Staff, b)
        if row is None:
            raise StaffError(f"{no}: B 角工号 {b} 不存在")
        if not row.enabled:  # a B who cannot log in cannot be in place (AB岗): no cover on paper only
            raise StaffError(f"{no}: B 角 {b} {row.name}的账号已停用，不能指定为 B 角")


def _end_sessions(s: Session, holders: Iterable[str], now: datetime) -> None:
    """End the open sessions of these people, and those of anyone standing in for them (代岗)."""
    nos = set(holders)
    if not nos:
        return
    for sess in s.execute(select(StaffSession).where(
            StaffSession.ended_at.is_(None),
            StaffSession.staff_no.in_(nos) | StaffSession.on_behalf_of_no.in_(nos))).scalars():
        sess.ended_at, sess.end_reason = now, "disabled" if sess.staff_no in nos else "holder_disabled"


def _end_dropped_substitutions(s: Session, holder_no: str, kept: Iterable[str], now: datetime) -> None:
    """A B no longer designated for ``holder_no`` stops standing in for them at once."""
    keep = set(kept)
    for sess in s.execute(select(StaffSession).where(StaffSession.ended_at.is_(None),
                                                     StaffSession.on_behalf_of_no == holder_no)).scalars():
        if sess.staff_no not in keep:
            sess.ended_at, sess.end_reason = now, "not_designated"


def set_password(ctx: AppContext, staff_no: str, password: str, actor: str = ADMIN) -> None:
    no = normalise_staff_no(staff_no)
    try:
        passwords.check_strength(password)
    except passwords.WeakPassword as exc:
        raise StaffError(f"{no}: {exc}") from None
    verifier = passwords.hash_password(password)
    now = ctx.clock()
    with ctx.store.transaction() as s:
        row = _get(s, no)
        row.password_hash, row.updated_at = verifier, now
        row.failed_count, row.locked_until = 0, None
        audit.append(s, actor, "staff.password", no, {}, at=now)


def set_enabled(ctx: AppContext, staff_no: str, enabled: bool, actor: str = ADMIN) -> None:
    """Disable (or re-enable) an account; a disabled person's open sessions end at once.

    Re-enabling is refused while another enabled person wears the same badge number."""
    no = normalise_staff_no(staff_no)
    now = ctx.clock()
    with ctx.store.transaction() as s:
        row = _get(s, no)
        if enabled and not row.enabled:
            _check_badge_free(s, no, (row.badge or "").strip())
        row.enabled, row.updated_at = enabled, now
        if not enabled:
            _end_sessions(s, [no], now)
        audit.append(s, actor, "staff.enable" if enabled else "staff.disable", no, {}, at=now)


def authorise(ctx: AppContext, staff_no: str, grants: Iterable[str], chief_rep: bool | None = None,
              actor: str = ADMIN, supervisor: bool | None = None) -> StaffInfo:
    """Replace the items/groups a person may receive (授权); optionally set the chief-representative flag."""
    no = normalise_staff_no(staff_no)
    gs = _clean_grants(grants)
    _check_grants(ctx, no, gs)
    now = ctx.clock()
    with ctx.store.transaction() as s:
        row = _get(s, no)
        before = [g.grant for g in row.grants]
        _set_grants(row, gs)
        if chief_rep is not None:
            row.chief_rep = chief_rep
        if supervisor is not None:
            row.supervisor = supervisor
        row.updated_at = now
        audit.append(s, actor, "staff.authorise", no, {"before": before, "grants": gs, "chief_rep": row.chief_rep,
                                                       "supervisor": row.supervisor}, at=now)
        s.flush()
        return _info(s, row)


def set_substitutes(ctx: AppContext, staff_no: str, substitutes: Iterable[str], actor: str = ADMIN) -> StaffInfo:
    """Designate who may stand in for ``staff_no`` (its B角), replacing the previous list."""
    no = normalise_staff_no(staff_no)
    subs = [normalise_staff_no(b) for b in substitutes]
    now = ctx.clock()
    with ctx.store.transaction() as s:
        row = _get(s, no)
        _check_substitutes(s, no, subs)
        before = [b.substitute_no for b in row.substitutes]
        row.substitutes = []
        s.flush()
        _set_substitutes(row, subs)
        _end_dropped_substitutions(s, no, subs, now)
        row.updated_at = now
        audit.append(s, actor, "staff.set_substitute", no, {"before": before, "substitutes": subs}, at=now)
        s.flush()
        return _info(s, row)


def set_windows(ctx: AppContext, staff_no: str, windows: Iterable[str], actor: str = ADMIN) -> StaffInfo:
    no = normalise_staff_no(staff_no)
    wins = [expand_window(ctx.window_id, w) for w in windows]
    if not wins:
        raise StaffError(f"{no}: 请至少指定一个上岗窗口")
    now = ctx.clock()
    with ctx.store.transaction() as s:
        row = _get(s, no)
        before = [w.window_id for w in row.windows]
        row.windows = []
        s.flush()
        _set_windows(row, wins)
        row.updated_at = now
        audit.append(s, actor, "staff.windows", no, {"before": before, "windows": wins}, at=now)
        s.flush()
        return _info(s, row)


def unlock_account(ctx: AppContext, staff_no: str, actor: str = ADMIN) -> bool:
    """Lift a lockout before its 15 minutes are up (and clear the count of wrong passwords);
    whether the account was locked."""
    no = normalise_staff_no(staff_no)
    now = ctx.clock()
    with ctx.store.transaction() as s:
        row = _get(s, no)
        was_locked = is_locked(row.locked_until, now)
        row.failed_count, row.locked_until, row.updated_at = 0, None, now
        audit.append(s, actor, "staff.unlock_account", no, {"was_locked": was_locked}, at=now)
    return was_locked


# -- the central roster ----------------------------------------------------------------------

class RosterInvalid(ValueError):
    """The roster was refused as a whole; ``errors`` names each entry and field."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


class RosterEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")  # a newer server may send more fields

    staff_no: str = Field(pattern=_STAFF_NO.pattern)
    name: str
    badge: str = ""
    enabled: bool = True
    chief_rep: bool = False
    supervisor: bool = False
    windows: list[str] = Field(default_factory=list)
    authorised: list[str] = Field(default_factory=list)
    substitutes: list[str] = Field(default_factory=list)
    password_hash: str | None = None

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, v: object) -> str:
        return clean_text(v, NAME_RULE)

    @field_validator("badge", mode="before")
    @classmethod
    def _badge(cls, v: object) -> str:
        return clean_text(v, BADGE_RULE)

    @field_validator("windows")
    @classmethod
    def _windows(cls, v: list[str]) -> list[str]:
        for w in v:
            if not _WINDOW.match(w):
                raise ValueError(f"窗口编码“{w}”无效（应为 11 位数字或以 * 结尾的范围）")
        return v

    @field_validator("password_hash")
    @classmethod
    def _verifier(cls, v: str | None) -> str | None:
        if v is not None and not passwords.is_verifier(v):
            raise ValueError("不是 argon2id 口令校验值（绝不接受明文密码）")
        return v


def _validate_roster(roster: list[dict[str, Any]]) -> list[RosterEntry]:
    errors: list[str] = []
    entries: list[RosterEntry] = []
    if not isinstance(roster, list):
        raise RosterInvalid(["roster: 应为人员列表"])
    for i, raw in enumerate(roster):
        try:
            entries.append(RosterEntry.model_validate(raw))
        except ValidationError as exc:
            for e in exc.errors():
                loc = ".".join(str(p) for p in e["loc"])
                errors.append(f"roster[{i}].{loc}: {e['msg'].removeprefix('Value error, ')}")
    seen: dict[str, int] = {}
    badges: dict[str, RosterEntry] = {}
    for i, entry in enumerate(entries):
        if entry.staff_no in seen:
            errors.append(f"roster[{i}].staff_no: 工号 {entry.staff_no} 重复（另见 roster[{seen[entry.staff_no]}]）")
        seen.setdefault(entry.staff_no, i)
        if entry.badge and entry.enabled:
            holder = badges.setdefault(entry.badge.casefold(), entry)
            if holder is not entry:
                errors.append(f"roster[{i}].badge: 工牌 {entry.badge} 已由 {holder.staff_no} {holder.name}使用")
    for i, entry in enumerate(entries):
        for j, b in enumerate(entry.substitutes):
            if b == entry.staff_no:
                errors.append(f"roster[{i}].substitutes[{j}]: 不能指定本人为自己的 B 角")
            elif b not in seen:
                errors.append(f"roster[{i}].substitutes[{j}]: 名册中没有工号 {b}")
    if errors:
        raise RosterInvalid(errors)
    return entries


def apply_roster(session: Session, roster: list[dict[str, Any]], version: str, now: datetime | None = None) -> None:
    """Make the local staff match the central roster, in the caller's transaction.

    ``roster`` is a list of dicts, one per staff member allowed at this window::

        {"staff_no": "1001",               # 工号, the key (1-32 letters/digits/_/-)
         "name": "张三",
         "badge": "PT-0301",               # 挂牌上岗 badge number
         "enabled": true,
         "chief_rep": false,               # 首席事务代表
         "supervisor": false,              # 督查: closes 差评 follow-ups (optional, false if absent)
         "windows": ["31010701003"],       # full window ids; "*" or "31010701*" patterns allowed
         "authorised": ["市场监管", "000131001000"],  # "*", item codes, item groups (or prefixes), departments
         "substitutes": ["1002"],          # this person's B角 (who may stand in for them); must be in the roster
         "password_hash": "$argon2id$..."} # optional; absent or null keeps the local verifier

    Unknown extra keys are ignored. Staff missing from the roster are disabled (never
    deleted: cases refer to them). A demo account whose number the roster reuses loses
    its published demo password. Lockout counters stay local. The whole roster is
    checked first; one bad entry raises :class:`RosterInvalid` and changes nothing.
    """
    entries = _validate_roster(roster)
    now = now or datetime.now()
    existing = {r.staff_no: r for r in session.execute(
        select(Staff).options(selectinload(Staff.windows), selectinload(Staff.grants),
                              selectinload(Staff.substitutes))).scalars()}
    added, changed = 0, 0
    for e in entries:
        row = existing.get(e.staff_no)
        if row is None:
            row = Staff(staff_no=e.staff_no, created_at=now, failed_count=0)
            session.add(row)
            existing[e.staff_no] = row
            added += 1
        else:
            changed += 1
            row.substitutes = []
        if row.source == "demo":
            row.password_hash = None  # never let a real person keep a published demo password
        row.name, row.badge, row.enabled, row.chief_rep = e.name, e.badge, e.enabled, e.chief_rep
        row.supervisor = e.supervisor
        row.source, row.updated_at = "roster", now
        if e.password_hash:
            row.password_hash = e.password_hash
        row.windows = []
        row.grants = []
        session.flush()
        _set_windows(row, e.windows)
        _set_grants(row, _clean_grants(e.authorised))
    session.flush()
    for e in entries:
        _set_substitutes(existing[e.staff_no], e.substitutes)
    listed = {e.staff_no for e in entries}
    disabled = []
    for no, row in existing.items():
        if no not in listed and row.enabled:
            row.enabled, row.updated_at = False, now
            disabled.append(no)
    # like ``set_enabled``: whoever the roster retires (absent, or sent with enabled false) stops working at
    # once, and so does anyone standing in for them; a B the roster no longer designates stops standing in
    _end_sessions(s=session, holders=[no for no, row in existing.items() if not row.enabled], now=now)
    for e in entries:
        _end_dropped_substitutions(session, e.staff_no, e.substitutes, now)
    state = session.get(RosterState, 1) or RosterState(id=1, demo_seeded=False)
    state.version, state.applied_at = str(version), now
    session.add(state)
    session.flush()
    audit.append(session, ROSTER_ACTOR, "staff.roster", str(version),
                 {"added": added, "updated": changed, "disabled": disabled, "count": len(entries)}, at=now)


def export_roster(session: Session) -> list[dict[str, Any]]:
    """Every local staff member in the :func:`apply_roster` shape (disabled ones with ``enabled: false``)."""
    rows = session.execute(select(Staff).options(selectinload(Staff.windows), selectinload(Staff.grants),
                                                 selectinload(Staff.substitutes)).order_by(Staff.staff_no)).scalars()
    return [{
        "staff_no": r.staff_no, "name": r.name, "badge": r.badge, "enabled": r.enabled, "chief_rep": r.chief_rep,
        "supervisor": r.supervisor, "windows": [w.window_id for w in r.windows], "authorised": [g.grant for g in r.grants],
        "substitutes": [b.substitute_no for b in r.substitutes], "password_hash": r.password_hash,
    } for r in rows]


def roster_version(session: Session) -> str | None:
    state = session.get(RosterState, 1)
    return state.version if state else None

