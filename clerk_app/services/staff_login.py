"""Login, logout, idle unlock and the AB-role substitute login (代岗) at this window.

Every login works offline: it checks the argon2id verifier kept in the local store
(from the central roster, or set with ``clerk staff add``/``passwd``). The slow hash runs
outside the write transaction; the outcome (session, counters, audit entry) is one
transaction, committed even when the login is refused, so failed attempts are counted
and audited. The typed password never reaches the audit log, the outbox or the logs;
for an unknown staff number only its length is recorded (it may be a password typed
into the wrong box).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from clerk_app.auth import lockout, passwords, secrets
from clerk_app.auth.authorisation import resolve_grants, window_allowed
from clerk_app.auth.secrets import backend_status as backend_status  # for the login screen and commands
from clerk_app.domain.people import Clerk
from clerk_app.services import offline_limits
from clerk_app.services.context import AppContext
from clerk_app.services.staff_handover import HandoverSummary, handover_summary
from clerk_app.store import audit, outbox
from clerk_app.store.staff_models import Staff, StaffSession, StaffSubstitute

log = logging.getLogger(__name__)
_STAFF_NO = re.compile(r"^[0-9A-Za-z_-]{1,32}$")
BAD_CREDENTIALS = "工号或密码不正确。连续输错 5 次将锁定 15 分钟。"


class LoginRefused(Exception):
    """The login (or unlock) is refused; ``str()`` is the message for the clerk, ``reason`` a code."""

    def __init__(self, reason: str, message: str):
        self.reason = reason
        super().__init__(message)


@dataclass(frozen=True)
class LoginResult:
    clerk: Clerk
    session_id: str
    handover: HandoverSummary | None = None  # set when A returns and someone worked in A's place
    notes: list[str] = field(default_factory=list)  # things the clerk must know at once (e.g. no grants)


# -- helpers ---------------------------------------------------------------------------------

def _iso(d: datetime | None) -> str | None:
    return d.isoformat(timespec="seconds") if d else None


def _staff(s: Session, staff_no: str) -> Staff | None:
    if not _STAFF_NO.match(staff_no):
        return None
    return s.execute(select(Staff).where(Staff.staff_no == staff_no).options(
        selectinload(Staff.windows), selectinload(Staff.grants), selectinload(Staff.substitutes))).scalar_one_or_none()


def _label(row: Staff) -> str:
    return f"{row.name}（工号{row.staff_no}）"


def make_clerk(ctx: AppContext, person: Staff, holder: Staff | None = None) -> Clerk:
    """The acting clerk: a substitute carries A's authorisations; chief-rep powers need both A and B to hold them."""
    post = holder or person
    items = resolve_grants([g.grant for g in post.grants], ctx.catalogue)
    return Clerk(
        id=person.staff_no, name=person.name, badge=person.badge,
        on_behalf_of_id=holder.staff_no if holder else None, on_behalf_of_name=holder.name if holder else None,
        authorised_items=items, chief_rep=post.chief_rep and person.chief_rep, supervisor=bool(person.supervisor),
    )


def _session_dict(x: StaffSession) -> dict[str, Any]:
    return {"id": x.id, "staff_no": x.staff_no, "on_behalf_of_no": x.on_behalf_of_no, "window_id": x.window_id,
            "started_at": x.started_at, "ended_at": x.ended_at, "end_reason": x.end_reason}


def _end(s: Session, x: StaffSession, now: datetime, reason: str) -> None:
    x.ended_at, x.end_reason = now, reason
    s.flush()
    outbox.enqueue(s, "staff_session", x.id, _session_dict(x))


def _record_failure(s: Session, row: Staff, now: datetime, actor: str, action: str, detail: dict[str, Any]) -> str:
    """Count a wrong password; returns the message (the lockout one when this failure locks)."""
    after = lockout.after_failure(row.failed_count, now)
    row.failed_count, row.locked_until = after.failed_count, after.locked_until
    audit.append(s, actor, action, row.staff_no, {**detail, "reason": "bad_password"}, at=now)
    if after.locked_until is not None:
        audit.append(s, actor, "staff.locked", row.staff_no, {"until": after.locked_until}, at=now)
        return lockout.locked_message(after.locked_until)
    return BAD_CREDENTIALS


