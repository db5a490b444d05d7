"""The wizard host: pages for the flow's steps, Enter to go on, Esc to go back, a draft at each step.

The host holds no intake rule and no navigation rule: the engine (:class:`IntakeFlow`) says
which step is shown, which comes next or back, and whether the step may proceed; the host shows
the page for the engine's step. Finishing calls ``services.intake.submit``, the same service
``clerk intake`` uses.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.people import Clerk
from clerk_app.intake.draft import IntakeDraft
from clerk_app.intake.flow import STEP_TITLES, STEPS, IntakeFlow
from clerk_app.services import drafts
from clerk_app.services.context import AppContext
from clerk_app.services.intake import IntakeRejected, IntakeResult, submit
from clerk_app.services.search import SearchIndex
from clerk_app.services.store_open import StoreProblem
from clerk_app.ui.widgets import heading, hint
from clerk_app.ui.wizard.applicant_page import ApplicantPage
from clerk_app.ui.wizard.decision_page import DecisionPage
from clerk_app.ui.wizard.items_page import ItemsPage
from clerk_app.ui.wizard.materials_page import MaterialsPage
from clerk_app.ui.wizard.page import WizardPage
from clerk_app.ui.wizard.situation_page import SituationPage

log = logging.getLogger(__name__)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class IntakeWizard(QWidget):
    """Emits ``finished(result)`` after a committed intake, ``closed()`` when left unfinished."""

    finished = Signal(object)
    closed = Signal()

    def __init__(self, ctx: AppContext, clerk: Clerk, index: SearchIndex, draft: IntakeDraft | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("intakeWizard")
        self.ctx = ctx
        self.clerk = clerk
        self.flow = IntakeFlow(ctx.catalogue, ctx.calendar, draft,
                               mail_max_age_days=ctx.settings.centre.mail_max_age_days)
        self.pages: list[WizardPage] = [
            ItemsPage(ctx, clerk, index),
            SituationPage(ctx, clerk),
            ApplicantPage(ctx, clerk),
            MaterialsPage(ctx, clerk),
            DecisionPage(ctx, clerk),
        ]
        self.stack = QStackedWidget()
        for p in self.pages:
            self.stack.addWidget(p)
        self.by_step = {p.step: p for p in self.pages}
        self.steps = QListWidget()
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.steps.setFixedWidth(150)
        for i, p in enumerate(self.pages, 1):
            self.steps.addItem(f"{i}. {STEP_TITLES[p.step]}")
        self.title = heading("", 15)
        self.notice_label = hint()
        self.back_btn = QPushButton(self.tr("Back (Esc)"))
        self.next_btn = QPushButton(self.tr("Next (Enter)"))
        self.finish_btn = QPushButton(self.tr("Finish intake (Enter)"))
        self.close_btn = QPushButton(self.tr("Save and close"))
        for b, name in ((self.back_btn, "backButton"), (self.next_btn, "nextButton"),
                        (self.finish_btn, "finishButton"), (self.close_btn, "closeButton")):
            b.setObjectName(name)
            b.setAutoDefault(True)  # Enter on a focused button clicks it (Back is not Next)
        self.back_btn.clicked.connect(self.back)
        self.next_btn.clicked.connect(self.next)
        self.finish_btn.clicked.connect(self.finish)
        self.close_btn.clicked.connect(self.close_unfinished)

        buttons = QHBoxLayout()
        buttons.addWidget(self.close_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.back_btn)
        buttons.addWidget(self.next_btn)
        buttons.addWidget(self.finish_btn)
        main = QVBoxLayout()
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.notice_label)
        main.addLayout(head)
        main.addWidget(self.stack, 1)
        main.addLayout(buttons)
        outer = QHBoxLayout(self)
        outer.addWidget(self.steps)
        outer.addLayout(main, 1)

        QWidget.setTabOrder(self.back_btn, self.next_btn)
        QWidget.setTabOrder(self.next_btn, self.finish_btn)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.back,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._done = False
        self._show()

    # -- navigation --------------------------------------------------------------------
    @property
    def page(self) -> WizardPage:
        return self.by_step[self.flow.step]

    def _go(self, index: int) -> None:
        """Show the ``index``-th step directly (scripts and screenshots)."""
        self.flow.jump(STEPS[index])
        self._show()

    def _show(self) -> None:
        page = self.page
        index = STEPS.index(page.step)
        self.stack.setCurrentWidget(page)
        self.steps.setCurrentRow(index)
        self.title.setText(f"{index + 1}. {STEP_TITLES[page.step]}")
        nb = self.flow.draft.notice_no
        self.notice_label.setText(self.tr("Follows up notice %1").replace("%1", nb) if nb else "")
        page.enter(self.flow)
        last = self.flow.is_last
        self.next_btn.setVisible(not last)
        self.finish_btn.setVisible(last)
        self.back_btn.setEnabled(not self.flow.is_first)
        last_widget = page.last_in_tab_order()
        if last_widget is not None:
            QWidget.setTabOrder(last_widget, self.finish_btn if last else self.next_btn)
        page.focus_first()

    def _accept_page(self) -> bool:
        """Take the current page's input into the flow; show its errors and say whether it may proceed."""
        page = self.page
        page.leave(self.flow)
        errs = self.flow.step_errors(self.ctx.clock())
        if errs:
            page.show_errors(errs)
            return False
        return True

    def next(self) -> bool:
        """Validate the current step; on success save the draft and show the engine's next step."""
        if self._done:  # committed or closed: a late Enter or click changes nothing (no second case)
            return False
        if not self._accept_page():
            return False
        if self.flow.is_last:
            return self._commit()
        errs = self.flow.go_next(self.ctx.clock())
        self._save_draft()  # after moving: the draft keeps the step it resumes at
        if errs:  # cannot happen after _accept_page, but never move on an invalid step
            self.page.show_errors(errs)
            return False
        self._show()
        return True

    def back(self) -> None:
        if self._done:  # a late Esc must not save the committed intake's draft again
            return
        if self.flow.is_first:
            self.close_unfinished()
            return
        self.page.leave(self.flow)
        self.flow.go_back()
        self._save_draft()
        self._show()

    def keyPressEvent(self, ev: QKeyEvent) -> None:  # noqa: N802 - Qt API
        # Enter reaches here when the focused widget did not use it (line edits, radios, combos).
        if ev.key() in _ENTER and ev.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                      Qt.KeyboardModifier.KeypadModifier):
            ev.accept()
            self.next()
            return
        super().keyPressEvent(ev)

    # -- drafts and finishing --------------------------------------------------------------
    def _save_draft(self) -> None:
        if not self.flow.draft.selections and self.flow.draft.draft_id is None:
            return  # nothing worth resuming yet
        try:
            drafts.save(self.ctx, self.clerk, self.flow.draft)
        except Exception:  # never lose the page over a failed save; say so
            log.exception("saving the intake draft failed")
            QMessageBox.warning(self, self.tr("Draft not saved"),
                                self.tr("The unfinished intake could not be saved. Please finish it now."))

    def close_unfinished(self) -> None:
        """Leave the wizard; the draft stays and can be resumed from the start screen."""
        if self._done:
            return
        self.page.leave(self.flow)
        self._save_draft()
        self._done = True
        self.closed.emit()

    def finish(self) -> bool:
        return not self._done and self._accept_page() and self._commit()

    def _commit(self) -> bool:
        """Commit the intake (the current page is already validated)."""
        page = self.page
        try:
            result: IntakeResult = submit(self.ctx, self.flow, self.clerk)
        except IntakeRejected as exc:
            page.show_errors(exc.errors)
            return False
        except StoreProblem as exc:  # e.g. 磁盘空间不足: say what happened and the way out
            log.error("intake submit failed: %s", type(exc).__name__)
            QMessageBox.critical(self, self.tr("Not saved"), f"{exc.message}\n{exc.way_out}")
            return False
        except Exception:
            log.exception("intake submit failed")
            self._save_draft()
            QMessageBox.critical(self, self.tr("Not saved"),
                                 self.tr("The intake could not be saved; nothing was recorded. The draft is kept, please try again."))
            return False
        self._done = True
        self.finished.emit(result)
        return True
