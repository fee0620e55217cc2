"""The page the check-in screen's QR code opens: only invited deputies learn anything of the
session, and a deputy who scans while signed out is judged by the moment of the scan, not of
signing in (within a bound, and only for the code they scanned)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from deputies.factories import PASSWORD, DeputyFactory
from studysessions import codes
from studysessions.factories import StudySessionFactory
from studysessions.models import Attendance

LOGIN = reverse("login")


class Clock:
    """The site's time, moved by hand: `timezone.now()` everywhere answers `now`."""

    def __init__(self):
        self.now = timezone.now()

    def advance(self, seconds):
        self.now += timedelta(seconds=seconds)

    def code(self, session):
        return codes.current_code(session, self.now.timestamp())


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


def checkin_url(session, code):
    return reverse("studysessions:checkin", args=[session.pk, code])


def sign_in(client, deputy, next_url):
    response = client.post(
        LOGIN, {"username": deputy.user.mobile, "password": PASSWORD, "next": next_url}
    )
    assert response.status_code == 302 and response.url == next_url
    return response


# Who sees the session ---------------------------------------------------------------------------


@pytest.fixture
def chosen_session(station, deputy):
    """A session to which only `deputy` of the station is invited."""
    return StudySessionFactory(
        station=station, invitees=[deputy], topic="学习监督法专题", place="东街会议室"
    )


@pytest.mark.parametrize(
    "who", ["station_peer", "other_station_deputy", "other_county_deputy", "inactive"]
)
def test_a_deputy_not_invited_is_told_nothing_of_the_session(
    client, chosen_session, deputy, station, who, request
):
    if who == "station_peer":
        person = DeputyFactory(station=station, user__mobile="13600000041")
    elif who == "inactive":
        person = deputy
        person.is_active = False
        person.save(update_fields=["is_active"])
    else:
        person = request.getfixturevalue(who)
    client.force_login(person.user)
    url = checkin_url(chosen_session, codes.current_code(chosen_session))
    when = timezone.localtime(chosen_session.starts_at)
    for response in (client.get(url), client.post(url)):
        # A deputy out of office is sent to their own archive, as from every other page.
        assert response.status_code == (302 if who == "inactive" else 404)
        body = response.content.decode()
        for secret in ("学习监督法专题", "东街会议室", f"{when:%H:%M}", station.name):
            assert secret not in body
    assert not Attendance.objects.exists()


def test_an_invited_deputy_sees_the_session(client, chosen_session, deputy):
    client.force_login(deputy.user)
    page = client.get(checkin_url(chosen_session, codes.current_code(chosen_session)))
    assert page.status_code == 200 and "学习监督法专题" in page.content.decode()


def test_a_deputy_who_joined_the_station_later_may_check_in_to_a_whole_station_session(
    client, session, station
):
    newcomer = DeputyFactory(station=station, user__mobile="13600000042")
    client.force_login(newcomer.user)
    url = checkin_url(session, codes.current_code(session))
    assert client.get(url).status_code == 200
    client.post(url)
    assert Attendance.objects.get().deputy == newcomer


def test_staff_are_not_shown_the_deputies_page(client, session, station_staff):
    client.force_login(station_staff)
    assert client.get(checkin_url(session, codes.current_code(session))).status_code == 404


# Scanning before signing in ---------------------------------------------------------------------


def test_a_scan_while_signed_out_asks_to_sign_in_and_says_why(client, clock, session):
    url = checkin_url(session, clock.code(session))
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN) and "next=" in response.url
    page = client.get(response.url).content.decode()
    assert "登录后即可签到" in page
    assert session.topic not in page and session.place not in page


def test_a_deputy_who_takes_95_seconds_to_sign_in_is_checked_in(client, clock, session, deputy):
    url = checkin_url(session, clock.code(session))
    client.get(url)  # the scan, signed out
    clock.advance(95)  # typing the number and the password
    sign_in(client, deputy, url)
    page = client.get(url).content.decode()
    assert "过期" not in page and "签到" in page
    clock.advance(20)  # reading the page before tapping
    page = client.post(url).content.decode()
    assert "过期" not in page
    attendance = Attendance.objects.get()
    assert (attendance.deputy, attendance.method) == (deputy, Attendance.Method.QR)


def test_a_signed_in_deputy_who_waits_before_tapping_is_checked_in(client, clock, session, deputy):
    client.force_login(deputy.user)
    url = checkin_url(session, clock.code(session))
    client.get(url)
    clock.advance(120)
    client.post(url)
    assert Attendance.objects.filter(deputy=deputy).exists()


def test_a_scan_kept_too_long_no_longer_counts(english, clock, session, deputy):
    url = checkin_url(session, clock.code(session))
    english.get(url)
    clock.advance(11 * 60)
    sign_in(english, deputy, url)
    assert "expired" in english.get(url).content.decode()
    assert "expired" in english.post(url).content.decode()
    assert not Attendance.objects.exists()


def test_the_scan_counts_only_for_the_code_scanned(english, clock, session, deputy):
    english.force_login(deputy.user)
    english.get(checkin_url(session, clock.code(session)))
    # A photo of the screen taken a few minutes earlier, opened just after a genuine scan.
    old = codes.current_code(session, (clock.now - timedelta(minutes=3)).timestamp())
    assert "expired" in english.post(checkin_url(session, old)).content.decode()
    # An expired code opened is not remembered either.
    english.get(checkin_url(session, old))
    clock.advance(95)
    assert "expired" in english.post(checkin_url(session, old)).content.decode()
    assert not Attendance.objects.exists()


def test_a_scan_just_before_check_in_closes_counts_though_signing_in_ends_after(
    client, clock, station, deputy
):
    session = StudySessionFactory(station=station, starts_in=timedelta(minutes=-100), minutes=90)
    clock.now = session.checkin_closes_at - timedelta(seconds=30)
    url = checkin_url(session, clock.code(session))
    client.get(url)
    clock.advance(95)
    sign_in(client, deputy, url)
    client.post(url)
    assert Attendance.objects.filter(deputy=deputy).exists()


def test_a_second_tap_is_told_kindly_not_as_an_error(english, session, deputy):
    english.force_login(deputy.user)
    url = checkin_url(session, codes.current_code(session))
    english.post(url)
    page = english.post(url).content.decode()
    assert "You checked in already, at" in page
    assert "message--error" not in page and 'role="alert"' not in page
    assert Attendance.objects.count() == 1
    # Opening the link again says so too, without a button to tap.
    page = english.get(url).content.decode()
    assert "You checked in already, at" in page and "<button" not in page.split("<main")[1]


def test_the_check_in_page_asks_few_queries(client, session, deputy, django_assert_max_num_queries):
    client.force_login(deputy.user)
    url = checkin_url(session, codes.current_code(session))
    with django_assert_max_num_queries(12):
        client.get(url)
    # 16: the attendance may complete a training programme (courses.hooks), one query when
    # the deputy has none open.
    with django_assert_max_num_queries(16):
        client.post(url)
