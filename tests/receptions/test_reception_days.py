"""Reception days: the same day of each month, as group study repeats, with one notice to each
deputy on duty listing the dates."""

from datetime import date

import pytest

from notifications.models import Notification
from receptions.matters import services
from receptions.matters.services import MatterError
from receptions.models import ReceptionDay

pytestmark = pytest.mark.usefixtures("in_english")


def test_the_ninth_of_each_month_for_three_months(station, station_staff, deputy):
    days = services.schedule_reception_day(
        station=station,
        created_by=station_staff,
        day=date(2026, 11, 9),
        place="联络站",
        on_duty=[deputy],
        months=3,
    )
    assert [d.day for d in days] == [date(2026, 11, 9), date(2026, 12, 9), date(2027, 1, 9)]
    [notice] = Notification.objects.filter(user=deputy.user)
    assert notice.title == "You are on duty to receive voters on 3 days from 2026-11-09"
    assert "2026-12-09" in notice.body and "2027-01-09" in notice.body


def test_a_month_without_the_day_is_skipped(station, station_staff, deputy):
    days = services.schedule_reception_day(
        station=station,
        created_by=station_staff,
        day=date(2027, 1, 31),
        place="联络站",
        on_duty=[deputy],
        months=2,
    )
    assert [d.day for d in days] == [date(2027, 1, 31), date(2027, 3, 31)]


def test_a_date_already_taken_refuses_the_whole_series(station, station_staff, deputy):
    services.schedule_reception_day(
        station=station,
        created_by=station_staff,
        day=date(2027, 2, 9),
        place="站",
        on_duty=[deputy],
    )
    with pytest.raises(MatterError, match="already has a reception day on 2027-02-09"):
        services.schedule_reception_day(
            station=station,
            created_by=station_staff,
            day=date(2027, 1, 9),
            place="站",
            on_duty=[deputy],
            months=3,
        )
    assert ReceptionDay.objects.count() == 1


def test_deputies_of_another_station_cannot_be_on_duty(
    station, station_staff, other_station_deputy
):
    with pytest.raises(MatterError, match="deputies of the station"):
        services.schedule_reception_day(
            station=station,
            created_by=station_staff,
            day=date(2027, 2, 9),
            place="站",
            on_duty=[other_station_deputy],
        )
    assert not ReceptionDay.objects.exists()