# -- login -----------------------------------------------------------------------------------

def login(ctx: AppContext, staff_no: str, password: str, on_behalf_of: str | None = None) -> LoginResult:
    """Log ``staff_no`` in at this window, optionally as substitute (B) for ``on_behalf_of`` (A).

    Raises :class:`LoginRefused` with a Chinese message; every attempt is audited.
    """
    no = (staff_no or "").strip()
    holder_no = (on_behalf_of or "").strip() or None
    if not password:  # nothing typed (or nothing on standard input) is no attempt: never counted
        raise LoginRefused("no_password", "请输入密码")
    now = ctx.clock()
    with ctx.store.read() as s:
        row = _staff(s, no)
        verifier = row.password_hash if row else None
        locked = row is not None and lockout.is_locked(row.locked_until, now)
    if row is None or not verifier:
        passwords.burn_time(password or "")
        ok = False
    elif locked:
        ok = False
    else:
        ok = passwords.verify(verifier, password or "")
    new_verifier = passwords.hash_password(password) if ok and passwords.needs_rehash(verifier or "") else None

    with ctx.store.transaction() as s:
        outcome = _record_login(ctx, s, no, ok, new_verifier, holder_no, now)
    if isinstance(outcome, LoginRefused):
        log.info("login refused at window %s: %s", ctx.window_id, outcome.reason)
        raise outcome
    log.info("login at window %s (substitute: %s)", ctx.window_id, bool(holder_no))
    return outcome


def _record_login(ctx: AppContext, s: Session, no: str, ok: bool, new_verifier: str | None,
                  holder_no: str | None, now: datetime) -> LoginResult | LoginRefused:
    row = _staff(s, no)
    detail: dict[str, Any] = {"window": ctx.window_id, "on_behalf_of": holder_no}
    if row is None:
        audit.append(s, "未知工号", "staff.login_failed", "",
                     {**detail, "reason": "unknown_staff", "typed_length": len(no)}, at=now)
        return LoginRefused("bad_credentials", BAD_CREDENTIALS)
    actor = _label(row)
    if not row.password_hash:
        audit.append(s, actor, "staff.login_refused", no, {**detail, "reason": "no_verifier"}, at=now)
        return LoginRefused("no_verifier", "本窗口还没有您的登录凭据：请在联网后同步人员名册，或请管理员为您设置密码。")
    if lockout.is_locked(row.locked_until, now):
        audit.append(s, actor, "staff.login_refused", no, {**detail, "reason": "locked", "until": row.locked_until},
                     at=now)
        return LoginRefused("locked", lockout.locked_message(row.locked_until))  # type: ignore[arg-type]
    if not ok:
        msg = _record_failure(s, row, now, actor, "staff.login_failed", detail)
        return LoginRefused("locked" if row.locked_until else "bad_credentials", msg)
    row.failed_count, row.locked_until = 0, None
    if new_verifier:
        row.password_hash = new_verifier
    if not row.enabled:
        audit.append(s, actor, "staff.login_refused", no, {**detail, "reason": "disabled"}, at=now)
        return LoginRefused("disabled", "您的账号已停用，请联系管理员。")
    offline = offline_limits.offline_state(ctx, s)
    if offline.roster_stale:
        if no not in ctx.settings.offline.break_glass:
            audit.append(s, actor, "staff.login_refused", no, {**detail, "reason": "roster_stale",
                         "roster_confirmed": _iso(offline.roster_confirmed)}, at=now)
            return LoginRefused("roster_stale", offline_limits.roster_stale_message(ctx, offline.roster_confirmed))
        audit.append(s, actor, "staff.login_break_glass", no, {**detail, "roster_confirmed": _iso(offline.roster_confirmed)},
                     at=now)
        log.warning("break-glass login at window %s: the roster is stale", ctx.window_id)

    holder: Staff | None = None
    if holder_no:
        holder = _staff(s, holder_no)
        refusal = _check_substitution(ctx, s, row, holder, holder_no, now, detail)
        if refusal:
            return refusal
    elif not window_allowed([w.window_id for w in row.windows], ctx.window_id):
        audit.append(s, actor, "staff.login_refused", no, {**detail, "reason": "wrong_window"}, at=now)
        return LoginRefused("wrong_window", f"您未被安排在本窗口（{ctx.settings.window.name}，编码 {ctx.window_id}）上岗。"
                            "如为他人顶岗，请勾选“代岗”并选择被代岗人。")

    clerk = make_clerk(ctx, row, holder)
    ended = _close_sessions(s, ctx.window_id, row.staff_no, now)
    sess = StaffSession(staff_no=row.staff_no, on_behalf_of_no=holder.staff_no if holder else None,
                        window_id=ctx.window_id, started_at=now)
    s.add(sess)
    s.flush()
    outbox.enqueue(s, "staff_session", sess.id, _session_dict(sess))
    audit.append(s, clerk.display, "staff.login", no,
                 {**detail, "session": sess.id, "ended_sessions": ended, "rehashed": bool(new_verifier)}, at=now)

    notes: list[str] = []
    if clerk.authorised_items is not None and not clerk.authorised_items:
        notes.append("您尚未获得任何事项的收件授权，请联系管理员。")
    summary = None
    if holder is None:
        summary = handover_summary(s, row.staff_no, row.handover_seen_until, now)
        summary = None if summary.is_empty else summary
    return LoginResult(clerk, sess.id, summary, notes)


