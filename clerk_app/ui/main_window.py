"""The counter window: who is on duty, the global search, today's work, the intake wizard."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.people import Clerk
from clerk_app.intake.draft import IntakeDraft
from clerk_app.protocol.records import CaseRecord, NoticeRecord
from clerk_app.services import cases, drafts
from clerk_app.services.context import AppContext
from clerk_app.services.intake import IntakeResult
from clerk_app.services.search import THEME, Hit, SearchIndex, index_for
from clerk_app.ui import session
from clerk_app.ui.offline_banner import OfflineBanner
from clerk_app.ui.search_box import SearchBox
from clerk_app.ui.status_bar import ClerkStatusBar
from clerk_app.ui.widgets import heading
from clerk_app.ui.wizard.host import IntakeWizard
from clerk_app.ui.worklist_view import TodayView

if TYPE_CHECKING:
    from clerk_app.ui.enquiry_dialog import EnquiryDialog
    from clerk_app.ui.report_view import ReportView
    from clerk_app.ui.supervision_view import SupervisionView

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    committed = Signal(str)  # a case/notice was written: e.g. ask the sync worker for a round now

    def __init__(self, ctx: AppContext, clerk: Clerk, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.clerk = clerk
        self.index: SearchIndex = index_for(ctx, session.authorised_items(clerk))
        self.wizard: IntakeWizard | None = None
        self.supervision: SupervisionView | None = None
        self.report: ReportView | None = None
        s = ctx.settings
        self.setWindowTitle(self.tr("Window Clerk") + f" — {s.centre.name} {s.window.name}")

        self.clerk_label = QLabel()
        self.clerk_label.setObjectName("clerkLabel")
        self.search = SearchBox(self.index)
        self.search.setMinimumWidth(380)
        self.search.itemChosen.connect(self._item_chosen)
        self.search.numberEntered.connect(self.open_number)
        new_btn = QPushButton(self.tr("New intake (F2)"))
        new_btn.setObjectName("newIntakeButton")
        new_btn.clicked.connect(lambda: self.new_intake())
        header = QFrame()
        header.setObjectName("header")
        header.setStyleSheet("#header { background: #1f4e79; } #header QLabel { color: white; }")
        hl = QHBoxLayout(header)
        hl.setContentsMargins(10, 6, 10, 6)
        hl.addWidget(heading(self.tr("Comprehensive window"), 14))
        hl.addWidget(self.clerk_label)
        hl.addStretch(1)
        hl.addWidget(self.search, 2)
        hl.addWidget(new_btn)
        enquiry_btn = QPushButton(self.tr("Enquiry (Ctrl+E)"))
        enquiry_btn.setObjectName("enquiryButton")
        enquiry_btn.clicked.connect(lambda: self.record_enquiry())
        hl.addWidget(enquiry_btn)

        self.today = TodayView(ctx, clerk)
        self.today.openCase.connect(self.open_number)
        self.today.openNotice.connect(self.open_number)
        self.today.resumeDrafts.connect(self.offer_drafts)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.today)
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(header)
        self.offline_banner = OfflineBanner(ctx, self)
        cl.addWidget(self.offline_banner)
        cl.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status = ClerkStatusBar(ctx, self)
        self.setStatusBar(self.status)
        self._actions()
        self._show_clerk()
        self.today.refresh()

    # -- set-up --------------------------------------------------------------------------
    def _actions(self) -> None:
        m = self.menuBar().addMenu(self.tr("&Intake"))
        self._action(m, self.tr("New intake"), [QKeySequence(Qt.Key.Key_F2), QKeySequence("Ctrl+N")],
                     lambda: self.new_intake())
        self._action(m, self.tr("Unfinished intakes…"), [QKeySequence("Ctrl+R")], self.offer_drafts)
        self._action(m, self.tr("Search"), [QKeySequence("Ctrl+F"), QKeySequence(Qt.Key.Key_F3)], self.focus_search)
        self._action(m, self.tr("Refresh today's work"), [QKeySequence(Qt.Key.Key_F5)], self.today.refresh)
        self._action(m, self.tr("Record an enquiry…"), [QKeySequence("Ctrl+E")], self.record_enquiry)
        v = self.menuBar().addMenu(self.tr("&Supervision"))
        self._action(v, self.tr("Supervision"), [QKeySequence("Ctrl+Shift+S")], self.show_supervision)
        self._action(v, self.tr("Window report"), [QKeySequence("Ctrl+Shift+R")], self.show_report)
        u = self.menuBar().addMenu(self.tr("&User"))
        self._action(u, self.tr("Switch user…"), [QKeySequence("Ctrl+Shift+U")], self.switch_user)
        self._action(u, self.tr("Log out"), [QKeySequence("Ctrl+Shift+L")], self.logout)

    def _action(self, menu, text: str, keys: list[QKeySequence], slot) -> QAction:
        a = QAction(text, self)
        a.setShortcuts(keys)
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.triggered.connect(slot)
        menu.addAction(a)
        self.addAction(a)
        return a

    def _show_clerk(self) -> None:
        c = self.clerk
        s = self.ctx.settings
        badge = c.badge or "—"
        self.clerk_label.setText(self.tr("%1 · badge %2 · window %3").replace("%1", c.display)
                                 .replace("%2", badge).replace("%3", s.window.number))

    # -- search and numbers ------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _item_chosen(self, hit: Hit) -> None:
        draft = IntakeDraft()
        if hit.kind == THEME:
            draft.theme_id = hit.key
        self.new_intake(draft, first=hit)

    def open_number(self, number: str) -> None:
        """Open a scanned/typed case or notice number."""
        from clerk_app.ui.case_dialog import CaseDialog
        from clerk_app.ui.notice_dialog import NoticeDialog

        record = cases.get_any(self.ctx, number)
        if record is None:
            QMessageBox.information(self, self.tr("Not found"),
                                    self.tr("No case or notice numbered %1 at this window.").replace("%1", number))
            return
        if isinstance(record, CaseRecord):
            dlg = CaseDialog(self.ctx, self.clerk, record, self)
            dlg.changed.connect(lambda n: (self.today.refresh(), self.committed.emit(n)))
        else:
            dlg = NoticeDialog(self.ctx, self.clerk, record, self)
            dlg.startIntake.connect(self.intake_from_notice)
        self.last_dialog = dlg
        dlg.open()
        if isinstance(dlg, CaseDialog) and not dlg.supplement_btn.isHidden():
            dlg.open_action("supplement")  # a voucher scanned while materials are owed: straight to them

    def intake_from_notice(self, notice: NoticeRecord) -> None:
        self.new_intake(drafts.draft_from_notice(self.ctx, notice))

    # -- the wizard ----------------------------------------------------------------------
    def new_intake(self, draft: IntakeDraft | None = None, first: Hit | None = None) -> IntakeWizard | None:
        if self.wizard is not None:
            if draft is None and first is None:
                self.wizard.page.focus_first()
                return self.wizard
            self.wizard.close_unfinished()  # keeps its draft; resumable later
        wiz = IntakeWizard(self.ctx, self.clerk, self.index, draft)
        if first is not None:
            wiz.pages[0].add(first)
        wiz.finished.connect(self._intake_finished)
        wiz.closed.connect(self._wizard_closed)
        self.wizard = wiz
        self.stack.addWidget(wiz)
        self.stack.setCurrentWidget(wiz)
        wiz.page.focus_first()
        return wiz

    def _drop_wizard(self) -> None:
        if self.wizard is not None:
            self.stack.removeWidget(self.wizard)
            self.wizard.deleteLater()
            self.wizard = None
        self.stack.setCurrentWidget(self.today)
        self.today.refresh()

    def _wizard_closed(self) -> None:
        self._drop_wizard()

    def _intake_finished(self, result: IntakeResult) -> None:
        from clerk_app.ui.finish_dialog import FinishDialog

        self._drop_wizard()
        self.committed.emit(result.number)
        self.status.refresh()
        dlg = FinishDialog(self.ctx, self.clerk, result, self)
        self.last_dialog = dlg
        dlg.open()

    def offer_drafts(self) -> None:
        from clerk_app.ui.drafts_dialog import DraftsDialog

        if not drafts.list_drafts(self.ctx, self.clerk.id):
            return
        dlg = DraftsDialog(self.ctx, self.clerk, self)
        self.last_dialog = dlg
        dlg.accepted.connect(lambda: dlg.chosen is not None and self.new_intake(dlg.chosen))
        dlg.finished.connect(lambda _r: self.today.refresh())
        dlg.open()

    def offer_drafts_soon(self) -> None:
        QTimer.singleShot(0, self.offer_drafts)

    # -- enquiries, supervision and the report ---------------------------------------------------
    def record_enquiry(self) -> EnquiryDialog:
        from clerk_app.ui.enquiry_dialog import EnquiryDialog

        dlg = EnquiryDialog(self.ctx, self.clerk, self)
        dlg.recorded.connect(lambda _r: (self.committed.emit(""), self.status.refresh()))
        self.last_dialog = dlg
        dlg.open()
        return dlg

    def _back_to_work(self) -> None:
        self.stack.setCurrentWidget(self.wizard or self.today)
        if self.wizard is None:
            self.today.refresh()

    def show_supervision(self) -> SupervisionView:
        from clerk_app.ui.supervision_view import SupervisionView

        if self.supervision is None:
            self.supervision = SupervisionView(self.ctx)
            self.supervision.openCase.connect(self.open_number)
            self.supervision.back.connect(self._back_to_work)
            self.stack.addWidget(self.supervision)
        self.supervision.refresh()
        self.stack.setCurrentWidget(self.supervision)
        self.supervision.cases.setFocus()
        return self.supervision

    def show_report(self) -> ReportView:
        from clerk_app.ui.report_view import ReportView

        if self.report is None:
            self.report = ReportView(self.ctx)
            self.report.back.connect(self._back_to_work)
            self.stack.addWidget(self.report)
        self.report.refresh()
        self.stack.setCurrentWidget(self.report)
        self.report.start.setFocus()
        return self.report

    # -- users ---------------------------------------------------------------------------
    def set_clerk(self, clerk: Clerk) -> None:
        self._close_dialogs()  # e.g. switched at the lock screen: nothing the previous clerk opened goes on in their name
        if self.wizard is not None:
            self.wizard.close_unfinished()
        self.clerk = clerk
        self.index = index_for(self.ctx, session.authorised_items(clerk))
        self.search.set_index(self.index)
        self.today.set_clerk(clerk)
        self._show_clerk()
        self.offer_drafts_soon()

    def _close_dialogs(self) -> None:
        """Close the dialogs still open on this window (a case, the voucher step, an enquiry), innermost first."""
        def depth(w: QWidget) -> int:
            n, up = 0, w.parentWidget()
            while up is not None:
                n, up = n + 1, up.parentWidget()
            return n

        for dlg in sorted(self.findChildren(QDialog), key=depth, reverse=True):
            if dlg.isVisible():
                dlg.reject()

    def switch_user(self) -> None:
        clerk = session.login(self.ctx, self)
        if clerk is not None:
            self.set_clerk(clerk)

    def logout(self) -> None:
        if self.wizard is not None:
            self.wizard.close_unfinished()
        session.logout(self.ctx, self.clerk)
        self.hide()
        clerk = session.login(self.ctx, None)
        if clerk is None:
            self.close()
            return
        self.set_clerk(clerk)
        self.show()

    def current_clerk(self) -> Clerk:
        return self.clerk

    # -- closing mid-intake ------------------------------------------------------------------
    KEEP, DISCARD, CANCEL = "keep", "discard", "cancel"

    def _intake_worth_keeping(self) -> bool:
        wiz = self.wizard
        return wiz is not None and bool(wiz.flow.draft.selections or wiz.flow.draft.draft_id)

    def ask_keep_draft(self) -> QMessageBox:
        """Ask (window-modal, not blocking) whether the open intake stays as a draft; the answer closes or not."""
        box = self.findChild(QMessageBox, "keepDraft")
        if box is not None and box.isVisible():  # asked already: the clerk pressed close again
            box.raise_()
            return box
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unfinished intake"),
                          self.tr("An intake is not finished. Keep it as a draft to resume later?"),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("keepDraft")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        keep = box.addButton(self.tr("Keep the draft"), QMessageBox.ButtonRole.AcceptRole)
        keep.setObjectName("keepDraftButton")
        discard = box.addButton(self.tr("Discard it"), QMessageBox.ButtonRole.DestructiveRole)
        discard.setObjectName("discardDraftButton")
        cancel = box.addButton(self.tr("Do not close"), QMessageBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancelCloseButton")
        box.setDefaultButton(keep)
        box.setEscapeButton(cancel)
        answers = {id(keep): self.KEEP, id(discard): self.DISCARD}
        box.finished.connect(lambda _r: self._keep_draft_answered(answers.get(id(box.clickedButton()), self.CANCEL)))
        box.open()
        return box

    def _keep_draft_answered(self, answer: str) -> None:
        if answer == self.CANCEL or self.wizard is None:
            return
        d = self.wizard.flow.draft
        self.wizard.close_unfinished()  # saves the draft with what the current page holds
        if answer == self.DISCARD and d.draft_id:
            try:
                drafts.discard(self.ctx, d.draft_id, self.clerk)
            except Exception:  # the draft then stays; better than not closing
                log.exception("discarding the draft at close failed")
        self.close()

    def closeEvent(self, ev: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self._intake_worth_keeping():
            ev.ignore()  # closes once the clerk has answered (a blocking question would stall shutdown paths)
            self.ask_keep_draft()
            return
        if self.wizard is not None:
            self.wizard.close_unfinished()  # nothing chosen yet: nothing is saved
        session.logout(self.ctx, self.clerk, "app_closed")
        super().closeEvent(ev)
