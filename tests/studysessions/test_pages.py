from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from deputies.factories import DeputyFactory, UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role
from studysessions import codes
from studysessions.attendance import check_in
from studysessions.factories import StudySessionFactory
from studysessions.models import Attendance, CalendarFeed, Invitation, StudySession
from studysessions.services import cancel_session, reply


@pytest.fixture
def other_station_staff(other_station):
    user = UserFactory(name="邻站站务", mobile="13700000009")
    grant_role(user=user, kind=StaffRole.Kind.STATION, place=other_station)
    return user


def staff_urls(session, deputy):
    return [
        reverse("studysessions:staff_session", args=[session.pk]),
        reverse("studysessions:edit", args=[session.pk]),
        reverse("studysessions:screen", args=[session.pk]),
        reverse("studysessions:screen_state", args=[session.pk]),
        reverse("studysessions:sign_in_sheet", args=[session.pk]),
        reverse("studysessions:history", args=[session.station_id]),
    ]


@pytest.mark.parametrize("who", ["station_staff", "township_staff", "county_officer"])
def test_staff_whose_scope_covers_the_station_see_the_session(
    client, session, deputy, who, request
):
    client.force_login(request.getfixturevalue(who))
    for url in staff_urls(session, deputy):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["other_station_staff", "deputy", "other_county_deputy"])
def test_anyone_else_gets_404(client, session, deputy, who, request):
    person = request.getfixturevalue(who)
    client.force_login(getattr(person, "user", person))
    urls = staff_urls(session, deputy)
    if who != "other_station_staff":  # staff may schedule for their own station
        urls.append(reverse("studysessions:schedule"))
    for url in urls:
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("studysessions:attendance", args=[session.pk]), {"deputy": deputy.pk}
    )
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_staff_cannot_mark_a_deputy_outside_their_scope(
    client, station_staff, session, other_station_deputy
):
    client.force_login(station_staff)
    url = reverse("studysessions:attendance", args=[session.pk])
    assert client.post(url, {"deputy": other_station_deputy.pk}).status_code == 404
    assert not Attendance.objects.exists()


def schedule_data(station, **changes):
    day = timezone.localdate() + timedelta(days=3)
    data = {
        "station": station.pk,
        "topic": "学习监督法",
        "day": day.isoformat(),
        "start": "09:00",
        "end": "10:30",
        "place": "联络站",
        "invite": "station",
        "checkin_opens_before": 30,
        "checkin_closes_after": 30,
    }
    data.update(changes)
    return data


def test_staff_schedule_a_session_inviting_the_whole_station(
    client, station_staff, station, deputy, other_station_deputy
):
    client.force_login(station_staff)
    response = client.post(reverse("studysessions:schedule"), schedule_data(station))
    session = StudySession.objects.get()
    assert response.status_code == 302
    assert list(session.invitations.values_list("deputy", flat=True)) == [deputy.pk]
    assert session.credit_hours == 2 and session.whole_station


