"""The status bar says in Chinese when changes were set aside, and its dialog resends or sets aside."""

from __future__ import annotations

from clerk_app.store import outbox
from clerk_app.store import sync_state as state


def _issue(ctx, kind="print", ref=7):
    with ctx.store.transaction() as s:
        state.add_issue(s, "push", "rejected", kind, ref, "变更内容无法保存：payload.note 含有空字符（NUL）",
                        {"number": "S310107010032611230001", "note": "x"}, "c-1", "e-1")


def test_the_status_bar_link_opens_the_dialog(ctx, qtbot, monkeypatch):
    from clerk_app.ui.status_bar import ClerkStatusBar
    from clerk_app.ui.sync_issues_dialog import SyncIssuesDialog

    _issue(ctx)
    opened = []
    monkeypatch.setattr(SyncIssuesDialog, "exec", lambda self: opened.append(self.table.rowCount()) or 0)
    bar = ClerkStatusBar(ctx)
    qtbot.addWidget(bar)
    bar.issues.click()
    assert opened == [1]


def test_status_bar_shows_issues_in_chinese_and_the_dialog_handles_them(ctx, qtbot, qapp):
    from clerk_app.ui import i18n
    from clerk_app.ui.status_bar import ClerkStatusBar
    from clerk_app.ui.sync_issues_dialog import SyncIssuesDialog

    before = list(i18n._installed)
    i18n.install_translators(qapp)
    try:
        _issue(ctx)
        _issue(ctx, ref=8)
        bar = ClerkStatusBar(ctx)
        qtbot.addWidget(bar)
        bar.show()
        assert bar.issues.isVisible()
        assert bar.issues.text().startswith("2 项同步问题") and "其余照常上传" in bar.issues.text()

        dlg = SyncIssuesDialog(ctx, bar, actor="王五")
        qtbot.addWidget(dlg)
        assert dlg.table.rowCount() == 2 and dlg.windowTitle() == "同步问题"
        assert "空字符" in dlg.table.item(0, 3).text()
        assert dlg.set_aside("已线下核对") is True
        assert dlg.table.rowCount() == 1
        with ctx.store.read() as s:
            waiting_before = outbox.stats(s)[0]
        assert dlg.resend() is True
        assert dlg.table.rowCount() == 0
        with ctx.store.read() as s:
            assert outbox.stats(s)[0] == waiting_before + 1
        bar.refresh()
        assert not bar.issues.isVisible()
    finally:
        for tr in i18n._installed[len(before):]:
            qapp.removeTranslator(tr)
        del i18n._installed[len(before):]
