"""The composition of one running window: settings, store, catalogue, calendar, clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from clerk_app import paths
from clerk_app import settings as settings_mod
from clerk_app.catalog.active import CatalogueStatus, ensure_seeded, load_active
from clerk_app.domain.calendar import WorkCalendar
from clerk_app.domain.catalog import Catalogue
from clerk_app.services.calendar_source import load_calendar
from clerk_app.settings import Settings
from clerk_app.store.db import Store


@dataclass
class AppContext:
    home: Path
    settings: Settings
    store: Store
    catalogue: Catalogue
    catalogue_status: CatalogueStatus
    calendar: WorkCalendar
    calendar_problems: list[str] = field(default_factory=list)
    clock: Callable[[], datetime] = datetime.now
    redated: list[Any] = field(default_factory=list)  # services.redate.DateChange: cases whose dates the calendar moved

    @property
    def window_id(self) -> str:
        return self.settings.window_id

    def reload_catalogue(self) -> CatalogueStatus:
        self.catalogue, self.catalogue_status = load_active(self.home, paths.catalog_dir())
        return self.catalogue_status

    def close(self) -> None:
        self.store.close()


def open_context(clock: Callable[[], datetime] = datetime.now) -> AppContext:
    """Open (and on first run, create) everything under the data folder."""
    home = paths.data_home()
    settings = settings_mod.load()
    if not paths.settings_path().exists():
        settings_mod.save(settings)  # a fresh folder starts with the demo centre
    from clerk_app.services.store_open import open_window_store

    store = open_window_store(settings.window_id, clock)
    ensure_seeded(paths.catalog_dir(), paths.DEMO_FORMS)
    catalogue, status = load_active(home, paths.catalog_dir())
    calendar, problems = load_calendar(paths.CALENDAR_DATA, paths.calendar_dir())
    ctx = AppContext(home, settings, store, catalogue, status, calendar, problems, clock)
    from clerk_app.services.staff_seed import seed_demo_staff

    seed_demo_staff(ctx)  # a fresh data folder gets the demo staff (once)
    from clerk_app.services.redate import redate_open_cases

    redate_open_cases(ctx, only_provisional=True)  # a year's holiday file may have arrived since
    return ctx
