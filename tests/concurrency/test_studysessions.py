"""Group study at the same moment: a deputy scanning the screen while the clerk ticks them
present, two clerks ticking one deputy, and two deputies replying for the last seat. Through
the real views."""

import pytest
from django.urls import reverse

from deputies.factories import DeputyFactory
from studysessions import attendance as study_attendance
from studysessions import codes
from studysessions.factories import StudySessionFactory
from studysessions.models import Attendance, Invitation
from tests.concurrency.racing import client_for, race, statuses

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def mark(browser, session, deputy):
    url = reverse("studysessions:attendance", args=[session.pk])
    return lambda: browser.post(url, {"deputy": deputy.pk, "method": "manual"})


def test_a_deputy_checking_in_while_the_clerk_marks_them_is_recorded_once(
    station, deputy, station_staff, meeting, monkeypatch
):
    session = StudySessionFactory(station=station)
    # Both requests have checked the deputy may attend and has no attendance yet.
    monkeypatch.setattr(study_attendance, "_record", meeting.before(study_attendance._record))
    phone, clerk = client_for(deputy.user), client_for(station_staff)
    checkin_url = reverse("studysessions:checkin", args=[session.pk, codes.current_code(session)])

    scanned, marked = race(
        lambda: phone.post(checkin_url), mark(clerk, session, deputy), meeting=meeting
    )

    assert (scanned.status_code, marked.status_code) == (200, 302)
    attendance = Attendance.objects.get()
    assert attendance.deputy == deputy
    page = scanned.content.decode()
    [told] = [str(m) for m in marked.wsgi_request._messages]
    if attendance.method == Attendance.Method.QR:
        # The scan won: the deputy is welcomed, the clerk told they are present already.
        assert "Checked in at" in page
        assert told.startswith(f"{deputy.user.name} is marked present already, since ")
    else:
        assert told == f"{deputy.user.name}: Present."
        assert "You checked in already, at" in page


def test_two_clerks_marking_one_deputy_record_one_attendance(
    station, deputy, station_staff, township_staff, meeting, monkeypatch
):
    session = StudySessionFactory(station=station)
    monkeypatch.setattr(study_attendance, "_record", meeting.before(study_attendance._record))
    clerks = [client_for(station_staff), client_for(township_staff)]

    responses = race(*(mark(c, session, deputy) for c in clerks), meeting=meeting)

    assert statuses(responses) == [302, 302]
    assert Attendance.objects.count() == 1
    told = sorted(str(m) for r in responses for m in r.wsgi_request._messages)
    assert told[0].startswith(f"{deputy.user.name} is marked present already, since ")
    assert told[1] == f"{deputy.user.name}: Present."


def test_two_deputies_replying_for_the_last_seat_do_not_both_get_it(
    station, deputy, meeting, monkeypatch
):
    other = DeputyFactory(station=station, user__mobile="13600000077")
    session = StudySessionFactory(station=station, capacity=1)
    # Both replies have counted the seats taken before either is saved.
    monkeypatch.setattr(Invitation, "save", meeting.before(Invitation.save))
    phones = {d: client_for(d.user) for d in (deputy, other)}

    def reply(d):
        url = reverse("studysessions:reply", args=[session.pk])
        return lambda: phones[d].post(url, {"attend": "yes", "reason": ""})

    responses = race(reply(deputy), reply(other), meeting=meeting)

    assert statuses(responses) == [302, 400]
    refused = next(r for r in responses if r.status_code == 400)
    assert "this session is full" in refused.content.decode()
    assert Invitation.objects.filter(session=session, reply=Invitation.Reply.ATTEND).count() == 1
