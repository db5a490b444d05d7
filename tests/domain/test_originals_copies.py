"""What was handed in on paper, originals apart from copies (issue 10): the domain's counts and wording."""

from __future__ import annotations

import pytest

from clerk_app.domain.catalog import Form
from clerk_app.domain.checklist import ChecklistLine
from clerk_app.domain.decision import MaterialStatus, Provided, Received, received_counts

M = MaterialStatus


def _line(form: Form, copies: int = 1) -> ChecklistLine:
    return ChecklistLine("x", "学历证书", ["x"], form, copies, True)


@pytest.mark.parametrize(("form", "copies", "status", "want"), [
    (Form.ORIGINAL, 1, M.ORIGINAL, (1, 0, False)),  # an original asked for is kept
    (Form.ORIGINAL, 2, M.ORIGINAL, (2, 0, False)),
    (Form.ORIGINAL_AND_COPY, 2, M.ORIGINAL, (1, 2, True)),  # the original shown, 核验后退回; 2 copies kept
    (Form.ORIGINAL_AND_COPY, 2, M.COPY, (0, 2, True)),
    (Form.COPY, 3, M.COPY, (0, 3, False)),
    (Form.ORIGINAL_OR_COPY, 1, M.ORIGINAL, (1, 0, False)),
    (Form.ORIGINAL_OR_COPY, 1, M.COPY, (0, 1, False)),
])
def test_a_paper_status_counts_what_the_line_asks_when_the_clerk_gives_no_count(form, copies, status, want):
    got = received_counts(_line(form, copies), Provided(status))
    assert got is not None and (got.originals, got.copies, got.originals_returned) == want


def test_the_counts_given_are_kept_and_a_kept_original_can_be_said_returned():
    got = received_counts(_line(Form.ORIGINAL_AND_COPY), Provided(M.ORIGINAL, copies=3, originals=2,
                                                                    originals_returned=False))
    assert got == Received(2, 3, False)


@pytest.mark.parametrize("status", [M.E_LICENSE, M.COMMITMENT, M.TOLERATED, M.MISSING, M.NOT_APPLICABLE])
def test_nothing_is_counted_for_a_line_not_handed_in_on_paper(status):
    assert received_counts(_line(Form.ORIGINAL_AND_COPY), Provided(status)) is None


def test_the_wording_names_originals_returned_and_copies():
    assert Received(1, 2, True).text() == "原件1份（核验后退回）、复印件2份"
    assert Received(2, 0, False).text() == "原件2份"
    assert Received(0, 1, True).text() == "复印件1份"  # nothing returned when no original was handed in


def test_an_original_handed_in_where_a_copy_is_asked_stands_in_for_it():
    from clerk_app.domain.decision import count_problem

    line = _line(Form.COPY, 2)
    assert count_problem(line, Provided(M.ORIGINAL, copies=0, originals=2)) == ""
    assert count_problem(line, Provided(M.ORIGINAL, copies=0, originals=1)) == "复印件须 2 份，仅收 1 份"
