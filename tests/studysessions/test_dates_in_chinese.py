"""Date and time boxes in the Chinese interface. An `<input type="date">` reads only ISO dates
(2026-12-09) whatever the language; Chinese date formats (2026/12/09) left the box blank, and
saving the form then refused the empty date."""

import re
from datetime import time, timedelta

from django.urls import reverse
from django.utils import timezone

from studysessions.factories import StudySessionFactory
from studysessions.forms import ScheduleForm
from studysessions.models import StudySession


def inputs(page: str) -> dict[str, str]:
    """What a browser would send back for each text-like box: its type and value."""
    found = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and kind:
            found[name.group(1)] = (kind.group(1), value.group(1) if value else "")
    return found


def browser_value(kind: str, value: str) -> str:
    """The value a browser keeps: a date or time box drops what it cannot read."""
    if kind == "date" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return ""
    if kind == "time" and not re.fullmatch(r"\d{2}:\d{2}(:\d{2})?", value):
        return ""
    return value


def test_editing_a_session_in_chinese_keeps_its_date(client, station_staff, station, deputy):
    # At 9:00 a month ahead: a session starting at this minute may end after midnight, which
    # the form rightly refuses, whatever the hour the suite runs at.
    now = timezone.localtime()
    nine = (now + timedelta(days=30)).replace(hour=9, minute=0, second=0, microsecond=0)
    session = StudySessionFactory(station=station, starts_in=nine - now)
    day = timezone.localtime(session.starts_at).date()
    client.force_login(station_staff)
    url = reverse("studysessions:edit", args=[session.pk])
    page = client.get(url).content.decode()
    assert "保存" in page  # the page is in Chinese
    boxes = inputs(page)
    assert boxes["day"] == ("date", day.isoformat())
    assert boxes["start"][0] == "time" and boxes["end"][0] == "time"

    # Send back what the browser shows, with only the place changed.
    data = {name: browser_value(kind, value) for name, (kind, value) in boxes.items()}
    data.pop("csrfmiddlewaretoken", None)
    data["place"] = "镇政府三楼会议室"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    session.refresh_from_db()
    assert session.place == "镇政府三楼会议室"
    assert timezone.localtime(session.starts_at).date() == day


def test_every_date_and_time_box_of_group_study_is_written_the_iso_way(station):
    from django.utils import translation

    from courses.models import LessonPage
    from deputies.models import Deputy, LiaisonStation

    day, until = timezone.localdate(), timezone.localdate() + timedelta(days=60)
    initial = {"day": day, "repeat_until": until, "start": time(9, 5), "end": time(10, 30)}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            form = ScheduleForm(
                initial=initial,
                stations=LiaisonStation.objects.all(),
                lessons=LessonPage.objects.none(),
                deputies=Deputy.objects.none(),
            )
            html = str(form["day"]) + str(form["repeat_until"])
            html += str(form["start"]) + str(form["end"])
        boxes = inputs(html)
        assert boxes["day"] == ("date", day.isoformat()), language
        assert boxes["repeat_until"] == ("date", until.isoformat()), language
        assert boxes["start"] == ("time", "09:05"), language
        assert boxes["end"] == ("time", "10:30"), language
    assert not StudySession.objects.exists()
