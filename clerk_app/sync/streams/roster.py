"""Apply the staff roster pulled from the centre (accounts, verifiers, authorisations, AB roles)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from clerk_app.services import staff


def apply_roster_row(s: Session, data: dict[str, Any]) -> str | None:
    roster, version = data.get("roster"), str(data.get("version") or "")
    if not isinstance(roster, list) or not version:
        return "中心发布的人员名册格式不正确（缺少名册或版本号）"
    try:
        staff.apply_roster(s, roster, version)
    except staff.RosterInvalid as exc:
        shown = "；".join(exc.errors[:5])
        more = f"（另有 {len(exc.errors) - 5} 处）" if len(exc.errors) > 5 else ""
        return f"中心人员名册 {version} 未能应用：{shown}{more}"
    return None
