"""好差评 at the counter: the applicant rates on their own screen; the clerk cannot pick for them.

- :class:`ApplicantRatingPanel` is what the applicant sees: who served them, five large level
  buttons and, for a 差评, what was wrong (the fixed list) and a comment.
- With a second screen attached (``QGuiApplication.screens()``), the panel is shown full screen
  on it in a frameless :class:`ApplicantRatingWindow`; otherwise in an
  :class:`ApplicantRatingDialog` filling the clerk's screen, turned to the applicant, whose only
  clerk control is a small "applicant does not rate" button.
- :class:`RatingPrompt` is the clerk's side: "ask the applicant to rate", "not rated" and
  "cancel" — never a level. It records through ``services.ratings.rate``.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.people import Clerk
from clerk_app.domain.ratings import BAD, LEVEL_LABELS, PROBLEMS, RATED, SERVICE_LABELS, RatingLevel, Service
from clerk_app.services import ratings
from clerk_app.services.case_actions import ActionRefused
from clerk_app.services.cases import CaseNotFound, get_case
from clerk_app.services.context import AppContext

THANKS_MS = 3000  # how long the applicant's screen says thank you before it closes
_LEVEL_COLOURS = {RatingLevel.VERY_SATISFIED: "#1b7f3b", RatingLevel.SATISFIED: "#3a9a4f",
                  RatingLevel.BASIC: "#7a8a2a", RatingLevel.DISSATISFIED: "#c26a12",
                  RatingLevel.VERY_DISSATISFIED: "#b3261e"}


def applicant_screen() -> QScreen | None:
    """The screen facing the applicant: a screen other than the primary one, if one is attached."""
    primary = QGuiApplication.primaryScreen()
    others = [s for s in QGuiApplication.screens() if s is not primary]
    return others[0] if others else None


def _font(w: QWidget, size: int, bold: bool = False) -> None:
    f = QFont(w.font())
    f.setPointSize(size)
    f.setBold(bold)
    w.setFont(f)


class ApplicantRatingPanel(QWidget):
    """The applicant's side: pick a level; for a 差评 say what was wrong. Emits ``chosen``."""

    chosen = Signal(str, list, str)  # level value, problem labels, comment

    def __init__(self, service: Service, served_by: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("applicantRatingPanel")
        self.level: RatingLevel | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(40, 30, 40, 30)
        lay.setSpacing(18)
        title = QLabel(self.tr("Please rate this %1 service").replace("%1", SERVICE_LABELS[service]))
        title.setObjectName("ratingTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        _font(title, 26, True)
        lay.addWidget(title)
        who = QLabel(self.tr("Served by: %1").replace("%1", served_by))
        who.setObjectName("ratingServedBy")
        who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        _font(who, 16)
        lay.addWidget(who)
        self.pages = QStackedWidget()
        lay.addWidget(self.pages, 1)

        levels = QWidget()
        ll = QHBoxLayout(levels)
        ll.setSpacing(16)
        self.level_buttons: dict[RatingLevel, QPushButton] = {}
        for lv in RATED:
            b = QPushButton(LEVEL_LABELS[lv])
            b.setObjectName(f"level:{lv.value}")
            b.setMinimumSize(180, 180)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a touch screen: no keyboard focus to steal
            _font(b, 24, True)
            b.setStyleSheet(f"QPushButton {{ background: {_LEVEL_COLOURS[lv]}; color: white; border-radius: 16px; }}")
            b.clicked.connect(lambda _=False, v=lv: self._pick(v))
            ll.addWidget(b)
            self.level_buttons[lv] = b
        self.pages.addWidget(levels)

        bad = QWidget()
        bl = QVBoxLayout(bad)
        self.bad_title = QLabel()
        self.bad_title.setObjectName("ratingBadTitle")
        _font(self.bad_title, 18, True)
        bl.addWidget(self.bad_title)
        grid = QGridLayout()
        self.problem_buttons: dict[str, QPushButton] = {}
        for i, p in enumerate(PROBLEMS):
            b = QPushButton(p)
            b.setObjectName(f"problem:{p}")
            b.setCheckable(True)
            b.setMinimumHeight(64)
            _font(b, 18)
            b.setStyleSheet("QPushButton:checked { background: #c26a12; color: white; }")
            grid.addWidget(b, i // 3, i % 3)
            self.problem_buttons[p] = b
        bl.addLayout(grid)
        self.comment = QLineEdit()
        self.comment.setObjectName("ratingComment")
        self.comment.setMaxLength(200)
        self.comment.setPlaceholderText(self.tr("Anything else you want to tell us (optional)"))
        self.comment.setMinimumHeight(56)
        _font(self.comment, 16)
        bl.addWidget(self.comment)
        row = QHBoxLayout()
        back = QPushButton(self.tr("Choose again"))
        back.setObjectName("ratingBack")
        back.setMinimumHeight(64)
        _font(back, 18)
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.submit = QPushButton(self.tr("Submit rating"))
        self.submit.setObjectName("ratingSubmit")
        self.submit.setMinimumHeight(64)
        _font(self.submit, 18, True)
        self.submit.clicked.connect(self._submit)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.submit)
        bl.addLayout(row)
        self.pages.addWidget(bad)

        self.thanks = QLabel(self.tr("Thank you for your rating"))
        self.thanks.setObjectName("ratingThanks")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        _font(self.thanks, 30, True)
        self.pages.addWidget(self.thanks)

    def _pick(self, level: RatingLevel) -> None:
        self.level = level
        if level not in BAD:
            self.chosen.emit(level.value, [], "")
            return
        self.bad_title.setText(self.tr("You chose %1. What went wrong? (choose any)").replace(
            "%1", LEVEL_LABELS[level]))
        self.pages.setCurrentIndex(1)

    def _submit(self) -> None:
        if self.level is None:
            return
        problems = [p for p, b in self.problem_buttons.items() if b.isChecked()]
        self.chosen.emit(self.level.value, problems, self.comment.text())

    def show_thanks(self) -> None:
        self.pages.setCurrentWidget(self.thanks)


class ApplicantRatingWindow(QWidget):
    """The panel full screen on the applicant's screen: frameless, nothing of the clerk's."""

    def __init__(self, panel: ApplicantRatingPanel, screen: QScreen):
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("applicantRatingWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)  # the clerk keeps the keyboard
        self.setWindowTitle(self.tr("Rating"))
        self.panel = panel
        QVBoxLayout(self).addWidget(panel)
        self.setScreen(screen)
        self.setGeometry(screen.geometry())


class ApplicantRatingDialog(QDialog):
    """One screen: the panel fills it, turned to the applicant; the clerk's only control is 'not rated'."""

    not_rated = Signal()

    def __init__(self, panel: ApplicantRatingPanel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("applicantRatingDialog")
        self.setWindowTitle(self.tr("Rating"))
        self.panel = panel
        lay = QVBoxLayout(self)
        lay.addWidget(panel, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.not_rated_btn = QPushButton(self.tr("Applicant does not rate"))
        self.not_rated_btn.setObjectName("notRated")
        self.not_rated_btn.setAutoDefault(False)
        self.not_rated_btn.clicked.connect(self.not_rated.emit)
        row.addWidget(self.not_rated_btn)
        lay.addLayout(row)
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        self.setGeometry(screen.availableGeometry())


class RatingPrompt(QGroupBox):
    """The clerk's side of one rating: ask, and only 'not rated' or cancel while the applicant rates."""

    rated = Signal(str)  # the level recorded (a RatingLevel value)
    _asking: RatingPrompt | None = None  # the prompt whose applicant's window is open (one at a time)

    def __init__(self, ctx: AppContext, clerk: Clerk, case_no: str, service: Service,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"ratingPrompt:{service.value}")
        self.setTitle(self.tr("Applicant's rating of the %1 service").replace("%1", SERVICE_LABELS[service]))
        self.ctx, self.clerk, self.case_no, self.service = ctx, clerk, case_no, service
        self.applicant: ApplicantRatingWindow | ApplicantRatingDialog | None = None
        lay = QHBoxLayout(self)
        self.state = QLabel(self.tr("Not rated yet"))
        self.state.setObjectName("ratingState")
        self.state.setWordWrap(True)
        lay.addWidget(self.state, 1)
        self.ask_btn = self._button(lay, self.tr("Ask the applicant to rate (F9)"), "askRating", self.ask)
        QShortcut(QKeySequence("F9"), self, activated=self.ask)
        self.not_rated_btn = self._button(lay, self.tr("Applicant does not rate"), "notRatedClerk",
                                          self.record_not_rated)
        self.cancel_btn = self._button(lay, self.tr("Cancel rating"), "cancelRating", self.cancel)
        self._waiting(False)
        self.destroyed.connect(self._gone)

    def _button(self, lay: QHBoxLayout, text: str, name: str, slot) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setAutoDefault(False)
        b.clicked.connect(slot)
        lay.addWidget(b)
        return b

    def _waiting(self, on: bool) -> None:
        self.ask_btn.setVisible(not on)
        self.not_rated_btn.setVisible(on)
        self.cancel_btn.setVisible(on)

    def _served_by(self) -> str:
        """The clerk who gave the service, with the badge worn at the window (挂牌上岗)."""
        case = get_case(self.ctx, self.case_no)
        if case is None:
            return ""
        name, badge = (case.clerk.name, case.clerk.badge) if self.service is Service.INTAKE else (
            self.clerk.name, self.clerk.badge)
        return self.tr("%1 (badge %2)").replace("%1", name).replace("%2", badge) if badge else name

    def ask(self) -> None:
        """Show the rating to the applicant: on their screen if attached, else in a dialog turned to them."""
        if self.applicant is not None or self.ask_btn.isHidden():
            return
        other = RatingPrompt._asking
        if other is not None and other is not self:
            RatingPrompt._asking = None
            with contextlib.suppress(RuntimeError):  # (its view may be gone already)
                other.cancel()  # the previous applicant left without rating: the screen is the next one's
        panel = ApplicantRatingPanel(self.service, self._served_by())
        panel.chosen.connect(self._record)
        screen = applicant_screen()
        RatingPrompt._asking = self
        if screen is not None:
            self.applicant = ApplicantRatingWindow(panel, screen)
            self.applicant.show()
            self.state.setText(self.tr("Waiting for the applicant to rate on the applicant's screen…"))
            self._waiting(True)
        else:
            dlg = ApplicantRatingDialog(panel, self.window())
            dlg.not_rated.connect(self.record_not_rated)
            dlg.rejected.connect(self.cancel)
            self.applicant = dlg
            self.state.setText(self.tr("The applicant is rating (turn the screen to them)…"))
            dlg.open()

    def _record(self, level: str, problems: list[str], comment: str) -> None:
        try:
            note = ratings.rate(self.ctx, self.case_no, self.clerk, self.service, level, problems, comment)
        except (ActionRefused, CaseNotFound) as exc:
            self._close_applicant()
            self.state.setText(str(exc))
            self._done()
            return
        lv = RatingLevel(level)
        due = note.detail.get("followup_due")
        text = self.tr("Rated: %1").replace("%1", LEVEL_LABELS[lv])
        if due:
            text += "　" + self.tr("a follow-up is due by %1").replace("%1", due)
        self.state.setText(text)
        if self.applicant is not None and lv is not RatingLevel.NOT_RATED:
            self.applicant.panel.show_thanks()
            applicant, self.applicant = self.applicant, None
            RatingPrompt._asking = None
            QTimer.singleShot(THANKS_MS, applicant.close)
        else:
            self._close_applicant()
        self._done()
        self.rated.emit(level)

    def record_not_rated(self) -> None:
        self._record(RatingLevel.NOT_RATED.value, [], "")

    def cancel(self) -> None:
        """Nothing recorded; the clerk may ask again."""
        if self.applicant is None:
            return
        self._close_applicant()
        self.state.setText(self.tr("Not rated yet"))
        self._waiting(False)

    def _done(self) -> None:
        self._waiting(False)
        self.ask_btn.setVisible(False)

    def _gone(self) -> None:
        """The clerk's view went away: the applicant's screen goes too (it may be gone already)."""
        with contextlib.suppress(RuntimeError):  # its C++ side was deleted with the view
            self._close_applicant()

    def _close_applicant(self) -> None:
        if RatingPrompt._asking is self:
            RatingPrompt._asking = None
        applicant, self.applicant = self.applicant, None
        if applicant is not None:
            if isinstance(applicant, QDialog):
                applicant.rejected.disconnect()
                applicant.done(QDialog.DialogCode.Rejected)
            applicant.close()
            applicant.deleteLater()
