"""``tolerated_overdue_outcome``: what the catalogue says happens to a 容缺 material not supplied in time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clerk_app.catalog.loader import CatalogInvalid, load_catalogue

FORMS = Path(__file__).resolve().parents[2] / "forms"
FOOD = "items/000117007000.toml"  # the demo food licence: tolerated materials, 不予许可 when late


def _copy(tmp_path: Path, edit) -> Path:
    folder = tmp_path / "catalog"
    shutil.copytree(FORMS, folder)
    f = folder / FOOD
    f.write_text(edit(f.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def test_the_demo_food_licence_says_a_late_tolerated_material_means_refusal():
    assert load_catalogue(FORMS).items["000117007000"].tolerated_overdue_outcome == "refuse"


def test_an_unknown_outcome_is_an_error_naming_the_field(tmp_path):
    folder = _copy(tmp_path, lambda t: t.replace('tolerated_overdue_outcome = "refuse"',
                                                 'tolerated_overdue_outcome = "forget"'))
    with pytest.raises(CatalogInvalid) as exc:
        load_catalogue(folder)
    assert any(e.file == FOOD and e.field == "item.tolerated_overdue_outcome" for e in exc.value.errors), \
        exc.value.errors


def test_an_outcome_on_an_item_without_tolerated_materials_is_an_error(tmp_path):
    folder = _copy(tmp_path, lambda t: t.replace("tolerate = true", "tolerate = false")
                   .replace("tolerate_days", "# tolerate_days"))
    with pytest.raises(CatalogInvalid) as exc:
        load_catalogue(folder)
    found = [e for e in exc.value.errors if e.field == "item.tolerated_overdue_outcome"]
    assert found and "没有可容缺的材料" in found[0].reason, exc.value.errors
