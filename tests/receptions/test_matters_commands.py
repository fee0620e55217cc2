"""The register's daily work: overdue reminders (once a matter a day, to the station's clerks)
and the removal of voters' data past the retention time."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from notifications.models import Notification
from receptions.matters import services
from receptions.models import Matter

pytestmark = pytest.mark.usefixtures("in_english")


def test_an_overdue_matter_reminds_the_station_clerk_once_a_day(referred, station_staff, deputy):
    late = referred.due_on + timedelta(days=2)
    assert services.remind_overdue(today=referred.due_on) == 0  # due today: not late yet
    assert services.remind_overdue(today=late) == 1
    assert services.remind_overdue(today=late) == 0  # the same day again: nothing
    [note] = Notification.objects.filter(user=station_staff)
    assert note.title == f"Matter {referred.case_number} is 2 days overdue"
    assert not Notification.objects.filter(user=deputy.user).exists()
    assert services.remind_overdue(today=late + timedelta(days=1)) == 1  # the next day


def test_a_station_without_a_clerk_reminds_the_township(matter, township_staff):
    services.refer(matter=matter, by=township_staff, unit="镇水务站")
    matter.refresh_from_db()
    assert services.remind_overdue(today=matter.due_on + timedelta(days=1)) == 1
    assert Notification.objects.filter(user=township_staff).count() == 1


def test_closed_matters_are_not_reminded(visited, station_staff):
    services.close(matter=visited, by=station_staff, closure="solved")
    assert services.remind_overdue(today=visited.due_on + timedelta(days=5)) == 0


def test_the_command_reminds(referred, station_staff, capsys):
    Matter.objects.filter(pk=referred.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    call_command("remind_overdue_matters")
    assert "Overdue reminders sent: 1" in capsys.readouterr().out


def test_voters_data_goes_after_the_retention_time(visited, matter, station_staff, settings):
    settings.RECEPTIONS_VOTER_DATA_DAYS = 30
    services.close(matter=visited, by=station_staff, closure="solved")
    now = timezone.now()
    assert services.forget_voters(now=now + timedelta(days=29)) == 0
    assert services.forget_voters(now=now + timedelta(days=31)) == 1
    visited.refresh_from_db()
    assert (visited.voter_name, visited.voter_mobile, visited.mobile_consent) == ("", "", False)
    assert visited.raised  # the matter itself stays on the register
    assert services.forget_voters(now=now + timedelta(days=32)) == 0


def test_open_matters_keep_the_voter_however_old(referred, settings):
    settings.RECEPTIONS_VOTER_DATA_DAYS = 0
    assert services.forget_voters(now=timezone.now() + timedelta(days=999)) == 0
    referred.refresh_from_db()
    assert referred.voter_name == "周大妈"


def test_the_forget_command(visited, station_staff, settings, capsys):
    settings.RECEPTIONS_VOTER_DATA_DAYS = 0
    services.close(
        matter=visited,
        by=station_staff,
        closure="solved",
        now=timezone.now() - timedelta(seconds=5),
    )
    call_command("forget_voters")
    assert "Voters' data removed from 1 matters" in capsys.readouterr().out
