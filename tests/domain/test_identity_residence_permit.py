"""Residence permits for Hong Kong, Macao and Taiwan residents carry 18-digit numbers starting
810000/820000/830000: valid numbers that the general region table does not know. A foreign
permanent resident's card (2017 layout) has 3 letters and 12 digits."""

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


def test_a_foreign_permanent_resident_card_number_is_a_person_id():
    assert check_id("person", "usa310075040201") == "USA310075040201"
    with pytest.raises(IdentityError):
        check_id("person", "US3310075040201")  # two letters: neither that card nor a resident ID
    with pytest.raises(IdentityError):
        check_id("company", "USA310075040201")
