"""The case lifecycle as an explicit state machine."""

from __future__ import annotations

from enum import StrEnum


class CaseStatus(StrEnum):
    RECEIVED = "received"  # 已收件
    ACCEPTED = "accepted"  # 已受理
    ACCEPTED_TOLERATED = "accepted_tolerated"  # 容缺受理
    IN_REVIEW = "in_review"  # 审批中（后台）
    SUPPLEMENT_REQUESTED = "supplement_requested"  # 补正
    APPROVED = "approved"  # 准予许可/办结
    REFUSED = "refused"  # 不予许可
    RESULT_READY = "result_ready"  # 待出件
    HANDED_OUT = "handed_out"  # 已出件（当面领取）
    MAILED = "mailed"  # 已出件（邮寄）
    NOT_ACCEPTED = "not_accepted"  # 不予受理
    WITHDRAWN = "withdrawn"  # 撤回


STATUS_LABELS: dict[CaseStatus, str] = {
    CaseStatus.RECEIVED: "已收件",
    CaseStatus.ACCEPTED: "已受理",
    CaseStatus.ACCEPTED_TOLERATED: "容缺受理",
    CaseStatus.IN_REVIEW: "审批中",
    CaseStatus.SUPPLEMENT_REQUESTED: "待补正",
    CaseStatus.APPROVED: "已办结（准予）",
    CaseStatus.REFUSED: "已办结（不予）",
    CaseStatus.RESULT_READY: "待出件",
    CaseStatus.HANDED_OUT: "已出件（领取）",
    CaseStatus.MAILED: "已出件（邮寄）",
    CaseStatus.NOT_ACCEPTED: "不予受理",
    CaseStatus.WITHDRAWN: "已撤回",
}

S = CaseStatus
TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    S.RECEIVED: frozenset({S.ACCEPTED, S.ACCEPTED_TOLERATED, S.NOT_ACCEPTED, S.SUPPLEMENT_REQUESTED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.IN_REVIEW, S.SUPPLEMENT_REQUESTED, S.APPROVED, S.REFUSED, S.WITHDRAWN}),
    S.ACCEPTED_TOLERATED: frozenset({S.IN_REVIEW, S.ACCEPTED, S.SUPPLEMENT_REQUESTED, S.APPROVED, S.REFUSED,
                                     S.WITHDRAWN}),
    S.IN_REVIEW: frozenset({S.SUPPLEMENT_REQUESTED, S.APPROVED, S.REFUSED, S.WITHDRAWN}),
    S.SUPPLEMENT_REQUESTED: frozenset({S.IN_REVIEW, S.ACCEPTED, S.REFUSED, S.NOT_ACCEPTED, S.WITHDRAWN}),
    S.APPROVED: frozenset({S.RESULT_READY}),
    S.REFUSED: frozenset({S.RESULT_READY}),
    S.RESULT_READY: frozenset({S.HANDED_OUT, S.MAILED}),
    S.HANDED_OUT: frozenset(),
    S.MAILED: frozenset(),
    S.NOT_ACCEPTED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

TERMINAL = frozenset(s for s, nxt in TRANSITIONS.items() if not nxt)
OPEN = frozenset(set(CaseStatus) - TERMINAL)
# Statuses in which the case still runs against its promised deadline.
ON_THE_CLOCK = frozenset({S.RECEIVED, S.ACCEPTED, S.ACCEPTED_TOLERATED, S.IN_REVIEW, S.SUPPLEMENT_REQUESTED})


class IllegalTransition(ValueError):
    def __init__(self, current: CaseStatus, target: CaseStatus):
        self.current, self.target = current, target
        super().__init__(
            f"办件状态不能从“{STATUS_LABELS[current]}”变为“{STATUS_LABELS[target]}”"
            f" ({current.value} -> {target.value})"
        )


def check_transition(current: CaseStatus | str, target: CaseStatus | str) -> CaseStatus:
    """Return ``target`` as a status if the move is legal; raise :class:`IllegalTransition`."""
    cur, tgt = CaseStatus(current), CaseStatus(target)
    if tgt not in TRANSITIONS[cur]:
        raise IllegalTransition(cur, tgt)
    return tgt
