"""A broken catalogue folder or calendar file is shown to the admin at start, not hidden."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from clerk_app import paths
from clerk_app.services.context import open_context
from clerk_app.ui.main import _warn_about_data


def test_broken_catalogue_and_calendar_are_reported_at_start(clerk_home, qtbot):
    open_context().close()  # first run: seeds the catalogue and keeps it as the last good version
    (paths.catalog_dir() / "items" / "000117007000.toml").write_text("[item\n", encoding="utf-8")
    (paths.calendar_dir() / "2027.toml").write_text('year = 2027\nholidays = ["2027-13-01"]\n', encoding="utf-8")
    ctx = open_context()
    try:
        assert ctx.catalogue_status.degraded and len(ctx.catalogue.items) == 31  # still the last good one (the demo catalogue)
        parent = QWidget()
        qtbot.addWidget(parent)
        _warn_about_data(ctx, parent)
        box = parent.findChild(QMessageBox, "dataProblems")
        assert box is not None
        assert "items/000117007000.toml" in box.detailedText()
        assert "2027.toml" in box.detailedText()
    finally:
        ctx.close()


def test_nothing_is_shown_when_the_data_is_good(ctx, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    _warn_about_data(ctx, parent)
    assert parent.findChild(QMessageBox, "dataProblems") is None


def test_a_hand_edited_bad_setting_is_reported_at_start_and_the_default_used(clerk_home, qtbot):
    open_context().close()  # first run writes the demo settings
    text = paths.settings_path().read_text(encoding="utf-8")
    paths.settings_path().write_text(text.replace("interval_seconds = 5.0", "interval_seconds = inf"), encoding="utf-8")
    ctx = open_context()  # starts, not refused
    try:
        assert ctx.settings.sync.interval_seconds == 5.0
        parent = QWidget()
        qtbot.addWidget(parent)
        _warn_about_data(ctx, parent)
        box = parent.findChild(QMessageBox, "dataProblems")
        assert box is not None
        assert "sync.interval_seconds: 应为有限的数字" in box.detailedText() and "已暂用默认值 5" in box.detailedText()
    finally:
        ctx.close()