def _check_substitution(ctx: AppContext, s: Session, row: Staff, holder: Staff | None, holder_no: str,
                        now: datetime, detail: dict[str, Any]) -> LoginRefused | None:
    actor = _label(row)
    if holder is None or not holder.enabled:
        audit.append(s, actor, "staff.substitute_refused", holder_no, {**detail, "reason": "no_such_holder"}, at=now)
        return LoginRefused("not_substitute", f"没有可代岗的人员（工号 {holder_no}），或其账号已停用。")
    if holder.staff_no == row.staff_no:
        audit.append(s, actor, "staff.substitute_refused", holder_no, {**detail, "reason": "self"}, at=now)
        return LoginRefused("not_substitute", "不能为自己代岗，请取消“代岗”后登录。")
    if row.staff_no not in {b.substitute_no for b in holder.substitutes}:
        audit.append(s, actor, "staff.substitute_refused", holder_no, {**detail, "reason": "not_designated"},
                     at=now)
        return LoginRefused("not_substitute",
                            f"您不是{_label(holder)}指定的 B 角，不能代其上岗。此次尝试已记录。")
    if not window_allowed([w.window_id for w in holder.windows], ctx.window_id):
        audit.append(s, actor, "staff.substitute_refused", holder_no, {**detail, "reason": "wrong_window"}, at=now)
        return LoginRefused("wrong_window", f"{_label(holder)}不在本窗口上岗，代岗须在其窗口登录。")
    return None


def standing_refusal_in(s: Session, clerk: Clerk) -> str | None:
    """Why ``clerk``, logged in earlier, may no longer act (None: they may).

    The account must still be enabled; a substitute's A must still be enabled (present in the
    roster) and must still designate this B. The rule binds staff of this store only: a clerk
    with no staff row (the local clerk) is not a staff login.
    """
    row = s.get(Staff, clerk.id)
    if row is None:
        return None
    if not row.enabled:
        return "您的账号已停用，不能继续办理，请换人登录。"
    if not clerk.on_behalf_of_id:
        return None
    holder = s.execute(select(Staff).where(Staff.staff_no == clerk.on_behalf_of_id)
                       .options(selectinload(Staff.substitutes))).scalar_one_or_none()
    if holder is None or not holder.enabled:
        who = _label(holder) if holder else f"工号 {clerk.on_behalf_of_id}"
        return f"被代岗人{who}的账号已停用或已不在人员名册中，代岗已结束，请重新登录。"
    if clerk.id not in {b.substitute_no for b in holder.substitutes}:
        return f"您已不再是{_label(holder)}指定的 B 角，代岗已结束，请重新登录。"
    return None


