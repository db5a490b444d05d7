"""Intake wizards in progress: saved at every page change, resumed or discarded later.

A draft is never a case: it does not appear in any list of cases or notices and does not
replicate. Each function is one transaction. ``services.intake.submit`` deletes the draft
in the same transaction that creates the case, so a finished intake leaves no draft.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from itertools import product
from typing import Any

from sqlalchemy import select

from clerk_app.domain.checklist import ChecklistError, Selection, build_checklist
from clerk_app.domain.decision import MaterialStatus, Provided, Verdict
from clerk_app.domain.identity import mask_id
from clerk_app.domain.people import Clerk, Party
from clerk_app.intake.draft import IntakeDraft
from clerk_app.intake.flow import entry, needed_questions
from clerk_app.protocol.records import NoticeRecord, PartySnapshot
from clerk_app.services.context import AppContext
from clerk_app.store import audit
from clerk_app.store.models import Draft

log = logging.getLogger(__name__)


class DraftUnreadable(ValueError):
    """A stored draft cannot be turned back into an intake (e.g. written by another version)."""


@dataclass(frozen=True)
class DraftInfo:
    id: str
    updated_at: datetime
    summary: str


def summary(ctx: AppContext, draft: IntakeDraft) -> str:
    """One line for the resume list: items (or theme), applicant name and masked ID."""
    cat = ctx.catalogue
    if draft.theme_id and draft.theme_id in cat.themes:
        what = f"一件事：{cat.themes[draft.theme_id].name}"
    else:
        names = [cat.items[s.code].name for s in draft.selections if s.code in cat.items]
        what = "、".join(names[:2]) + (f" 等{len(names)}项" if len(names) > 2 else "") if names else "（未选事项）"
    who = ""
    if draft.applicant and draft.applicant.name.strip():
        who = f" · {draft.applicant.name.strip()}"
        if draft.applicant.id_number.strip():
            who += f"（{mask_id(draft.applicant.id_number)}）"
    return (what + who)[:300]


def save(ctx: AppContext, clerk: Clerk, draft: IntakeDraft) -> str:
    """Insert or update the draft; sets and returns ``draft.draft_id``."""
    now = ctx.clock()
    with ctx.store.transaction() as s:
        row = s.get(Draft, draft.draft_id) if draft.draft_id else None
        if row is None:
            row = Draft(clerk_id=clerk.id, updated_at=now, summary="", data={})
            if draft.draft_id:
                row.id = draft.draft_id
            s.add(row)
        row.updated_at = now
        row.summary = summary(ctx, draft)
        row.data = draft.to_dict()
        s.flush()
        draft.draft_id = row.id
    return draft.draft_id


def list_drafts(ctx: AppContext, clerk_id: str) -> list[DraftInfo]:
    """This clerk's unfinished intakes, newest first."""
    with ctx.store.read() as s:
        rows = s.execute(select(Draft).where(Draft.clerk_id == clerk_id).order_by(Draft.updated_at.desc())).scalars()
        return [DraftInfo(r.id, r.updated_at, r.summary) for r in rows]


def load(ctx: AppContext, draft_id: str) -> IntakeDraft | None:
    """The stored draft (None if it is gone); raises :class:`DraftUnreadable` if it is damaged."""
    with ctx.store.read() as s:
        row = s.get(Draft, draft_id)
        if row is None:
            return None
        data: Any = row.data
    try:
        draft = IntakeDraft.from_dict(data)
    except (KeyError, ValueError, TypeError, AttributeError, IndexError) as exc:
        log.warning("draft %s unreadable: %s", draft_id, type(exc).__name__)
        raise DraftUnreadable("这份未完成的收件无法恢复（数据不完整或来自其他版本），只能放弃") from exc
    draft.draft_id = draft_id
    return draft


def discard(ctx: AppContext, draft_id: str, clerk: Clerk) -> bool:
    """Delete a draft; audited, since the clerk drops an applicant's half-done intake."""
    with ctx.store.transaction() as s:
        row = s.get(Draft, draft_id)
        if row is None:
            return False
        audit.append(s, clerk.display, "draft.discard", draft_id, {"summary": row.summary}, at=ctx.clock())
        s.delete(row)
    return True


