"""Working days for the handling unit's time limit: the official calendar's holidays and
weekend working days where chinesecalendar has the year, Monday to Friday elsewhere."""

from datetime import date

import chinese_calendar
import pytest

from receptions.matters.deadlines import add_working_days, is_working_day


def test_the_national_day_week_is_not_counted_and_the_weekend_worked_day_is():
    # 2025: 1–8 October off; Sunday 28 September and Saturday 11 October worked.
    assert is_working_day(date(2025, 9, 28)) and is_working_day(date(2025, 10, 11))
    assert not is_working_day(date(2025, 10, 3))
    # From Friday 26 September: 28, 29, 30 September, then 9 October.
    assert add_working_days(date(2025, 9, 26), 4) == date(2025, 10, 9)


def test_fifteen_working_days_run_across_a_month_end():
    # From Monday 23 November 2026: 24–27 November (4), 30 November (5), then ten days of
    # December: Monday 14 December.
    assert add_working_days(date(2026, 11, 23), 15) == date(2026, 12, 14)


def test_a_year_the_calendar_has_not_published_falls_back_to_monday_to_friday():
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(2027, 1, 4))
    assert is_working_day(date(2027, 1, 4))  # a Monday
    assert not is_working_day(date(2027, 1, 2))  # a Saturday
    # Across the year end: 29–31 December 2026 from the calendar, then Friday 1 and Monday
    # 4 January 2027 by the fallback (which knows no holidays).
    assert add_working_days(date(2026, 12, 28), 5) == date(2027, 1, 4)
