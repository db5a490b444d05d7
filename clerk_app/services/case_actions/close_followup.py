"""A supervisor closes a 差评's follow-up with what was done (整改/回访); no status move.

The closure is a case note of kind ``rating_followup_closed`` whose detail names the rating's note
id and the action taken (``domain.ratings.closure_detail``). Only a supervisor (``Clerk.supervisor``,
the person's own role: a substitute does not inherit it) may close one, and only an open one.
"""

from __future__ import annotations

from clerk_app.domain.people import Clerk
from clerk_app.domain.ratings import FOLLOWUP_CLOSED_KIND, MAX_FOLLOWUP_ACTION, SERVICE_LABELS, closure_detail
from clerk_app.protocol.records import CaseRecord, NoteRecord
from clerk_app.services.case_actions import ActionInput, ActionRefused, CaseAction, Choice
from clerk_app.services.case_actions.note import write_note
from clerk_app.services.cases import CaseNotFound, _load, normalise_number
from clerk_app.services.context import AppContext
from clerk_app.services.ratings import case_followups, followups_in

NOT_SUPERVISOR = "只有督查人员可以办结差评整改"


def open_on_case(ctx: AppContext, case: CaseRecord) -> list[Choice]:
    """The case's open follow-ups as (rating note id, label) choices."""
    return [(f.rating_id, f"{SERVICE_LABELS[f.service]}服务 {f.level_label}（{f.served_by}，"
                          f"{'已逾期，' if f.overdue else ''}整改期限 {f.due.isoformat()}）"
                          + (f"　问题：{'、'.join(f.problems)}" if f.problems else "")
                          + (f"　意见：{f.comment[:40]}" if f.comment else ""))
            for f in case_followups(ctx, case.case_no)]


def _first(ctx: AppContext, case: CaseRecord) -> str | None:
    found = open_on_case(ctx, case)
    return found[0][0] if found else None


def _rule(ctx: AppContext, case: CaseRecord, clerk: Clerk) -> str | None:
    if not open_on_case(ctx, case):
        return "该办件没有待整改的差评"
    return None if clerk.supervisor else NOT_SUPERVISOR


def close_followup(ctx: AppContext, case_no: str, clerk: Clerk, rating_id: str, action: str) -> NoteRecord:
    """Close the open follow-up of rating ``rating_id`` on the case, recording ``action`` (what was done)."""
    if not clerk.supervisor:
        raise ActionRefused(NOT_SUPERVISOR)
    text = (action or "").strip()
    if len(text) < 4:
        raise ActionRefused("请填写整改情况（至少4个字）")
    if len(text) > MAX_FOLLOWUP_ACTION:
        raise ActionRefused(f"整改情况不能超过{MAX_FOLLOWUP_ACTION}字（现为{len(text)}字）")
    text = ACTION.clean("action", text)
    now = ctx.clock()
    with ctx.store.transaction() as s:
        case = _load(s, normalise_number(case_no))
        if case is None:
            raise CaseNotFound(case_no)
        if rating_id not in {f.rating_id for f in followups_in(s, now.date(), case.id)}:
            raise ActionRefused("该差评不在本办件的待整改列表中（可能已办结）")
        return write_note(s, case, clerk, text, FOLLOWUP_CLOSED_KIND, closure_detail(rating_id, text), now)


ACTION = CaseAction(
    "close_followup", "办结差评整改", frozenset(),
    (ActionInput("rating_id", "差评", "choice", required=True, choices=open_on_case, default=_first),
     ActionInput("action", "整改情况", "long_text", required=True, max_length=MAX_FOLLOWUP_ACTION,
                 hint="写明回访与整改的情况")),
    close_followup, rule=_rule, moves_status=False)