def _party(p: PartySnapshot | None) -> Party | None:
    return Party.from_dict(p.to_json()) if p else None


def draft_from_notice(ctx: AppContext, notice: NoticeRecord) -> IntakeDraft:
    """A new intake that follows up a one-time notice: same items, situations, answers and people,
    and the materials the clerk already found in order (verdict ``ok``) kept as they were recorded.

    The notice does not carry the answers themselves: they are the ones that give each item the
    checklist the notice listed (an answer no checklist line tells apart is asked again).
    """
    cat = ctx.catalogue
    sels: list[Selection] = []
    answers: dict[str, dict[str, str]] = {}
    applicant, agent = _party(notice.applicant), _party(notice.agent)
    for it in notice.items:
        if it.code not in cat.items:
            continue  # the item left the catalogue since; the clerk picks again
        item = cat.items[it.code]
        sit = it.situation
        if sit and sit in {x.id for x in item.situations}:
            answers[it.code] = {**dict(item.situation(sit).when),
                                **_answers_behind(cat, it.code, sit, notice, applicant, agent is not None)}
        else:
            sit = ""
        sels.append(Selection(it.code, sit))
    theme = notice.theme_id
    draft = IntakeDraft(
        theme_id=theme if theme in cat.themes else None,
        selections=sels,
        answers=answers,
        applicant=applicant,
        agent=agent,
        notice_no=notice.notice_no,
    )
    draft.provided = _verified_materials(cat, draft, notice)
    return draft


_MAX_COMBINATIONS = 256


def _answers_behind(cat, code: str, situation: str, notice: NoticeRecord, applicant: Party | None,
                    has_agent: bool) -> dict[str, str]:
    """The answers to the situation's questions that reproduce the notice's lines for this item."""
    item = cat.items[code]
    questions = needed_questions(item, item.situation(situation))
    fixed = item.situation(situation).when
    questions = [q for q in questions if q.id not in fixed]
    if not questions or not notice.materials:
        return {}
    combos = list(product(*[[o.value for o in q.options] for q in questions]))
    if len(combos) > _MAX_COMBINATIONS:
        return {}
    kind = applicant.kind if applicant else "person"
    id_type = applicant.id_type if applicant else None
    seen = {m.key for m in notice.materials if not m.items or code in m.items}
    fits: list[dict[str, str]] = []
    for combo in combos:
        ans = {**fixed, **{q.id: v for q, v in zip(questions, combo, strict=True)}}
        try:
            lines = build_checklist(cat, [Selection(code, situation)], kind, has_agent, {code: ans}, id_type)
        except ChecklistError:
            continue
        if {ln.key for ln in lines} == seen:
            fits.append(ans)
    if not fits:
        return {}
    return {q.id: fits[0][q.id] for q in questions if len({f[q.id] for f in fits}) == 1}


def _verified_materials(cat, draft: IntakeDraft, notice: NoticeRecord) -> dict[str, Provided]:
    """The notice's lines found in order, for the lines the follow-up's checklist still has."""
    kind = draft.applicant.kind if draft.applicant else "person"
    id_type = draft.applicant.id_type if draft.applicant else None
    try:
        lines = {ln.key: ln for ln in build_checklist(cat, draft.selections, kind, draft.agent is not None,
                                                      draft.answers, id_type)}
    except ChecklistError:
        return {}
    out: dict[str, Provided] = {}
    for m in notice.materials:
        line = lines.get(m.key)
        if line is None or m.verdict != Verdict.OK.value:
            continue
        try:
            status = MaterialStatus(m.status)
        except ValueError:
            continue
        if m.choice is not None and m.choice not in line.material_ids:
            continue
        if m.originals is not None:  # the pieces kept apart: originals (returned or not) and copies
            out[m.key] = entry(line, status, m.choice, m.copies_received, m.originals, m.originals_returned)
        else:  # a line stored before they were: its one count
            out[m.key] = entry(line, status, m.choice, m.copies)
    return out
