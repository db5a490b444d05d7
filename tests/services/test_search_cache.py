"""The search entries are cached with the catalogue version; a stale or broken cache is rebuilt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clerk_app.catalog.loader import load_catalogue
from clerk_app.services import search
from clerk_app.services.search import SearchIndex, cache_path, cached_entries

CAT = load_catalogue(Path(__file__).resolve().parents[2] / "forms")


@pytest.fixture(autouse=True)
def fresh_memory():
    search.forget_memory()
    yield
    search.forget_memory()


@pytest.fixture
def builds(monkeypatch):
    """Counts the (slow) builds of the entries."""
    calls = []
    real = search.build_entries

    def counting(cat):
        calls.append(cat.version)
        return real(cat)

    monkeypatch.setattr(search, "build_entries", counting)
    return calls


def _keys(hits):
    return [h.key for h in hits]


def test_the_cache_is_written_once_and_then_used(tmp_path, builds):
    first = SearchIndex(CAT, None, cached_entries(CAT, tmp_path))
    assert builds == [CAT.version]
    assert cache_path(tmp_path, CAT.version).exists()
    search.forget_memory()  # as in a new process
    again = SearchIndex(CAT, None, cached_entries(CAT, tmp_path))
    assert builds == [CAT.version]  # read from the file, not built
    cached_entries(CAT, tmp_path)  # in the same process: from memory
    assert builds == [CAT.version]
    for q in ("spjy", "食品", "000117007000", "个体"):
        assert _keys(again.search(q)) == _keys(first.search(q)) == _keys(SearchIndex(CAT).search(q))


def test_a_cached_index_honours_the_clerks_authorisation(tmp_path):
    allowed = frozenset({"000117007000", "000162001000"})
    cached = SearchIndex(CAT, allowed, cached_entries(CAT, tmp_path))
    direct = SearchIndex(CAT, allowed)
    assert [h.key for h in cached.all_hits()] == [h.key for h in direct.all_hits()]
    assert {h.key for h in cached.all_hits()} == allowed
    everything = SearchIndex(CAT, frozenset(CAT.items), cached_entries(CAT, tmp_path))
    assert len(everything) == len(CAT.items) + len(CAT.themes)  # themes whose items are all allowed stay


def test_a_new_catalogue_version_rebuilds_and_replaces_the_cache(tmp_path, builds):
    cached_entries(CAT, tmp_path)
    old = cache_path(tmp_path, CAT.version)
    item = CAT.items["000117007000"]
    changed = CAT.model_copy(update={
        "version": "another-version",
        "items": {**CAT.items, item.code: item.model_copy(update={"name": "餐饮服务许可"})},
    })
    idx = SearchIndex(changed, None, cached_entries(changed, tmp_path))
    assert builds == [CAT.version, "another-version"]
    assert idx.search("cyfw")[0].key == "000117007000"  # the new name is searchable
    assert cache_path(tmp_path, "another-version").exists() and not old.exists()


@pytest.mark.parametrize("content", [
    b"\x00\xff not json",
    b'{"format": 1, "version": "x", "entries": []}',  # another catalogue's file under this name
    b"[1, 2, 3]",
    None,  # valid JSON, the right version, but an entry cut short
    "",  # an empty file (a crash while writing it, before the atomic rename existed)
])
def test_a_broken_cache_file_is_rebuilt_safely(tmp_path, builds, content):
    cached_entries(CAT, tmp_path)
    path = cache_path(tmp_path, CAT.version)
    if content is None:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["entries"][3] = data["entries"][3][:4]
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    search.forget_memory()
    idx = SearchIndex(CAT, None, cached_entries(CAT, tmp_path))
    assert builds == [CAT.version, CAT.version]
    assert idx.search("spjy")[0].key == "000117007000"
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == CAT.version  # rewritten, good again
    search.forget_memory()
    cached_entries(CAT, tmp_path)
    assert len(builds) == 2


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path, builds):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    idx = SearchIndex(CAT, None, cached_entries(CAT, blocked))
    assert idx.search("spjy")[0].key == "000117007000"


def test_the_main_window_index_comes_from_the_cache_in_the_data_folder(ctx, builds):
    idx = search.index_for(ctx)
    assert cache_path(search.cache_dir_of(ctx), ctx.catalogue.version).exists()
    assert ctx.home in search.cache_dir_of(ctx).parents
    search.forget_memory()
    assert _keys(search.index_for(ctx).search("spjy")) == _keys(idx.search("spjy"))
    assert builds == [ctx.catalogue.version]
