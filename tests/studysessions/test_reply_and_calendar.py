"""The deputy's reply read back as a state, the calendar feed to subscribe to with a reminder
the day before, and the check-in screen's projector view."""

import re
from datetime import timedelta

from django.urls import reverse
from icalendar import Calendar

from studysessions import ics
from studysessions.factories import StudySessionFactory
from studysessions.models import CalendarFeed, Invitation
from studysessions.services import cancel_session


def test_each_session_reminds_the_day_before(client, session, deputy):
    client.force_login(deputy.user)
    body = client.get(reverse("studysessions:session_ics", args=[session.pk])).content
    (event,) = Calendar.from_ical(body).walk("VEVENT")
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(days=1)
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert session.topic in str(alarm["DESCRIPTION"]) and session.place in str(alarm["DESCRIPTION"])
    assert b"TRIGGER:-P1D\r\n" in body
    # RFC 5545: lines end in CRLF and are folded at 75 octets.
    lines = body.split(b"\r\n")
    assert b"\n" not in b"".join(lines) and max(len(line) for line in lines) <= 75


def test_a_cancelled_session_reminds_no_one(client, session, deputy):
    cancel_session(session=session, reason="台风", cancelled_by=None)
    client.force_login(deputy.user)
    body = client.get(reverse("studysessions:session_ics", args=[session.pk])).content
    (event,) = Calendar.from_ical(body).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED" and event.walk("VALARM") == []


def test_the_feed_carries_the_reminders(client, station, deputy):
    StudySessionFactory(station=station, topic="一")
    StudySessionFactory(station=station, topic="二", starts_in=timedelta(days=3))
    feed = CalendarFeed.objects.create(deputy=deputy)
    body = client.get(reverse("studysessions:feed", args=[feed.token])).content
    alarms = [
        alarm for event in Calendar.from_ical(body).walk("VEVENT") for alarm in event.walk("VALARM")
    ]
    assert [alarm.decoded("TRIGGER") for alarm in alarms] == [-timedelta(days=1)] * 2


def test_webcal_swaps_only_the_scheme():
    assert ics.webcal_url("https://peixun.example.cn/study/calendar/abc.ics") == (
        "webcal://peixun.example.cn/study/calendar/abc.ics"
    )
    assert ics.webcal_url("http://127.0.0.1:8000/study/calendar/abc.ics") == (
        "webcal://127.0.0.1:8000/study/calendar/abc.ics"
    )


def test_the_page_offers_the_feed_as_webcal_and_to_copy(english, deputy, session, settings):
    settings.ALLOWED_HOSTS = ["peixun.example.cn"]
    english.force_login(deputy.user)
    page = english.get(
        reverse("studysessions:mine"), HTTP_HOST="peixun.example.cn"
    ).content.decode()
    token = CalendarFeed.objects.get(deputy=deputy).token
    assert f'href="webcal://peixun.example.cn/study/calendar/{token}.ics"' in page
    assert f'value="http://peixun.example.cn/study/calendar/{token}.ics" readonly' in page
    assert re.search(
        r'<button type="button"[^>]*data-copy="feed-url"[^>]*hidden>Copy the address', page
    )


def test_a_reply_reads_back_as_a_state_with_a_way_to_change_it(
    english, session, deputy, django_assert_max_num_queries
):
    english.force_login(deputy.user)
    detail = reverse("studysessions:detail", args=[session.pk])
    page = english.get(detail).content.decode()
    assert "You have not replied yet" not in page and "<details" not in page
    assert 'class="answer-choice study-reply__choice"' in page

    english.post(reverse("studysessions:reply", args=[session.pk]), {"attend": "yes"})
    # 13: one of them looks for the session's mock votes (deliberation's template tag).
    with django_assert_max_num_queries(13):
        page = english.get(detail).content.decode()
    assert "You are attending" in page and "Change my reply" in page
    assert re.search(r'value="yes"[^>]*checked', page)  # the form to change it starts from it

    english.post(
        reverse("studysessions:reply", args=[session.pk]), {"attend": "no", "reason": "村里开会"}
    )
    page = english.get(detail).content.decode()
    assert "You sent apologies" in page and "村里开会" in page
    assert re.search(r'value="no"[^>]*checked', page)
    assert Invitation.objects.get().reply == Invitation.Reply.DECLINE
    mine = english.get(reverse("studysessions:mine")).content.decode()
    assert "You sent apologies" in mine


def test_in_chinese_the_reply_and_the_date_read_as_chinese(client, session, deputy):
    client.force_login(deputy.user)
    client.post(reverse("studysessions:reply", args=[session.pk]), {"attend": "yes"})
    page = client.get(reverse("studysessions:detail", args=[session.pk])).content.decode()
    assert "已报名参加" in page and ">参加<" not in page
    assert re.search(r"\d{4}-\d\d-\d\d（星期.）\d\d:\d\d", page)
    assert "您是否参加？</legend>" in page and "？:" not in page
    mine = client.get(reverse("studysessions:mine")).content.decode()
    assert re.search(r"（星期.）", mine) and "(星期" not in mine


def test_the_projector_view_has_no_site_menu(
    client, station_staff, session, django_assert_max_num_queries
):
    client.force_login(station_staff)
    url = reverse("studysessions:screen", args=[session.pk])
    page = client.get(url).content.decode()
    assert 'class="site-header"' in page and f'href="{url}?screen=1"' in page
    with django_assert_max_num_queries(7):  # no menu: not even its unread count
        page = client.get(url, {"screen": "1"}).content.decode()
    assert "<header" not in page and "<footer" not in page and "<nav" not in page
    assert "study-screen--projector" in page and "data-qr" in page
    assert f'href="{url}"' in page  # the way back
