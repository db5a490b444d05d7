"""Record something on a case that is not a status move (a note; the home of ratings and enquiries).

A later action that records without moving the status calls :func:`add_note` with its own
``kind`` and ``detail`` instead of going through ``apply_transition``; one that must check
something in the same transaction first (a 好差评 rating: one per service) loads the case
itself and calls :func:`write_note`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import NoteRecord
from clerk_app.services.case_actions import ActionInput, ActionRefused, CaseAction
from clerk_app.services.cases import CaseNotFound, _load, normalise_number
from clerk_app.services.context import AppContext
from clerk_app.store import audit, outbox
from clerk_app.store.models import Case, CaseNote


def add_note(ctx: AppContext, case_no: str, clerk: Clerk, text: str, kind: str = "note",
             detail: dict[str, Any] | None = None) -> NoteRecord:
    """Append a note of ``kind`` to the case: stored, audited and replicated in one transaction.

    ``text`` is held to the note's text rule (no control or invisible characters; see ``clean_input``).
    """
    text = ACTION.clean("text", text)
    if not text and not detail:
        raise ActionRefused("请填写要记录的内容")
    now = ctx.clock()
    with ctx.store.transaction() as s:
        case = _load(s, normalise_number(case_no))
        if case is None:
            raise CaseNotFound(case_no)
        return write_note(s, case, clerk, text, kind, detail, now)


def write_note(s: Session, case: Case, clerk: Clerk, text: str, kind: str, detail: dict[str, Any] | None,
               now: datetime) -> NoteRecord:
    """The note row, its audit entry and its outbox entry, in the caller's transaction."""
    row = CaseNote(case_id=case.id, at=now, kind=kind, actor=clerk.display, text=text, detail=detail or {})
    s.add(row)
    s.flush()
    record = NoteRecord(id=row.id, case_id=case.id, case_no=case.case_no, at=now, kind=kind,
                        actor=row.actor, text=text, detail=row.detail)
    audit.append(s, clerk.display, f"case.{kind}", case.case_no, {"text": text, **(detail or {})}, at=now)
    outbox.enqueue(s, "case_note", row.id, record.to_json())
    return record


ACTION = CaseAction("note", "记录备注", frozenset(),
                    (ActionInput("text", "备注内容", "long_text", required=True, max_length=500),),
                    add_note, moves_status=False, shortcut="Alt+Z")