def test_a_monthly_series_from_the_form(client, station_staff, station, deputy):
    client.force_login(station_staff)
    data = schedule_data(station, repeat="monthly", repeat_count=3)
    assert client.post(reverse("studysessions:schedule"), data).status_code == 302
    assert StudySession.objects.filter(series__isnull=False).count() == 3


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end": "08:00"}, "must end after it starts"),
        ({"capacity": 0}, "greater than or equal to 1"),
        ({"invite": "chosen"}, "Choose at least one deputy"),
        ({"repeat": "weekly"}, "until when"),
    ],
)
def test_bad_schedules_are_refused_and_write_nothing(
    english, station_staff, station, deputy, changes, message
):
    english.force_login(station_staff)
    response = english.post(reverse("studysessions:schedule"), schedule_data(station, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StudySession.objects.exists()


def test_chosen_deputies_must_belong_to_the_station(
    english, county_officer, station, deputy, other_station_deputy
):
    english.force_login(county_officer)
    data = schedule_data(station, invite="chosen", deputies=[other_station_deputy.pk])
    response = english.post(reverse("studysessions:schedule"), data)
    assert "station only" in response.content.decode()
    assert not StudySession.objects.exists()


def test_the_session_page_lists_replies_and_who_has_not_replied(
    english, station_staff, station, deputy, django_assert_max_num_queries
):
    quiet = DeputyFactory(station=station, user__name="沉默代表", user__mobile="13600000021")
    session = StudySessionFactory(station=station)
    reply(invitation=session.invitations.get(deputy=deputy), attend=False, reason="外出务工")
    for n in range(5):
        DeputyFactory(station=station, user__mobile=f"1360000010{n}")
    english.force_login(station_staff)
    # 14: two of them list the session's mock votes and group deliberations (deliberation's
    # template tags).
    with django_assert_max_num_queries(14):
        page = english.get(
            reverse("studysessions:staff_session", args=[session.pk])
        ).content.decode()
    assert "外出务工" in page and "1 deputy has not replied" in page and quiet.user.name in page


def test_staff_mark_and_unmark_by_hand(client, station_staff, session, deputy):
    client.force_login(station_staff)
    url = reverse("studysessions:attendance", args=[session.pk])
    client.post(url, {"deputy": deputy.pk})
    assert Attendance.objects.get().method == Attendance.Method.MANUAL
    client.post(url, {"deputy": deputy.pk, "mark": "absent"})
    assert not Attendance.objects.exists()


def test_the_deputy_list_shows_sessions_and_credit(
    english, station, deputy, django_assert_max_num_queries
):
    past = StudySessionFactory(station=station, starts_in=timedelta(days=-2), minutes=45)
    Attendance.objects.create(session=past, deputy=deputy, method=Attendance.Method.MANUAL)
    for n in range(4):
        StudySessionFactory(station=station, starts_in=timedelta(days=n + 1), topic=f"第{n}次")
    english.force_login(deputy.user)
    # The first visit also creates the deputy's calendar-feed token (3 queries).
    with django_assert_max_num_queries(14):
        page = english.get(reverse("studysessions:mine")).content.decode()
    assert "Credit hours from group study: <strong>1.0</strong>" in page
    assert "第3次" in page and "Attended · 1.0 credit hours" in page


def test_replying_from_the_page(english, session, deputy):
    english.force_login(deputy.user)
    url = reverse("studysessions:reply", args=[session.pk])
    response = english.post(url, {"attend": "no", "reason": ""})
    assert response.status_code == 400 and "say why" in response.content.decode()
    assert Invitation.objects.get().reply == Invitation.Reply.NONE
    english.post(url, {"attend": "yes"})
    assert Invitation.objects.get().reply == Invitation.Reply.ATTEND


def test_a_deputy_sees_only_sessions_they_are_invited_to(client, session, other_station_deputy):
    client.force_login(other_station_deputy.user)
    for name in ("detail", "session_ics"):
        assert client.get(reverse(f"studysessions:{name}", args=[session.pk])).status_code == 404


def test_the_session_ics_parses_back(client, session, deputy):
    client.force_login(deputy.user)
    response = client.get(reverse("studysessions:session_ics", args=[session.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == session.topic
    assert str(event["LOCATION"]) == session.place
    assert event.decoded("DTSTART") == session.starts_at.replace(microsecond=0)
    assert event.decoded("DTEND") == session.ends_at.replace(microsecond=0)
    assert str(event["UID"]).startswith(f"study-session-{session.pk}@")


def test_the_feed_lists_invited_sessions_without_sign_in_and_dies_when_rotated(
    client, station, deputy, other_station
):
    kept = StudySessionFactory(station=station, topic="保留")
    cancelled = StudySessionFactory(station=station, topic="取消")
    cancel_session(session=cancelled, reason="台风", cancelled_by=None)
    StudySessionFactory(station=other_station, topic="别站")
    client.force_login(deputy.user)
    client.get(reverse("studysessions:mine"))
    token = CalendarFeed.objects.get(deputy=deputy).token
    client.logout()
    response = client.get(reverse("studysessions:feed", args=[token]))
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [kept.topic]
    client.force_login(deputy.user)
    client.post(reverse("studysessions:rotate_feed"))
    client.logout()
    assert client.get(reverse("studysessions:feed", args=[token])).status_code == 404
    assert client.get(reverse("studysessions:feed", args=["guess"])).status_code == 404


def test_opening_the_check_in_link_does_not_check_in_but_the_button_does(english, session, deputy):
    english.force_login(deputy.user)
    url = reverse("studysessions:checkin", args=[session.pk, codes.current_code(session)])
    page = english.get(url).content.decode()
    assert "Check in" in page and not Attendance.objects.exists()
    page = english.post(url).content.decode()
    assert "Checked in at" in page and Attendance.objects.count() == 1
    page = english.post(url).content.decode()
    assert "checked in already" in page and Attendance.objects.count() == 1


def test_an_expired_link_says_so(english, session, deputy):
    english.force_login(deputy.user)
    old = codes.code_for(session, codes.step_at() - 3)
    url = reverse("studysessions:checkin", args=[session.pk, old])
    assert "expired" in english.get(url).content.decode()
    assert "expired" in english.post(url).content.decode()
    assert not Attendance.objects.exists()


def test_the_check_in_screen_polls_the_code_and_the_live_list(
    client, station_staff, session, deputy, django_assert_max_num_queries
):
    check_in(session=session, deputy=deputy, code=codes.current_code(session))
    client.force_login(station_staff)
    with django_assert_max_num_queries(6):
        state = client.get(reverse("studysessions:screen_state", args=[session.pk])).json()
    assert f"/study/checkin/{session.pk}/{codes.current_code(session)}/" in state["url"]
    assert state["svg"].startswith("<svg") and state["present_count"] == 1
    assert deputy.user.name in state["present_html"]


def test_the_sign_in_sheet_is_a_pdf(client, station_staff, session):
    client.force_login(station_staff)
    response = client.get(reverse("studysessions:sign_in_sheet", args=[session.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_history_shows_attendance_rates(english, station_staff, station, deputy):
    DeputyFactory(station=station, user__mobile="13600000031")
    past = StudySessionFactory(station=station, starts_in=timedelta(days=-7), topic="上次学习")
    Attendance.objects.create(session=past, deputy=deputy, method=Attendance.Method.SHEET)
    english.force_login(station_staff)
    page = english.get(reverse("studysessions:history", args=[station.pk])).content.decode()
    assert "上次学习" in page and "50%" in page
