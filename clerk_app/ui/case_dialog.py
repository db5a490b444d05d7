"""A case at a glance: materials, history, reprint, and the window's actions on it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain import numbers
from clerk_app.domain.case import STATUS_LABELS
from clerk_app.domain.decision import STATUS_LABELS as MATERIAL_LABELS
from clerk_app.domain.decision import MaterialStatus
from clerk_app.domain.identity import mask_id
from clerk_app.domain.people import Clerk
from clerk_app.domain.ratings import Service
from clerk_app.protocol.records import CaseRecord
from clerk_app.services import case_actions, cases, clock, ratings
from clerk_app.services.context import AppContext
from clerk_app.ui.action_dialogs import action_dialog
from clerk_app.ui.document_buttons import DocumentButtons
from clerk_app.ui.rating_window import RatingPrompt, applicant_screen
from clerk_app.ui.widgets import heading

# The object names the keyboard and UI tests know the hand-made actions' buttons by.
_BUTTON_NAMES = {"supplement": "supplementButton", "decide_on_spot": "decideOnSpotButton",
                 "hand_out": "handOutButton", "mail": "mailButton"}


def _table(headers: list[str], rows: list[list[str]], name: str, wide: tuple[int, ...]) -> QTableWidget:
    """A read-only table for the case view that fits the dialog at 1366×768.

    Short columns take their contents' width; the ``wide`` ones (names, problems, notes) share
    what is left and wrap, rows growing to fit, so nothing is cut off on the right; if the
    short ones alone are too wide, a scroll bar appears. Tab leaves the table (arrows move
    inside it), so the keyboard does not get stuck in it on the way to the actions.
    """
    t = QTableWidget(len(rows), len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setTabKeyNavigation(False)
    t.setWordWrap(True)
    t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    header = t.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for col in wide:
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(48)
    t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            it = QTableWidgetItem(v)
            it.setToolTip(v)
            t.setItem(i, j, it)
    return t


class CaseDialog(QDialog):
    changed = Signal(str)

    def __init__(self, ctx: AppContext, clerk: Clerk, case: CaseRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseDialog")
        self.ctx = ctx
        self.clerk = clerk
        self.case = case
        self.setWindowTitle(self.tr("Case %1").replace("%1", case.case_no))
        # as large as the counter window allows, up to 1100×720 (what a 1366×768 monitor gives)
        room = parent.window().size() if parent is not None else self.screen().availableGeometry().size()
        self.resize(min(1100, room.width() - 40), min(720, room.height() - 40))
        self.lay = QVBoxLayout(self)
        self._just_handed_out = False
        self._build()

    def _build(self) -> None:
        c = self.case
        while self.lay.count():
            w = self.lay.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        top = QWidget()
        tl = QHBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        title = heading(f"{numbers.pretty(c.case_no)}　{c.status_label}", 15)
        title.setObjectName("caseTitle")
        tl.addWidget(title, 1)
        self.lay.addWidget(top)

        facts = QGroupBox(self.tr("Case"))
        form = QFormLayout(facts)
        a = c.applicant
        form.addRow(self.tr("Items"), QLabel("、".join(f"{i.name}（{i.situation_name}）" for i in c.items)))
        form.addRow(self.tr("Applicant"), QLabel(f"{a.name}　{mask_id(a.id_number)}　{a.phone}"))
        if c.agent is not None:
            form.addRow(self.tr("Agent"), QLabel(f"{c.agent.name}　{mask_id(c.agent.id_number)}"))
        form.addRow(self.tr("Outcome"), QLabel(c.outcome_label + (f"（{c.not_accepted_reason}）"
                                                                  if c.not_accepted_reason else "")))
        form.addRow(self.tr("Received"), QLabel(f"{c.received_at:%Y-%m-%d %H:%M}"))
        mark = " *" if c.deadline_provisional else ""
        time = clock.view(self.ctx.calendar, c, self.ctx.clock().date())  # suspended, not counted, late
        due = QLabel(time.due_text + (mark if c.due_date else ""))
        due.setObjectName("caseDue")
        form.addRow(self.tr("Due"), due)
        for text in time.stops:
            stop = QLabel(text)
            stop.setObjectName("clockStop")
            stop.setWordWrap(True)
            form.addRow(self.tr("Not counted"), stop)
        if time.overdue:
            late = QLabel("；".join(time.overdue) + "\n" + time.overdue_outcome)
            late.setObjectName("toleratedOverdue")
            late.setWordWrap(True)
            late.setStyleSheet("color: #b00020; font-weight: bold;")
            form.addRow(self.tr("Tolerated materials overdue"), late)
        if c.supplement_due:
            form.addRow(self.tr("Tolerated materials due"), QLabel(c.supplement_due.isoformat() + mark))
        if c.deadline_provisional:
            note = QLabel(self.tr("* Provisional: the official holidays of that year are not published yet; "
                                  "counted over weekends, recomputed when they arrive."))
            note.setObjectName("provisionalNote")
            note.setWordWrap(True)
            form.addRow("", note)
        promised = c.after_decision_commitments()
        if promised:  # 告知承诺 materials to deliver after the decision, dated once the case is decided
            due = QLabel("\n".join(f"{m.name}：{m.after_decision_text()}" for m in promised))
            due.setObjectName("afterDecisionDue")
            due.setWordWrap(True)
            form.addRow(self.tr("Promised after the decision"), due)
        form.addRow(self.tr("Delivery"), QLabel(self.tr("by mail to %1").replace("%1", c.delivery.address)
                                                if c.delivery.method == "mail" else self.tr("pick up at the window")))
        if c.tracking_no:  # mailed: the courier and its tracking number (results out)
            mailed = QLabel(f"{c.courier}　{c.tracking_no}")
            mailed.setObjectName("trackingNo")
            mailed.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(self.tr("Tracking number"), mailed)
        self.lay.addWidget(facts)

        mats = [[m.name, m.form_label or m.form, m.received_text() or str(m.copies),
                 MATERIAL_LABELS.get(MaterialStatus(m.status), m.status) if m.status in
                 {s.value for s in MaterialStatus} else m.status,
                 m.problem or "", m.supplement_due.isoformat() if m.supplement_due else "",
                 f"{m.supplied_at:%Y-%m-%d %H:%M}" if m.supplied_at else ""] for m in c.materials]
        self.lay.addWidget(_table([self.tr("Material"), self.tr("Form"), self.tr("Copies"), self.tr("Received as"),
                                   self.tr("Problem"), self.tr("Bring by"), self.tr("Supplied")], mats,
                                  "caseMaterials", wide=(0, 4)), 2)
        evs = [[f"{e.at:%Y-%m-%d %H:%M}", STATUS_LABELS[e.to], e.actor, e.note] for e in c.events or []]
        self.lay.addWidget(_table([self.tr("Time"), self.tr("Status"), self.tr("By"), self.tr("Note")], evs,
                                  "caseEvents", wide=(3,)), 1)

        docs = QGroupBox(self.tr("Reprint"))
        QVBoxLayout(docs).addWidget(DocumentButtons(self.ctx, self.clerk, c.case_no))
        self.lay.addWidget(docs)

        self.rating: RatingPrompt | None = None
        if Service.HAND_OUT in ratings.unrated_services(self.ctx, c.case_no):  # 好差评 of the hand-out
            self.rating = RatingPrompt(self.ctx, self.clerk, c.case_no, Service.HAND_OUT, self)
            self.lay.addWidget(self.rating)
            if self._just_handed_out and applicant_screen() is not None:
                self.rating.ask()
        self._just_handed_out = False

        actions = QHBoxLayout()
        offered = set(case_actions.offered(self.ctx, c, self.clerk))  # the rules are the actions' own
        labels = {"supplement": self.tr("Record supplement received"),
                  "decide_on_spot": self.tr("Decide on the spot (chief representative)"),
                  "hand_out": self.tr("Hand out result"), "mail": self.tr("Mail result")}
        order = ["supplement", "decide_on_spot", "hand_out", "mail"]
        names = [n for n in order if n in case_actions.case_actions()]
        names += [n for n in case_actions.case_actions() if n not in order]
        self.action_buttons: dict[str, QPushButton] = {}
        for name in names:  # one button per action; an action added as a module gets one too
            action = case_actions.case_actions()[name]
            label = labels.get(name, action.title)
            b = self._button(actions, f"{label}（{action.shortcut}）" if action.shortcut else label,
                             _BUTTON_NAMES.get(name, f"action:{name}"), lambda _=False, n=name: self.open_action(n))
            if action.shortcut:  # fires only while the button is shown, i.e. while the action is offered
                b.setShortcut(QKeySequence(action.shortcut))
            b.setVisible(name in offered)
            self.action_buttons[name] = b
        self.supplement_btn = self.action_buttons["supplement"]
        self.decide_btn = self.action_buttons["decide_on_spot"]
        self.handout_btn = self.action_buttons["hand_out"]
        self.mail_btn = self.action_buttons["mail"]
        actions.addStretch(1)
        close = self._button(actions, self.tr("Close (Esc)"), "closeCase", self.accept)
        holder = QWidget()
        holder.setLayout(actions)
        self.lay.addWidget(holder)
        # after an action the view is rebuilt: the keyboard lands on the next thing to do, not nowhere
        first = next((self.action_buttons[n] for n in names if n in offered), close)
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _button(self, lay: QHBoxLayout, text: str, name: str, slot) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setAutoDefault(False)
        b.clicked.connect(slot)
        lay.addWidget(b)
        return b

    def _reload(self) -> None:
        fresh = cases.get_case(self.ctx, self.case.case_no)
        if fresh:
            self.case = fresh
        self._build()
        self.changed.emit(self.case.case_no)

    def open_action(self, name: str) -> QDialog:
        """Open the form of action ``name`` (its own, or the one built from its inputs)."""
        dlg = action_dialog(self.ctx, self.clerk, self.case, name, self)
        if name == "hand_out":
            dlg.accepted.connect(lambda: setattr(self, "_just_handed_out", True))
        dlg.accepted.connect(self._reload)
        self.action_dialog = dlg
        dlg.open()
        return dlg
