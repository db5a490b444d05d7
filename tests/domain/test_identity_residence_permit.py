"""Residence permits for Hong Kong, Macao and Taiwan residents carry 18-digit numbers starting
810000/820000/830000: valid numbers that the general region table does not know."""

from __future__ import annotations

import pytest

from clerk_app.domain.identity import IdentityError, check_id, check_resident_id


@pytest.mark.parametrize("number", ["810000198508080011", "820000199002020026", "830000197007070017"])
def test_residence_permit_numbers_pass(number):
    assert check_id("person", number) == number


@pytest.mark.parametrize(("number", "message"), [
    ("810000198508080012", "校验位"),
    ("810000198513080016", "出生日期"),  # month 13, check digit right
])
def test_residence_permit_numbers_are_still_checked(number, message):
    with pytest.raises(IdentityError, match=message):
        check_resident_id(number)
