"""Seeding the demo catalogue happens on a fresh data folder only; afterwards a missing folder is broken."""

from __future__ import annotations

import shutil
from pathlib import Path

from clerk_app.catalog.active import ensure_seeded, has_saved_versions, load_active

FORMS = Path(__file__).resolve().parents[2] / "forms"


def test_a_fresh_data_folder_is_seeded_with_the_demo(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    ensure_seeded(home / "catalog", FORMS)
    assert (home / "catalog" / "items" / "000152001000.toml").exists()
    cat, status = load_active(home, home / "catalog")
    assert status.source == "folder" and not status.errors and has_saved_versions(home)


def test_a_used_data_folder_whose_catalogue_vanished_runs_the_last_good_and_says_so(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    ensure_seeded(home / "catalog", FORMS)
    good, _ = load_active(home, home / "catalog")
    shutil.rmtree(home / "catalog")

    ensure_seeded(home / "catalog", FORMS)  # what every start does first
    assert not (home / "catalog").exists()
    cat, status = load_active(home, home / "catalog")
    assert (status.source, status.version, cat.version) == ("last-good", good.version, good.version)
    assert [str(e) for e in status.errors] == [f"{home / 'catalog'}: (file): 目录不存在"]
    assert "仍使用上一个有效版本" in status.message()


def test_a_centre_catalogue_is_not_replaced_by_the_demo_when_its_folder_vanishes(tmp_path):
    """A window running the centre's catalogue (not the demo) keeps it, not the demo items."""
    home = tmp_path / "home"
    home.mkdir()
    shutil.copytree(FORMS, home / "catalog")
    for extra in sorted((home / "catalog" / "items").glob("*.toml"))[1:]:
        extra.unlink()
    for theme in (home / "catalog" / "themes").glob("*.toml"):
        theme.unlink()
    centre, _ = load_active(home, home / "catalog")
    assert len(centre.items) == 1
    shutil.rmtree(home / "catalog")
    ensure_seeded(home / "catalog", FORMS)
    cat, status = load_active(home, home / "catalog")
    assert status.source == "last-good" and list(cat.items) == list(centre.items)
