"""Find a service item or 一件事 theme by name, code, keyword or pinyin initials; spot scanned numbers.

The index is built once per catalogue (pinyin is computed then, not per keystroke), so a
search is a substring test over one prepared string per entry. No Qt here: the main
window's search box, the wizard's item page and the benchmarks all use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clerk_app.domain import numbers
from clerk_app.domain.catalog import Catalogue

ITEM, THEME, NUMBER = "item", "theme", "number"
_SEP = "\x00"
_SPACES = re.compile(r"[\s·・,，。()（）\-]+")


@dataclass(frozen=True)
class Hit:
    kind: str  # item | theme | number
    key: str  # item code, theme id, or the normalised case/notice number
    title: str
    detail: str = ""
    score: int = 0


@dataclass(frozen=True)
class _Entry:
    kind: str
    key: str
    title: str
    detail: str
    code: str
    names: tuple[str, ...]  # lower-cased name and short name
    initials: tuple[str, ...]
    spelled: tuple[str, ...]
    keywords: str
    department: str
    hay: str  # every field joined, for the fast first test


def _clean(text: str) -> str:
    return _SPACES.sub("", text or "").lower()


def _pinyin(text: str) -> tuple[str, str]:
    """(initials, full pinyin) of a Chinese text; non-Chinese characters are kept as they are."""
    from pypinyin import Style, lazy_pinyin

    t = _clean(text)
    initials = "".join(lazy_pinyin(t, style=Style.FIRST_LETTER))
    full = "".join(lazy_pinyin(t))
    return initials.lower(), full.lower()


def _entry(kind: str, key: str, title: str, detail: str, code: str, names: list[str], keywords: list[str],
           department: str) -> _Entry:
    names_c = tuple(dict.fromkeys(_clean(n) for n in names if n))
    pys = [_pinyin(n) for n in names_c]
    initials = tuple(p[0] for p in pys)
    spelled = tuple(p[1] for p in pys)
    kw_list = [_clean(k) for k in keywords]
    kw_py = [_pinyin(k)[0] for k in keywords]
    kw = _SEP.join(kw_list + kw_py)
    dep = _clean(department)
    hay = _SEP.join([code.lower(), *names_c, *initials, *spelled, kw, dep])
    return _Entry(kind, key, title, detail, code.lower(), names_c, initials, spelled, kw, dep, hay)


def _score(e: _Entry, q: str) -> int:
    if e.code == q:
        return 100
    best = 0
    for n in e.names:
        if n == q:
            return 98
        if n.startswith(q):
            best = max(best, 90)
        elif q in n:
            best = max(best, 72)
    for ini in e.initials:
        if ini.startswith(q):
            best = max(best, 85)
        elif q in ini:
            best = max(best, 62)
    for sp in e.spelled:
        if sp.startswith(q):
            best = max(best, 80)
        elif q in sp:
            best = max(best, 45)
    if best:
        return best
    if q in e.keywords:
        return 55
    if e.code.startswith(q):
        return 50
    if q in e.code:
        return 35
    if q in e.department:
        return 20
    return 0


class SearchIndex:
    """Items and themes of one catalogue, optionally limited to the items a clerk may take."""

    def __init__(self, catalogue: Catalogue, authorised: frozenset[str] | None = None):
        self.catalogue = catalogue
        self.authorised = authorised
        entries: list[_Entry] = []
        for theme in catalogue.themes.values():
            if authorised is not None and not set(theme.items) <= authorised:
                continue
            entries.append(_entry(THEME, theme.id, f"一件事：{theme.name}", f"{len(theme.items)} 个事项",
                                  theme.id, [theme.name], theme.keywords, ""))
        for item in catalogue.items.values():
            if authorised is not None and item.code not in authorised:
                continue
            detail = f"{item.department} · {item.code}"
            entries.append(_entry(ITEM, item.code, item.name, detail, item.code,
                                  [item.name, item.short_name or ""], item.keywords, item.department))
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """Best matches first; a case/notice number comes back as a single ``number`` hit."""
        n = numbers.parse(query)
        if n is not None:
            kind = {"S": "办件", "A": "申办的办件"}.get(n.prefix, "一次性告知书")
            return [Hit(NUMBER, str(n), str(n), f"打开{kind}", 1000)]
        q = _clean(query)
        if not q:
            return []
        scored = []
        for i, e in enumerate(self._entries):
            if q in e.hay:
                s = _score(e, q)
                if s:
                    scored.append((-s, i, e))
        scored.sort(key=lambda t: (t[0], t[1]))
        return [Hit(e.kind, e.key, e.title, e.detail, -s) for s, _, e in scored[:limit]]

    def all_hits(self) -> list[Hit]:
        """Everything, themes first then items in catalogue order (the list before typing)."""
        return [Hit(e.kind, e.key, e.title, e.detail) for e in self._entries]
