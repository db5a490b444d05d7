"""A banner over the main window when the window has been out of contact too long or its clock is off."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from clerk_app.services.offline_limits import offline_state

log = logging.getLogger(__name__)


class OfflineBanner(QLabel):
    def __init__(self, ctx, parent: QWidget | None = None, interval_ms: int = 60_000):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("offlineBanner")
        self.setWordWrap(True)
        self.setStyleSheet("#offlineBanner { background: #fff3cd; color: #7a4b00; padding: 6px 10px;"
                           " border-bottom: 1px solid #e0c36a; }")
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(interval_ms)
        self.refresh()

    def refresh(self) -> None:
        try:
            text = offline_state(self.ctx).banner  # Chinese, from the service
        except Exception:  # a banner must never take the window down
            log.exception("offline banner refresh failed")
            return
        self.setText(text or "")
        self.setVisible(bool(text))
