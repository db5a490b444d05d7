"""The item search: names, codes, keywords, pinyin initials, scanned numbers, authorisation."""

from __future__ import annotations

from pathlib import Path

from clerk_app.catalog.loader import load_catalogue
from clerk_app.services.search import ITEM, NUMBER, THEME, SearchIndex

CAT = load_catalogue(Path(__file__).resolve().parents[2] / "forms")


def _keys(hits):
    return [h.key for h in hits]


def test_pinyin_initials_find_the_item_first():
    hits = SearchIndex(CAT).search("spjy")
    assert hits[0].kind == ITEM and hits[0].key == "000117007000"  # 食品经营许可


def test_full_pinyin_name_code_and_keyword_find_items():
    idx = SearchIndex(CAT)
    assert idx.search("shipinjingying")[0].key == "000117007000"
    assert idx.search("食品经营")[0].key == "000117007000"
    assert idx.search("000117007000")[0].key == "000117007000"
    assert "000135020000" in _keys(idx.search("报户口"))  # keyword and short name of 出生登记


def test_theme_is_found_by_its_name_and_initials():
    idx = SearchIndex(CAT)
    assert idx.search("开餐饮店")[0].kind == THEME
    assert idx.search("wykcyd")[0].key == "open_restaurant"


def test_scanned_numbers_are_recognised_with_spaces_or_dashes():
    idx = SearchIndex(CAT)
    hits = idx.search(" S 310107 01 003 261123 0001 ")
    assert [(h.kind, h.key) for h in hits] == [(NUMBER, "S310107010032611230001")]
    assert idx.search("n31010701003261123-0002")[0].key == "N310107010032611230002"


def test_nothing_and_noise_find_nothing():
    idx = SearchIndex(CAT)
    assert idx.search("") == []
    assert idx.search("   ") == []
    assert idx.search("zzzzqqq") == []


def test_authorised_items_limit_items_and_themes():
    allowed = frozenset({"000117007000", "000162001000"})
    idx = SearchIndex(CAT, allowed)
    assert {h.key for h in idx.all_hits()} == allowed  # no theme: none is fully authorised
    assert idx.search("spjy")[0].key == "000117007000"
    assert "000117001000" not in _keys(idx.search("个体"))
