"""The case lifecycle: every move the issue describes is allowed, everything else is refused clearly."""

from __future__ import annotations

import pytest

from clerk_app.domain.case import (
    OPEN,
    STATUS_LABELS,
    TERMINAL,
    TRANSITIONS,
    CaseStatus,
    IllegalTransition,
    check_transition,
)

S = CaseStatus

# The lifecycle of the issue: 收件 → 受理/容缺受理 → 后台审批 → 补正 → 准予/不予 → 待出件 → 领取/邮寄; 不予受理.
LIFECYCLE = [
    (S.RECEIVED, S.ACCEPTED),
    (S.RECEIVED, S.ACCEPTED_TOLERATED),
    (S.RECEIVED, S.NOT_ACCEPTED),
    (S.ACCEPTED, S.IN_REVIEW),
    (S.ACCEPTED_TOLERATED, S.IN_REVIEW),
    (S.ACCEPTED_TOLERATED, S.ACCEPTED),  # the tolerated material was supplied
    (S.IN_REVIEW, S.SUPPLEMENT_REQUESTED),
    (S.SUPPLEMENT_REQUESTED, S.IN_REVIEW),  # supplement received, review resumes
    (S.IN_REVIEW, S.APPROVED),
    (S.IN_REVIEW, S.REFUSED),
    (S.APPROVED, S.RESULT_READY),
    (S.REFUSED, S.RESULT_READY),
    (S.RESULT_READY, S.HANDED_OUT),
    (S.RESULT_READY, S.MAILED),
]

WALKS = [
    [S.RECEIVED, S.ACCEPTED, S.IN_REVIEW, S.APPROVED, S.RESULT_READY, S.HANDED_OUT],
    [S.RECEIVED, S.ACCEPTED_TOLERATED, S.IN_REVIEW, S.SUPPLEMENT_REQUESTED, S.IN_REVIEW, S.REFUSED,
     S.RESULT_READY, S.MAILED],
    [S.ACCEPTED, S.IN_REVIEW, S.APPROVED, S.RESULT_READY, S.MAILED],
    [S.RECEIVED, S.NOT_ACCEPTED],
]


@pytest.mark.parametrize(("current", "target"), LIFECYCLE, ids=lambda s: s.value)
def test_every_lifecycle_move_is_legal(current, target):
    assert check_transition(current, target) is target


@pytest.mark.parametrize("walk", WALKS, ids=lambda w: "→".join(s.value for s in w))
def test_whole_lifecycles_walk_through(walk):
    status = walk[0]
    for nxt in walk[1:]:
        status = check_transition(status, nxt)
    assert status in TERMINAL


def test_accepts_plain_strings_as_stored_in_the_database():
    assert check_transition("received", "accepted") is S.ACCEPTED


@pytest.mark.parametrize(("current", "target"), [
    (S.HANDED_OUT, S.ACCEPTED),
    (S.RECEIVED, S.RESULT_READY),
    (S.RECEIVED, S.HANDED_OUT),
    (S.ACCEPTED, S.RESULT_READY),  # no result without a decision
    (S.IN_REVIEW, S.HANDED_OUT),
    (S.APPROVED, S.REFUSED),  # a decision is not flipped silently
    (S.REFUSED, S.APPROVED),
    (S.RESULT_READY, S.IN_REVIEW),
    (S.MAILED, S.HANDED_OUT),
    (S.NOT_ACCEPTED, S.ACCEPTED),
    (S.ACCEPTED, S.RECEIVED),
    (S.ACCEPTED, S.ACCEPTED),
], ids=lambda s: s.value)
def test_illegal_moves_raise_with_a_chinese_message(current, target):
    with pytest.raises(IllegalTransition) as info:
        check_transition(current, target)
    msg = str(info.value)
    assert f"办件状态不能从“{STATUS_LABELS[current]}”变为“{STATUS_LABELS[target]}”" in msg
    assert info.value.current is current and info.value.target is target


def test_handed_out_to_accepted_message_reads_well():
    with pytest.raises(IllegalTransition, match="不能从“已出件（领取）”变为“已受理”"):
        check_transition("handed_out", "accepted")


def test_unknown_status_is_refused():
    with pytest.raises(ValueError):
        check_transition("received", "teleported")


def test_every_status_has_a_label_and_a_row():
    assert set(STATUS_LABELS) == set(CaseStatus) == set(TRANSITIONS)


def test_terminal_states_have_no_way_out():
    assert {S.HANDED_OUT, S.MAILED, S.NOT_ACCEPTED, S.WITHDRAWN} == TERMINAL
    for t in TERMINAL:
        for s in CaseStatus:
            with pytest.raises(IllegalTransition):
                check_transition(t, s)


def test_nothing_goes_back_to_received():
    assert all(S.RECEIVED not in nxt for nxt in TRANSITIONS.values())


def test_a_result_is_handed_out_only_from_result_ready_after_a_decision():
    into = {s: {a for a, nxt in TRANSITIONS.items() if s in nxt} for s in CaseStatus}
    assert into[S.HANDED_OUT] == into[S.MAILED] == {S.RESULT_READY}
    assert into[S.RESULT_READY] == {S.APPROVED, S.REFUSED}
    assert TRANSITIONS[S.APPROVED] == TRANSITIONS[S.REFUSED] == {S.RESULT_READY}


def _reachable(start: CaseStatus) -> set[CaseStatus]:
    seen, todo = {start}, [start]
    while todo:
        for n in TRANSITIONS[todo.pop()]:
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen


def test_every_status_is_reachable_from_intake_and_every_open_case_can_finish():
    assert _reachable(S.RECEIVED) | _reachable(S.ACCEPTED) == set(CaseStatus)
    for s in OPEN:
        assert _reachable(s) & TERMINAL, s
