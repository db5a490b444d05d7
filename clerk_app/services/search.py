"""Find a service item or 一件事 theme by name, code, keyword or pinyin initials; spot scanned numbers.

The index is built once per catalogue (pinyin is computed then, not per keystroke), so a
search is a substring test over one prepared string per entry. No Qt here: the main
window's search box, the wizard's item page and the benchmarks all use it.

Building the entries of a large catalogue takes most of a second (pinyin), so
:func:`index_for` keeps them in memory and in ``<data>/cache/`` as JSON, keyed by the
catalogue's version (its content hash): a login or an AB switch only filters them for the
clerk. A cache that is missing, unreadable or of another version is rebuilt and replaced.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from clerk_app.domain import numbers

if TYPE_CHECKING:
    from clerk_app.domain.catalog import Catalogue
    from clerk_app.services.context import AppContext

log = logging.getLogger(__name__)

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


def build_entries(catalogue: Catalogue) -> list[_Entry]:
    """Every theme then every item of the catalogue, prepared for searching (the slow part)."""
    entries: list[_Entry] = []
    for theme in catalogue.themes.values():
        entries.append(_entry(THEME, theme.id, f"一件事：{theme.name}", f"{len(theme.items)} 个事项",
                              theme.id, [theme.name], theme.keywords, ""))
    for item in catalogue.items.values():
        detail = f"{item.department} · {item.code}"
        entries.append(_entry(ITEM, item.code, item.name, detail, item.code,
                              [item.name, item.short_name or ""], item.keywords, item.department))
    return entries


class SearchIndex:
    """Items and themes of one catalogue, optionally limited to the items a clerk may take.

    ``entries`` are the catalogue's prepared entries (:func:`build_entries`, or the cache);
    without them they are built here.
    """

    def __init__(self, catalogue: Catalogue, authorised: frozenset[str] | None = None,
                 entries: Sequence[_Entry] | None = None):
        self.catalogue = catalogue
        self.authorised = authorised
        every = build_entries(catalogue) if entries is None else entries
        if authorised is None:
            self._entries = list(every)
        else:
            self._entries = [e for e in every if self._allowed(e, authorised)]

    def _allowed(self, e: _Entry, authorised: frozenset[str]) -> bool:
        if e.kind == THEME:
            theme = self.catalogue.themes.get(e.key)
            return theme is not None and set(theme.items) <= authorised
        return e.key in authorised

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


# -- the cached entries ----------------------------------------------------------------------

CACHE_FORMAT = 1  # bump when _Entry or _entry() changes: older cache files are then ignored
_FIELDS = [f.name for f in fields(_Entry)]
_TUPLES = {"names", "initials", "spelled"}
_memo: dict[str, list[_Entry]] = {}
_memo_lock = threading.Lock()


class CacheInvalid(ValueError):
    """The cache file is not a list of entries of this catalogue version."""


def cache_path(cache_dir: Path, version: str) -> Path:
    safe = re.sub(r"[^0-9A-Za-z_.-]", "_", version)[:80] or "none"
    return cache_dir / f"search-v{CACHE_FORMAT}-{safe}.json"


def _read_cache(path: Path, catalogue: Catalogue) -> list[_Entry]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("version") != catalogue.version:
        raise CacheInvalid("another format or catalogue version")
    rows = data.get("entries")
    if not isinstance(rows, list):
        raise CacheInvalid("no entries")
    entries = []
    for row in rows:
        if not isinstance(row, list) or len(row) != len(_FIELDS):
            raise CacheInvalid("an entry of the wrong shape")
        values = {}
        for name, v in zip(_FIELDS, row, strict=True):
            if name in _TUPLES:
                if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                    raise CacheInvalid(f"{name} is not a list of texts")
                v = tuple(v)
            elif not isinstance(v, str):
                raise CacheInvalid(f"{name} is not a text")
            values[name] = v
        entries.append(_Entry(**values))
    want = [(THEME, k) for k in catalogue.themes] + [(ITEM, k) for k in catalogue.items]
    if [(e.kind, e.key) for e in entries] != want:
        raise CacheInvalid("entries do not match the catalogue")
    return entries


def _write_cache(path: Path, catalogue: Catalogue, entries: list[_Entry]) -> None:
    data = {"format": CACHE_FORMAT, "version": catalogue.version, "entries": [list(astuple(e)) for e in entries]}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".search-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for old in path.parent.glob("search-v*.json"):  # other catalogue versions are of no more use
        if old != path:
            old.unlink(missing_ok=True)


def cached_entries(catalogue: Catalogue, cache_dir: Path | None) -> list[_Entry]:
    """The catalogue's entries: from memory, else the cache file, else built (and cached)."""
    with _memo_lock:  # one builder at a time; a second caller waits for the first one's result
        hit = _memo.get(catalogue.version)
        if hit is not None:
            return hit
        entries = None
        path = cache_path(cache_dir, catalogue.version) if cache_dir is not None else None
        if path is not None and path.exists():
            try:
                entries = _read_cache(path, catalogue)
            except (OSError, UnicodeDecodeError, ValueError, TypeError) as exc:  # JSONDecodeError is a ValueError
                log.warning("search cache %s unusable (%s); rebuilding it", path, exc)
        if entries is None:
            entries = build_entries(catalogue)
            if path is not None:
                try:
                    _write_cache(path, catalogue, entries)
                except OSError as exc:  # a read-only data folder only costs the next start its speed
                    log.warning("cannot write the search cache %s: %s", path, exc)
        _memo.clear()  # only the catalogue in use is kept
        _memo[catalogue.version] = entries
        return entries


def forget_memory() -> None:
    """Drop the entries kept in memory (the next :func:`cached_entries` reads the file again)."""
    with _memo_lock:
        _memo.clear()


def cache_dir_of(ctx: AppContext) -> Path:
    return ctx.home / "cache"


def index_for(ctx: AppContext, authorised: frozenset[str] | None = None) -> SearchIndex:
    """The search index of the context's catalogue for a clerk (cheap once the entries are cached)."""
    return SearchIndex(ctx.catalogue, authorised, cached_entries(ctx.catalogue, cache_dir_of(ctx)))
