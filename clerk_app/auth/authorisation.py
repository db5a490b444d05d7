"""What a clerk may receive (授权) and where they may work: pure rules, no store.

A staff member holds *grants*, each one of:

- ``*``: every item;
- an item code, e.g. ``000117007000``;
- an item group or a group prefix, e.g. ``市场监管/食品`` or ``市场监管`` (the catalogue's ``group``);
- a department, e.g. ``区民政局``.

At login the grants are resolved against the active catalogue into the item codes on
``Clerk.authorised_items`` (None when ``*``), so the UI and the intake service ask
``clerk.may_take(code)`` without knowing about groups.

Windows are full window ids (region 6 + centre 2 + window 3 digits); ``*`` is any window
and a trailing ``*`` any window starting with that prefix (e.g. every window of a centre).
"""

from __future__ import annotations

from collections.abc import Iterable

from clerk_app.domain.catalog import Catalogue, Item, Theme
from clerk_app.domain.people import Clerk

ALL = "*"


def grant_matches(grant: str, item: Item) -> bool:
    g = grant.strip()
    if not g:
        return False
    if g in (ALL, item.code, item.department):
        return True
    return bool(item.group) and (item.group == g or item.group.startswith(g.rstrip("/") + "/"))


def resolve_grants(grants: Iterable[str], catalogue: Catalogue) -> frozenset[str] | None:
    """The item codes the grants cover in ``catalogue``; None means every item."""
    gs = [g.strip() for g in grants if g and g.strip()]
    if ALL in gs:
        return None
    return frozenset(code for code, it in catalogue.items.items() if any(grant_matches(g, it) for g in gs))


def unknown_grants(grants: Iterable[str], catalogue: Catalogue) -> list[str]:
    """Grants that match no item of the catalogue (likely a typo)."""
    return [g for g in grants if g.strip() != ALL and not any(grant_matches(g, it) for it in catalogue.items.values())]


def describe_grants(grants: Iterable[str]) -> str:
    gs = [g for g in grants if g]
    if not gs:
        return "（未授权任何事项）"
    return "全部事项" if ALL in gs else "、".join(gs)


def visible_items(catalogue: Catalogue, clerk: Clerk) -> list[Item]:
    """The items this clerk sees and may take, in catalogue order."""
    return [it for code, it in catalogue.items.items() if clerk.may_take(code)]


def visible_themes(catalogue: Catalogue, clerk: Clerk) -> list[Theme]:
    """一件事 themes whose every item the clerk may take."""
    return [t for t in catalogue.themes.values() if all(clerk.may_take(c) for c in t.items)]


def may_decide_on_spot(clerk: Clerk, item: Item) -> bool:
    """A chief representative (首席事务代表) may decide items marked ``chief_rep_decides`` at the window."""
    return clerk.chief_rep and item.chief_rep_decides and clerk.may_take(item.code)


def window_allowed(windows: Iterable[str], window_id: str) -> bool:
    for w in windows:
        w = w.strip()
        if w in (ALL, window_id) or (w.endswith("*") and window_id.startswith(w[:-1])):
            return True
    return False
