"""Record materials brought later: tolerated-gap materials (容缺), or a back office's 补正 request.

The clerk ticks what arrived, each with its form (原件/复印件) and count. When the last
tolerated material arrives the case becomes fully accepted; a 补正 ends (its days are not
counted, the clock runs again from tomorrow: ``services.clock``) and the case goes back to
the back office for review. The 补正/补齐材料收件凭证 prints from what is recorded here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from clerk_app.domain.case import STATUS_LABELS, CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.domain.text import TextRule
from clerk_app.protocol.records import (
    CaseMaterialChange,
    CaseRecord,
    ClerkSnapshot,
    MaterialLine,
    ReceivedPiece,
)
from clerk_app.services import clock
from clerk_app.services.case_actions import ActionInput, ActionRefused, CaseAction, clean_input
from clerk_app.services.cases import CaseNotFound, _load, apply_transition, normalise_number
from clerk_app.services.context import AppContext
from clerk_app.services.records import case_record, clerk_snapshot
from clerk_app.store import audit, outbox

STATUSES = frozenset({CaseStatus.ACCEPTED_TOLERATED, CaseStatus.SUPPLEMENT_REQUESTED})
MISSING = "missing:"  # key of the n-th entry of the back office's 补正 list
FORMS = {"original": "原件", "copy": "复印件"}
MATERIAL_KEY = TextRule("补交的材料", 200)  # a key of the case's material lines or of the 补正 list
_FORM_WORDS = {"original": "original", "原件": "original", "copy": "copy", "复印件": "copy"}


def default_piece(line: MaterialLine | None) -> tuple[str, int]:
    """The form and count a ticked material is taken as unless the clerk says otherwise: as asked."""
    if line is None:
        return "original", 1
    return ("copy" if line.form == "copy" else "original"), max(1, line.copies or 1)


def parse_forms(text: str) -> dict[str, tuple[str, int]]:
    """``key=copy:2；key2=原件:1`` (the CLI's and the form's way to give form and count per material)."""
    out: dict[str, tuple[str, int]] = {}
    for part in re.split(r"[;；,，\n]+", text or ""):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"(?P<key>[^=]+)=(?P<form>[^:：×x]+)(?:[:：×x](?P<count>\d{1,2}))?", part)
        if m is None or m.group("form").strip() not in _FORM_WORDS:
            raise ActionRefused(f"“{part}”应写作“材料=原件:份数”或“材料=复印件:份数”")
        count = int(m.group("count") or 1)
        if not 1 <= count <= 99:
            raise ActionRefused(f"“{part}”的份数应在 1–99 之间")
        out[m.group("key").strip()] = (_FORM_WORDS[m.group("form").strip()], count)
    return out


def format_forms(forms: Mapping[str, tuple[str, int]]) -> str:
    return "；".join(f"{k}={f}:{n}" for k, (f, n) in forms.items())


def _supplied(lines: list[MaterialLine], pieces: Mapping[str, tuple[str, int]], at: datetime,
              by: ClerkSnapshot) -> list[MaterialLine]:
    """The lines with those brought now marked as supplied (records are frozen: new ones)."""
    return [m.model_copy(update={"supplied_at": at, "supplied_form": pieces[m.key][0],
                                 "supplied_count": pieces[m.key][1], "supplied_by": by})
            if m.key in pieces else m for m in lines]


def record_supplement(ctx: AppContext, case_no: str, clerk: Clerk, material_keys: list[str],
                      note: str = "", forms: str = "") -> CaseRecord:
    """Mark the materials brought (with form and count), then accept the case (last tolerated one)
    or end the 补正 and send it back to review."""
    t = ACTION.clean_texts(note=note, forms=forms)
    note, forms = t["note"], t["forms"]
    keys = list(dict.fromkeys(clean_input(k, MATERIAL_KEY, "material_keys") for k in material_keys or ()))
    given = parse_forms(forms)
    now = ctx.clock()
    by = clerk_snapshot(clerk)
    with ctx.store.transaction() as s:
        case = _load(s, normalise_number(case_no))
        if case is None:
            raise CaseNotFound(case_no)
        status = CaseStatus(case.status)
        if status not in STATUSES:
            raise ActionRefused(f"办件当前状态为“{STATUS_LABELS[status]}”，没有待补交的材料")
        record = case_record(case, with_events=False)
        lines = record.materials
        by_key = {m.key: m for m in lines}
        asked = record.open_correction()
        asked_items = {f"{MISSING}{i}": text for i, text in enumerate(asked.missing if asked else [])}
        unknown = [k for k in keys if k not in by_key and k not in asked_items]
        if unknown:
            raise ActionRefused("本办件没有这些材料：" + "、".join(unknown))
        stray = [k for k in given if k not in keys]
        if stray:
            raise ActionRefused("只能为勾选的材料填写形式和份数：" + "、".join(stray))
        if status is CaseStatus.ACCEPTED_TOLERATED:
            pending = {m.key for m in lines if m.verdict == "tolerated" and m.supplied_at is None}
            wrong = [by_key[k].name for k in keys if k not in pending]
            if wrong:
                raise ActionRefused("以下材料不是待补交的容缺材料：" + "、".join(wrong))
        if not keys and not note.strip():
            raise ActionRefused("请勾选补交的材料，或写明收到的补正材料")
        pieces = {k: given.get(k) or default_piece(by_key.get(k)) for k in keys}
        line_pieces = {k: v for k, v in pieces.items() if k in by_key}
        lines = _supplied(lines, line_pieces, now, by)
        case.materials = [m.to_json() for m in lines]
        for m in lines:
            if m.key in line_pieces:
                change = CaseMaterialChange.model_validate({**m.to_json(), "case_id": case.id, "case_no": case.case_no})
                outbox.enqueue(s, "case_material", m.id, change.to_json())
        names = [by_key[k].name if k in by_key else asked_items[k] for k in keys]
        received = [ReceivedPiece(key=k, name=n, form=pieces[k][0], count=pieces[k][1]) for k, n in zip(keys, names,
                                                                                                        strict=True)]
        audit.append(s, clerk.display, "case.supplement", case.case_no,
                     {"materials": [f"{p.name}（{p.form_label}{p.count}份）" for p in received],
                      "note": note.strip()}, at=now)
        text = "收到补交材料：" + ("、".join(names) or note.strip())
        if status is CaseStatus.ACCEPTED_TOLERATED:
            if all(m.supplied_at is not None for m in lines if m.verdict == "tolerated"):
                apply_transition(s, case, CaseStatus.ACCEPTED, clerk.display, text + "（容缺材料已补齐）", at=now)
        else:
            apply_transition(s, case, CaseStatus.IN_REVIEW, clerk.display, text + "（补正期间不计入办理期限）",
                             at=now)
            clock.receive_correction_in(s, case, received, by, clerk.display, ctx.calendar, ctx.catalogue, now)
        s.flush()
        s.expire(case, ["events"])
        return case_record(case)


def pending_materials(ctx: AppContext, case: CaseRecord) -> list[tuple[str, str]]:
    """What may be brought now: the back office's 补正 list first, then the materials not yet brought
    (tolerated ones first, with their due dates)."""
    asked = case.open_correction() if case.status is CaseStatus.SUPPLEMENT_REQUESTED else None
    out = [(f"{MISSING}{i}", f"补正：{text}") for i, text in enumerate(asked.missing if asked else [])]
    owed = ("tolerated",) if case.status is CaseStatus.ACCEPTED_TOLERATED else ("tolerated", "missing", "nonconforming")
    mats = sorted((m for m in case.materials if m.supplied_at is None and m.verdict in owed),
                  key=lambda m: m.verdict != "tolerated")
    return out + [(m.key, m.name + (f"（{m.supplement_due.isoformat()}）" if m.supplement_due else "")) for m in mats]


def pending_line(case: CaseRecord, key: str) -> MaterialLine | None:
    """The material line behind a choice of :func:`pending_materials` (None: a 补正 list entry)."""
    return next((m for m in case.materials if m.key == key), None)


ACTION = CaseAction("supplement", "登记补交材料", STATUSES,
                    (ActionInput("material_keys", "补交的材料", "multi_choice", choices=pending_materials),
                     ActionInput("note", "备注", max_length=200),
                     ActionInput("forms", "形式与份数", max_length=500,
                                 hint="不填则按清单要求；如“材料=复印件:2；材料=原件:1”")),
                    record_supplement, shortcut="Alt+B")
