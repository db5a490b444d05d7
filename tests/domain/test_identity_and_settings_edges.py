"""Edge cases found in review: future birth dates, full-width digits in settings."""

from __future__ import annotations

import pytest

from clerk_app import settings
from clerk_app.domain.identity import IdentityError, check_resident_id


def test_a_birth_date_in_the_future_is_refused():
    from stdnum.cn import ric

    # 2099-01-01 with a correct check digit
    body = "11010520990101001"
    number = body + ric.calc_check_digit(body + "0")
    with pytest.raises(IdentityError, match="晚于今天"):
        check_resident_id(number)


@pytest.mark.parametrize("key, value", [("window.number", "００３"), ("centre.region_code", "３１０１０７"),
                                        ("centre.centre_code", "０1")])
def test_full_width_digits_are_refused_in_settings(key, value):
    with pytest.raises(settings.SettingsError, match=key):
        settings.set_value(settings.Settings(), key, value)
