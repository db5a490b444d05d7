"""The status bar: online/offline, cases waiting to replicate and since when, catalogue version."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from clerk_app.services.context import AppContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncView:
    online: bool | None  # None: no sync component installed or configured
    waiting: int
    waiting_since: datetime | None
    last_error: str | None
    last_success: datetime | None = None
    clock_skew_seconds: float | None = None
    issues: int = 0  # refused changes set aside for the admin (the rest keep flowing)


def read_sync(ctx: AppContext) -> SyncView:
    """Read the sync state (issue 6 API when present, else the outbox figures)."""
    try:
        from clerk_app.sync.status import read_status
    except ImportError:
        read_status = None
    if read_status is not None:
        try:
            st = read_status(ctx)
            state = str(getattr(st, "state", "") or "")
            online = None if state in ("", "not_enrolled", "disabled") else state in ("online", "syncing")
            return SyncView(online, int(getattr(st, "waiting", 0) or 0), getattr(st, "waiting_since", None),
                            getattr(st, "last_error", None), getattr(st, "last_success", None),
                            getattr(st, "clock_skew_seconds", None), int(getattr(st, "issues", 0) or 0))
        except Exception:  # the status bar must never take the window down
            log.exception("reading sync status failed")
    from clerk_app.services.outbox_status import waiting

    n, since, err = waiting(ctx)
    return SyncView(None, n, since, err)


class ClerkStatusBar(QStatusBar):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, interval_ms: int = 5000):
        super().__init__(parent)
        self.ctx = ctx
        self.conn = QLabel()
        self.conn.setObjectName("syncState")
        self.waiting = QLabel()
        self.waiting.setObjectName("syncWaiting")
        self.catalogue = QLabel()
        self.issues = QPushButton()
        self.issues.setObjectName("syncIssues")
        self.issues.setFlat(True)
        self.issues.setStyleSheet("color: #b3261e; text-decoration: underline;")
        self.issues.clicked.connect(self.open_issues)
        self.issues.hide()
        self.addWidget(self.conn)
        self.addWidget(self.waiting)
        self.addWidget(self.issues)
        self.redated = QLabel()  # cases whose dates a newly arrived holiday calendar moved
        self.redated.setObjectName("redated")
        self.redated.setStyleSheet("color: #8a5a00;")
        self.redated.hide()
        self.addWidget(self.redated)
        self.addPermanentWidget(self.catalogue)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(interval_ms)
        self.refresh()

    def refresh(self) -> None:
        try:
            v = read_sync(self.ctx)
        except Exception:
            log.exception("status bar refresh failed")
            return
        if v.online is None:
            self.conn.setText("● " + self.tr("Not connected to the centre"))
            self.conn.setStyleSheet("color: #666;")
        elif v.online:
            self.conn.setText("● " + self.tr("Online"))
            self.conn.setStyleSheet("color: #1e7b34;")
        else:
            self.conn.setText("● " + self.tr("Offline"))
            self.conn.setStyleSheet("color: #b3261e;")
        if v.waiting:
            since = f"{v.waiting_since:%m-%d %H:%M}" if v.waiting_since else "?"
            text = self.tr("%1 changes waiting to upload (since %2)").replace("%1", str(v.waiting)).replace("%2", since)
            if v.last_error:
                text += " · " + self.tr("last error: %1").replace("%1", v.last_error[:80])
        else:
            text = self.tr("Everything uploaded")
        if v.clock_skew_seconds and abs(v.clock_skew_seconds) > 120:
            text += " · " + self.tr("PC clock differs from the centre by %1 s").replace(
                "%1", str(int(v.clock_skew_seconds)))
        self.waiting.setText(text)
        from clerk_app.ui.sync_issues_dialog import issues_button_text

        self.issues.setText(issues_button_text(v.issues))
        self.issues.setVisible(v.issues > 0)
        changed = self.ctx.redated
        if changed:
            self.redated.setText(self.tr("Holiday calendar updated: dates of %1 case(s) recomputed").replace(
                "%1", str(len(changed))))
            self.redated.setToolTip("\n".join(ch.describe() for ch in changed))
        self.redated.setVisible(bool(changed))
        st = self.ctx.catalogue_status
        self.catalogue.setText(self.tr("Catalogue %1").replace("%1", st.version[:8])
                               + (" ⚠" if st.degraded else ""))
        self.catalogue.setToolTip(st.message())

    def open_issues(self) -> None:
        from clerk_app.ui.sync_issues_dialog import SyncIssuesDialog

        clerk = getattr(self.window(), "clerk", None)  # the signed-in clerk acts (and is audited)
        dlg = SyncIssuesDialog(self.ctx, self, actor=getattr(clerk, "display", None))
        dlg.exec()
        self.refresh()
