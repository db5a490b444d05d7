"""Which status moves a window may report; everything else comes only from the back office.

A window takes cases in (intake: a new case in one of the intake statuses), takes
supplements, hands out or posts results, records an applicant's withdrawal, and — only for
items its catalogue marks ``chief_rep_decides`` and only by someone the centre's roster
names 首席事务代表 — decides on the spot (accepted → approved/refused → result_ready).
Approval, refusal, review, acceptance of a received case and "result ready" are otherwise
back-office moves (``/v1/backoffice/decisions``); a window reporting one is refused.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from sqlalchemy import Connection, select

from clerk_app.domain.case import OPEN, CaseStatus
from clerk_app.protocol.versions import ROSTER
from clerk_app.server.models import CatalogueVersion, StreamItem

S = CaseStatus
INTAKE = frozenset({S.RECEIVED, S.ACCEPTED, S.ACCEPTED_TOLERATED, S.NOT_ACCEPTED})
WINDOW_MOVES = frozenset({
    (S.ACCEPTED_TOLERATED, S.ACCEPTED),  # the last tolerated material brought
    (S.SUPPLEMENT_REQUESTED, S.IN_REVIEW),  # 补正 materials taken in, back to the back office
    (S.RESULT_READY, S.HANDED_OUT),
    (S.RESULT_READY, S.MAILED),
    *((s, S.WITHDRAWN) for s in OPEN),  # the applicant withdraws at the window
})
ON_THE_SPOT = frozenset({(S.ACCEPTED, S.APPROVED), (S.ACCEPTED, S.REFUSED)})
ON_THE_SPOT_DONE = frozenset({(S.APPROVED, S.RESULT_READY), (S.REFUSED, S.RESULT_READY)})
_SUBSTITUTE = re.compile(r"^(?P<a>.+?)（代(?P<b>.+)）$")

CV = CatalogueVersion.__table__
ITEMS = StreamItem.__table__


class Rights:
    """What the centre knows to judge a window's on-the-spot decisions (loaded once per batch)."""

    def __init__(self, conn: Connection, scopes: tuple[str, ...]):
        self.conn, self.scopes = conn, scopes
        self._roster: dict[str, dict[str, Any]] | None = None
        self._catalogues: dict[str, dict[str, bool] | None] = {}

    def roster(self) -> dict[str, dict[str, Any]]:
        if self._roster is None:
            data = self.conn.execute(
                select(ITEMS.c.data).where(ITEMS.c.stream == ROSTER, ITEMS.c.scope.in_(list(self.scopes)))
                .order_by(ITEMS.c.cursor.desc()).limit(1)
            ).scalar()
            people = (data or {}).get("roster") if isinstance(data, dict) else None
            self._roster = {str(p.get("name")): p for p in people or [] if isinstance(p, dict)}
        return self._roster

    def chief_rep_items(self, version: str) -> dict[str, bool] | None:
        """Item code → ``chief_rep_decides`` in catalogue ``version`` (None: the centre lacks it)."""
        if version not in self._catalogues:
            files = self.conn.execute(select(CV.c.files).where(CV.c.version == version)).scalar()
            found: dict[str, bool] | None = None
            if isinstance(files, dict):
                found = {}
                for name, text in files.items():
                    if not (isinstance(name, str) and name.endswith(".toml") and "items/" in name.replace("\\", "/")):
                        continue
                    try:
                        item = tomllib.loads(text).get("item", {})
                    except (tomllib.TOMLDecodeError, TypeError):
                        continue
                    if isinstance(item, dict) and isinstance(item.get("code"), str):
                        found[item["code"]] = bool(item.get("chief_rep_decides"))
            self._catalogues[version] = found
        return self._catalogues[version]

    def authorised_chief_rep(self, actor: str) -> str | None:
        """Why ``actor`` may not decide on the spot (None: the roster says they may)."""
        m = _SUBSTITUTE.match(actor or "")
        names = [m.group("a"), m.group("b")] if m else [actor]  # a substitute needs both to hold the power
        roster = self.roster()
        if not roster:
            return "中心没有可核对的人员名册，不能确认首席事务代表身份"
        for name in names:
            person = roster.get(name)
            if person is None or not person.get("enabled", True) or not person.get("chief_rep"):
                return f"中心名册中“{name}”不是在岗的首席事务代表"
        return None


def refusal(rights: Rights, case: dict[str, Any], frm: str | None, to: str, actor: str,
            last_to_by_spot: bool) -> str | None:
    """Why a window may not report the move ``frm → to`` on ``case`` (None: it may).

    ``case`` has ``items`` ([{code, department}]) and ``catalogue_version``;
    ``last_to_by_spot``: the case reached ``frm`` by this window's on-the-spot decision.
    """
    try:
        cur, tgt = (CaseStatus(frm) if frm is not None else None), CaseStatus(to)
    except ValueError:
        return f"状态无效：{str(to)[:40]!r}"
    if cur is None:
        return None if tgt in INTAKE else f"新办件的状态只能是收件时的状态，不能是“{to}”"
    if (cur, tgt) in WINDOW_MOVES:
        return None
    if (cur, tgt) in ON_THE_SPOT_DONE:
        return None if last_to_by_spot else "审批结果（待出件）只能由后台部门报告"
    if (cur, tgt) in ON_THE_SPOT:
        who = rights.authorised_chief_rep(actor)
        if who:
            return f"当场决定被拒：{who}"
        marks = rights.chief_rep_items(str(case.get("catalogue_version") or ""))
        if marks is None:
            return f"当场决定被拒：中心没有事项目录版本 {str(case.get('catalogue_version'))[:20]}，无法核对事项"
        codes = [i.get("code") for i in case.get("items") or [] if isinstance(i, dict)]
        if not codes:
            return "当场决定被拒：中心不知道此办件的事项"
        not_marked = [c for c in codes if not marks.get(c)]
        if not_marked:
            return f"当场决定被拒：事项 {', '.join(str(c) for c in not_marked)} 未授权首席事务代表当场决定"
        return None
    return f"窗口不能作出此状态变更（{cur.value} → {tgt.value}）：审批结果由后台部门报告"
