"""Working days for a matter's time limit: the State Council's official holidays and the
weekend days worked in their place (调休), from the `chinesecalendar` package, which has them for
the years its release covers; outside those years a working day is Monday to Friday."""

from datetime import date, timedelta

import chinese_calendar

# The handling unit's time limit when the clerk sets none: 15 working days.
DEFAULT_WORKING_DAYS = 15


def is_working_day(day: date) -> bool:
    """Whether offices work on `day`: the official calendar where the package knows the year,
    else Monday to Friday (a year not yet published, or long past)."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (the day of referral does not count)."""
    current = start
    counted = 0
    while counted < days:
        current += timedelta(days=1)
        if is_working_day(current):
            counted += 1
    return current
