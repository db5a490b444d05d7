"""A banner over the main window: out of contact too long, clock off, or the store gone from under it."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from clerk_app.services.offline_limits import offline_state
from clerk_app.services.store_open import StoreProblem

log = logging.getLogger(__name__)
_NOTE = "#offlineBanner { background: #fff3cd; color: #7a4b00; padding: 6px 10px; border-bottom: 1px solid #e0c36a; }"
_ALARM = "#offlineBanner { background: #f8d7da; color: #842029; padding: 6px 10px; font-weight: bold; }"


class OfflineBanner(QLabel):
    def __init__(self, ctx, parent: QWidget | None = None, interval_ms: int = 30_000):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("offlineBanner")
        self.setWordWrap(True)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(interval_ms)
        self.refresh()

    def refresh(self) -> None:
        alarm = False
        try:
            text = offline_state(self.ctx).banner  # Chinese, from the service
        except StoreProblem as exc:  # e.g. the store was deleted under the running window
            text, alarm = str(exc), True
        except Exception:  # a banner must never take the window down
            log.exception("offline banner refresh failed")
            return
        self.setProperty("alarm", alarm)
        self.setStyleSheet(_ALARM if alarm else _NOTE)
        self.setText(text or "")
        self.setVisible(bool(text))