def standing_refusal(ctx: AppContext, clerk: Clerk) -> str | None:
    """Why ``clerk`` may no longer act at the window (None: they may); see :func:`standing_refusal_in`."""
    with ctx.store.read() as s:
        return standing_refusal_in(s, clerk)


def _close_sessions(s: Session, window_id: str, staff_no: str, now: datetime) -> list[str]:
    """One person at a window, one window per person: end whatever the new login replaces."""
    open_ = s.execute(select(StaffSession).where(
        StaffSession.ended_at.is_(None),
        (StaffSession.window_id == window_id) | (StaffSession.staff_no == staff_no))).scalars().all()
    for x in open_:
        _end(s, x, now, "superseded")
    return [x.id for x in open_]


def substitutable_for(ctx: AppContext, staff_no: str) -> list[tuple[str, str]]:
    """(staff no, label) of the people ``staff_no`` may stand in for at this window (the 代岗 choice)."""
    no = (staff_no or "").strip()
    if not _STAFF_NO.match(no):
        return []
    with ctx.store.read() as s:
        holders = s.execute(select(Staff).join(StaffSubstitute, StaffSubstitute.holder_no == Staff.staff_no)
                            .where(StaffSubstitute.substitute_no == no, Staff.enabled.is_(True))
                            .options(selectinload(Staff.windows)).order_by(Staff.staff_no)).scalars().all()
        return [(h.staff_no, _label(h)) for h in holders
                if window_allowed([w.window_id for w in h.windows], ctx.window_id)]


def acknowledge_handover(ctx: AppContext, clerk: Clerk, summary: HandoverSummary) -> None:
    """A has read the summary and takes the post back: later summaries start after it."""
    with ctx.store.transaction() as s:
        row = s.get(Staff, summary.holder_no)
        if row is None:
            return
        row.handover_seen_until = summary.until
        audit.append(s, clerk.display, "staff.handover", summary.holder_no, {
            "since": summary.since, "until": summary.until, "substitutes": [x.staff_no for x in summary.shifts],
            "cases": [c["case_no"] for c in summary.cases], "notices": [n["notice_no"] for n in summary.notices],
            "handouts": [h["case_no"] for h in summary.handouts],
        }, at=ctx.clock())


# -- idle lock, logout -----------------------------------------------------------------------

def note_idle_lock(ctx: AppContext, clerk: Clerk) -> None:
    with ctx.store.transaction() as s:
        audit.append(s, clerk.display, "staff.idle_lock", clerk.id, {"window": ctx.window_id}, at=ctx.clock())


