"""Roll call: a clerk marks each deputy present, absent or on leave, by hand during the session
or from the signed sheet after it. Every mark made or taken back is in the audit log, with the
marks before and after in words."""

from datetime import timedelta

import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from deputies.factories import DeputyFactory
from studysessions import codes
from studysessions.attendance import check_in
from studysessions.factories import StudySessionFactory
from studysessions.models import Attendance, Invitation
from studysessions.services import cancel_session


def mark(client, session, deputy, value, **extra):
    url = reverse("studysessions:attendance", args=[session.pk])
    return client.post(url, {"deputy": deputy.pk, "mark": value, **extra})


def audited():
    entries = AuditEntry.objects.filter(action=Action.ATTENDANCE_MARKED).order_by("pk")
    return [(e.detail["old"], e.detail["new"]) for e in entries]


def test_each_mark_is_audited_in_words_and_the_log_shows_it(
    client, station_staff, county_officer, session, deputy
):
    client.force_login(station_staff)
    for value in ("present", "absent", "leave", "present"):
        assert mark(client, session, deputy, value).status_code == 302
    assert audited() == [
        ("Not checked in", "Present"),
        ("Present", "Absent"),
        ("Absent", "On leave"),
        ("On leave", "Present"),
    ]
    entry = AuditEntry.objects.filter(action=Action.ATTENDANCE_MARKED).first()
    assert (entry.actor, entry.deputy) == (station_staff, deputy)
    assert entry.county == deputy.township.county
    assert entry.detail["session"] == str(session)
    assert Attendance.objects.get().method == Attendance.Method.MANUAL

    client.force_login(county_officer)
    page = client.get(reverse("audit:log")).content.decode()
    assert f"王秀英，{session}：未签到 → 出席。" in page
    assert "出席 → 缺席" in page and "缺席 → 请假" in page and "请假 → 出席" in page

    # The marks in the reader's language, whatever the clerk's was.
    client.cookies["django_language"] = "en"
    page = client.get(reverse("audit:log")).content.decode()
    assert f"王秀英, {session}: Not checked in → Present." in page


def test_the_signed_sheet_after_the_session_is_audited_too(english, station_staff, station, deputy):
    past = StudySessionFactory(station=station, starts_in=timedelta(days=-3))
    english.force_login(station_staff)
    mark(english, past, deputy, "present", method="sheet")
    assert Attendance.objects.get().method == Attendance.Method.SHEET
    assert audited() == [("Not checked in", "Present")]


def test_a_mark_already_there_or_refused_writes_nothing(client, station_staff, session, deputy):
    client.force_login(station_staff)
    mark(client, session, deputy, "present")
    mark(client, session, deputy, "present")
    assert len(audited()) == 1 and Attendance.objects.count() == 1
    cancel_session(session=session, reason="台风", cancelled_by=station_staff)
    mark(client, session, deputy, "absent")
    assert len(audited()) == 1 and Attendance.objects.count() == 1


def test_absent_and_on_leave_are_kept_and_a_late_scan_makes_the_deputy_present(
    client, station_staff, session, deputy
):
    client.force_login(station_staff)
    mark(client, session, deputy, "present")
    mark(client, session, deputy, "leave")
    invitation = Invitation.objects.get(deputy=deputy)
    assert invitation.absence == "leave" and not Attendance.objects.exists()
    check_in(session=session, deputy=deputy, code=codes.current_code(session))
    invitation.refresh_from_db()
    assert invitation.absence == "" and Attendance.objects.get().method == Attendance.Method.QR


def test_the_qr_check_in_itself_is_not_audited(session, deputy):
    check_in(session=session, deputy=deputy, code=codes.current_code(session))
    assert audited() == []


def test_a_station_deputy_not_invited_to_a_whole_station_session_can_be_put_on_leave(
    client, station_staff, session, station
):
    newcomer = DeputyFactory(station=station, user__mobile="13600000051")
    client.force_login(station_staff)
    mark(client, session, newcomer, "leave")
    assert Invitation.objects.get(deputy=newcomer).absence == "leave"
    assert audited() == [("Not checked in", "On leave")]


def test_an_unknown_mark_is_refused(english, station_staff, session, deputy):
    english.force_login(station_staff)
    response = mark(english, session, deputy, "asleep")
    assert response.status_code == 400
    assert not Attendance.objects.exists() and audited() == []


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_roll_offers_three_big_buttons_per_deputy_with_the_current_one_pressed(
    client, station_staff, session, deputy, station, language, django_assert_max_num_queries
):
    client.cookies["django_language"] = language
    for n in range(6):
        DeputyFactory(station=station, user__mobile=f"1360000006{n}")
    session = StudySessionFactory(station=station)
    client.force_login(station_staff)
    mark(client, session, deputy, "leave")
    url = reverse("studysessions:staff_session", args=[session.pk])
    client.get(url)  # shows the mark's message once
    # 13: two of them list the session's mock votes and group deliberations (deliberation).
    with django_assert_max_num_queries(13):
        page = client.get(url).content.decode()
    words = ("出席", "缺席", "请假") if language == "zh-hans" else ("Present", "Absent", "On leave")
    card = page.split(f'id="deputy-{deputy.pk}"')[1].split("</li>")[0]
    for word in words:
        assert f">{word}</button>" in card
    assert f'aria-pressed="true">{words[2]}</button>' in card
    assert page.count('name="mark"') == 3 * 7
