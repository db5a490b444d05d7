"""Composition root of the window app: data folder, logging, context, then the Qt UI."""

from __future__ import annotations

import os
import sys


def run_gui(argv: list[str] | None = None) -> int:
    os.umask(0o077)  # files under the data folder: 0600, folders 0700
    from clerk_app import logging_setup

    logging_setup.setup()
    from clerk_app.ui.main import main as ui_main

    return ui_main(argv or sys.argv[:1])
