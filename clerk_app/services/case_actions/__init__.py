"""What the window may do to a case after intake: one module per action, found here.

Each action module (``supplement``, ``hand_out``, ``mail``, ``decide_on_spot``, ``note``…)
declares ``ACTION``: a :class:`CaseAction` saying when it applies (the case statuses, plus
any rule on the clerk or the items), the inputs it takes, and its effect (``run``). The UI
shows the actions :func:`offered` for a case and the CLI and tests call ``run``; neither
codes the rules again. Adding an action is adding one module (see docs/architecture.md).

An action that moves the case's status does so through ``services.cases.apply_transition``;
one that records something without a status move (a note, a rating, an enquiry) appends a
:mod:`note <clerk_app.services.case_actions.note>` instead.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from clerk_app.domain.case import STATUS_LABELS, CaseStatus
from clerk_app.domain.people import Clerk
from clerk_app.protocol.records import CaseRecord
from clerk_app.services.context import AppContext


class ActionRefused(ValueError):
    """The action is not allowed; ``str()`` is a message for the clerk."""


Rule = Callable[[AppContext, CaseRecord, Clerk], str | None]


@dataclass(frozen=True)
class CaseAction:
    """One after-intake action: when it applies, what it takes, what it does."""

    name: str
    title: str
    statuses: frozenset[CaseStatus]  # the case statuses it applies in (empty: any)
    inputs: tuple[str, ...]  # the keyword inputs of ``run`` after (ctx, case_no, clerk)
    run: Callable[..., Any]
    rule: Rule | None = None  # a further condition, e.g. on the clerk or the items
    moves_status: bool = True

    def refusal(self, ctx: AppContext, case: CaseRecord, clerk: Clerk) -> str | None:
        """Why this action does not apply to ``case`` for ``clerk`` (None: it does)."""
        if self.statuses and case.status not in self.statuses:
            return f"办件当前状态为“{STATUS_LABELS[case.status]}”，不能{self.title}"
        return self.rule(ctx, case, clerk) if self.rule else None


@cache
def case_actions() -> dict[str, CaseAction]:
    """Every action of this package's modules, by name."""
    found: dict[str, CaseAction] = {}
    for info in pkgutil.iter_modules(__path__):
        action = getattr(importlib.import_module(f"{__name__}.{info.name}"), "ACTION", None)
        if action is not None:
            if action.name in found:
                raise RuntimeError(f"case action {action.name!r} declared twice")
            found[action.name] = action
    return found


def offered(ctx: AppContext, case: CaseRecord, clerk: Clerk) -> list[str]:
    """Names of the actions that apply to ``case`` for ``clerk``."""
    return [name for name, a in case_actions().items() if a.refusal(ctx, case, clerk) is None]
