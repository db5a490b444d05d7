"""Shared helpers for the auth tests: staff, intakes, audit look-ups."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from clerk_app.domain.people import Clerk
from clerk_app.intake.request import flow_from_json
from clerk_app.services import staff
from clerk_app.services.intake import IntakeResult, submit
from clerk_app.store.models import AuditEntry

EMPLOYMENT = "000134011000"  # 就业创业证申领, group 人社/就业
FULL_EMPLOYMENT = {"employment_registration_form": "original", "applicant_id": "original", "photo_2inch": "original"}
FOOD = "000117012000"  # 食品小作坊登记, group 市场监管/食品 (no questions)


def intake_request(kind: str = "case", code: str = EMPLOYMENT) -> dict[str, Any]:
    """A valid ``clerk intake`` request: complete (a case) or with a missing photo (a one-time notice)."""
    materials = dict(FULL_EMPLOYMENT) if code == EMPLOYMENT else {}
    if kind == "notice" and code == EMPLOYMENT:
        materials["photo_2inch"] = "missing"
    return {"items": [{"code": code}],
            "applicant": {"kind": "person", "name": "王小明", "id_number": "11010519491231002X",
                          "phone": "13800138000"},
            "materials": materials}


def take(ctx, clerk: Clerk, kind: str = "case", code: str = EMPLOYMENT) -> IntakeResult:
    flow, errs = flow_from_json(intake_request(kind, code), ctx.catalogue, ctx.calendar, ctx.clock())
    assert not errs, errs
    return submit(ctx, flow, clerk)


def add(ctx, no: str, name: str, password: str = "secret-pass-1", grants=("*",), substitutes=(), windows=None,
        chief_rep: bool = False):
    return staff.add_staff(ctx, no, name, password, windows or [ctx.window_id], badge=f"B-{no}", grants=grants,
                           substitutes=substitutes, chief_rep=chief_rep)


def audit_rows(ctx, prefix: str = "staff.") -> list[AuditEntry]:
    with ctx.store.read() as s:
        return [a for a in s.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()
                if a.action.startswith(prefix)]


def actions(ctx, prefix: str = "staff.") -> list[str]:
    return [a.action for a in audit_rows(ctx, prefix)]
