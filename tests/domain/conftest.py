from __future__ import annotations

from pathlib import Path

import pytest

from clerk_app.catalog.loader import load_catalogue
from clerk_app.domain.catalog import Catalogue

FORMS = Path(__file__).resolve().parents[2] / "forms"


@pytest.fixture(scope="session")
def demo() -> Catalogue:
    """The shipped demo catalogue (forms/), loaded once."""
    return load_catalogue(FORMS)