def unlock(ctx: AppContext, clerk: Clerk, password: str) -> None:
    """Unlock the idle-locked screen: the password of the person who logged in (B when substituting)."""
    now = ctx.clock()
    with ctx.store.read() as s:
        row = _staff(s, clerk.id)
        locked = row is not None and lockout.is_locked(row.locked_until, now)
        verifier = row.password_hash if row else None
    ok = bool(row and verifier and not locked and passwords.verify(verifier, password or ""))
    with ctx.store.transaction() as s:
        row = _staff(s, clerk.id)
        refusal = None
        standing = standing_refusal_in(s, clerk) if row is not None and row.enabled else None
        if row is None or not row.enabled:
            refusal = LoginRefused("disabled", "您的账号已停用或不存在，请换人登录。")
            audit.append(s, clerk.display, "staff.unlock_failed", clerk.id, {"reason": "disabled"}, at=now)
        elif lockout.is_locked(row.locked_until, now):
            refusal = LoginRefused("locked", lockout.locked_message(row.locked_until))  # type: ignore[arg-type]
            audit.append(s, clerk.display, "staff.unlock_failed", clerk.id, {"reason": "locked"}, at=now)
        elif not ok:
            msg = _record_failure(s, row, now, clerk.display, "staff.unlock_failed", {"window": ctx.window_id})
            refusal = LoginRefused("locked" if row.locked_until else "bad_credentials",
                                   msg if row.locked_until else "密码不正确。连续输错 5 次将锁定 15 分钟。")
        elif standing:  # A left the roster, or no longer designates this B, while the screen was locked
            row.failed_count, row.locked_until = 0, None
            refusal = LoginRefused("not_substitute", standing)
            audit.append(s, clerk.display, "staff.unlock_failed", clerk.id,
                         {"reason": "substitution_ended", "on_behalf_of": clerk.on_behalf_of_id}, at=now)
        else:
            row.failed_count, row.locked_until = 0, None
            audit.append(s, clerk.display, "staff.unlock", clerk.id, {"window": ctx.window_id}, at=now)
    if refusal:
        raise refusal


def logout(ctx: AppContext, clerk: Clerk, reason: str = "logout") -> None:
    """End the clerk's session at this window. Cases and drafts are untouched (they are already saved)."""
    now = ctx.clock()
    with ctx.store.transaction() as s:
        open_ = s.execute(select(StaffSession).where(
            StaffSession.ended_at.is_(None), StaffSession.window_id == ctx.window_id,
            StaffSession.staff_no == clerk.id)).scalars().all()
        for x in open_:
            _end(s, x, now, reason)
        audit.append(s, clerk.display, "staff.logout", clerk.id,
                     {"window": ctx.window_id, "reason": reason, "sessions": [x.id for x in open_]}, at=now)


@dataclass(frozen=True)
class OpenSession:
    id: str
    staff_no: str
    name: str
    on_behalf_of_no: str | None
    on_behalf_of_name: str | None
    window_id: str
    started_at: datetime

    @property
    def display(self) -> str:
        return f"{self.name}（代{self.on_behalf_of_name}）" if self.on_behalf_of_name else self.name


def open_sessions(ctx: AppContext) -> list[OpenSession]:
    """Everyone logged in now, at any window this store knows of."""
    with ctx.store.read() as s:
        names = {r.staff_no: r.name for r in s.execute(select(Staff)).scalars()}
        rows = s.execute(select(StaffSession).where(StaffSession.ended_at.is_(None))
                         .order_by(StaffSession.started_at)).scalars().all()
        return [OpenSession(x.id, x.staff_no, names.get(x.staff_no, x.staff_no), x.on_behalf_of_no,
                            names.get(x.on_behalf_of_no) if x.on_behalf_of_no else None, x.window_id,
                            x.started_at) for x in rows]


def demo_accounts_active(ctx: AppContext) -> bool:
    """Whether demo accounts (published passwords) can still log in here."""
    with ctx.store.read() as s:
        return s.execute(select(Staff.staff_no).where(Staff.source == "demo", Staff.enabled.is_(True))
                         .limit(1)).first() is not None


# -- remember my staff number ----------------------------------------------------------------

def remembered_staff_no() -> str | None:
    try:
        return secrets.get_secret(secrets.REMEMBERED_STAFF_NO)
    except OSError as exc:  # an unreadable secrets folder must not stop a login
        log.warning("cannot read the remembered staff number: %s", exc)
        return None


def remember_staff_no(staff_no: str | None) -> None:
    """Remember ``staff_no`` for the next login, or forget it (None)."""
    try:
        if staff_no:
            secrets.set_secret(secrets.REMEMBERED_STAFF_NO, staff_no)
        else:
            secrets.delete_secret(secrets.REMEMBERED_STAFF_NO)
    except OSError as exc:
        log.warning("cannot save the remembered staff number: %s", exc)
