from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.factories import LessonPageFactory
from courses.models import Enrolment, LessonProgress
from deputies.factories import DeputyFactory
from notifications.models import Notification
from studysessions import codes
from studysessions.attendance import check_in, mark_present, unmark_present
from studysessions.factories import StudySessionFactory
from studysessions.models import Attendance, Invitation, SessionSeries, StudySession
from studysessions.selectors import credit_hours_of
from studysessions.services import (
    Repeat,
    StudySessionError,
    cancel_session,
    occurrences,
    reply,
    send_reminders,
    update_session,
)

pytestmark = pytest.mark.usefixtures("in_english")


def refused(message_part, **kwargs):
    with pytest.raises(StudySessionError) as info:
        check_in(**kwargs)
    assert message_part in str(info.value)
    assert Attendance.objects.count() == 0


def test_check_in_with_the_current_code(session, deputy):
    attendance = check_in(session=session, deputy=deputy, code=codes.current_code(session))
    assert attendance.method == Attendance.Method.QR
    assert credit_hours_of(deputy) == Decimal("2.0")  # 90 minutes at 45 a credit hour


def test_the_previous_step_is_accepted_and_older_ones_are_not(session, deputy):
    now = timezone.now()
    previous = codes.code_for(session, codes.step_at(now.timestamp()) - 1)
    older = codes.code_for(session, codes.step_at(now.timestamp()) - 2)
    refused("expired", session=session, deputy=deputy, code=older, now=now)
    assert check_in(session=session, deputy=deputy, code=previous, now=now)


def test_a_wrong_code_is_refused(session, deputy):
    refused("expired", session=session, deputy=deputy, code="0" * codes.CODE_LENGTH)
    refused("expired", session=session, deputy=deputy, code="码" * codes.CODE_LENGTH)


def test_a_second_check_in_is_refused_and_says_when(session, deputy):
    check_in(session=session, deputy=deputy, code=codes.current_code(session))
    with pytest.raises(StudySessionError, match="checked in already, at"):
        check_in(session=session, deputy=deputy, code=codes.current_code(session))
    assert Attendance.objects.count() == 1


def test_a_cancelled_session_refuses_check_in(session, deputy):
    cancel_session(session=session, reason="台风", cancelled_by=None)
    session.refresh_from_db()
    refused("cancelled", session=session, deputy=deputy, code=codes.current_code(session))


def test_another_stations_deputy_is_refused(session, other_station_deputy):
    refused(
        "not on its list",
        session=session,
        deputy=other_station_deputy,
        code=codes.current_code(session),
    )


def test_outside_the_window_is_refused_with_the_times(station, deputy):
    early = StudySessionFactory(station=station, starts_in=timedelta(hours=3))
    refused("opens at", session=early, deputy=deputy, code=codes.current_code(early))
    late = StudySessionFactory(station=station, starts_in=timedelta(hours=-3), minutes=60)
    refused("closed at", session=late, deputy=deputy, code=codes.current_code(late))


def test_chosen_invitees_only(station, deputy):
    neighbour = DeputyFactory(station=station, user__mobile="13600000011")
    session = StudySessionFactory(station=station, invitees=[deputy])
    refused("not on its list", session=session, deputy=neighbour, code=codes.current_code(session))


def test_a_whole_station_session_admits_a_deputy_who_joined_later(session, station):
    newcomer = DeputyFactory(station=station, user__mobile="13600000012")
    assert not Invitation.objects.filter(session=session, deputy=newcomer).exists()
    assert check_in(session=session, deputy=newcomer, code=codes.current_code(session))


def test_attendance_marks_lessons_studied_and_completes_the_course(course, station, deputy):
    one, two = (
        LessonPageFactory(parent=course, slug="a"),
        LessonPageFactory(parent=course, slug="b"),
    )
    Enrolment.objects.create(deputy=deputy, course=course)
    session = StudySessionFactory(station=station, lessons=[one, two], marks_lessons_studied=True)
    mark_present(session=session, deputy=deputy, recorded_by=None)
    assert LessonProgress.objects.filter(deputy=deputy, completed_at__isnull=False).count() == 2
    assert Enrolment.objects.get(deputy=deputy).completed_at is not None
    # Taking the mark back removes the hours but not the studied lessons.
    unmark_present(session=session, deputy=deputy)
    assert credit_hours_of(deputy) == 0
    assert LessonProgress.objects.filter(deputy=deputy, completed_at__isnull=False).count() == 2


def test_lessons_are_left_alone_unless_the_session_says_so(course, station, deputy):
    session = StudySessionFactory(
        station=station, lessons=[LessonPageFactory(parent=course, slug="a")]
    )
    mark_present(session=session, deputy=deputy, recorded_by=None)
    assert not LessonProgress.objects.exists()


def test_monthly_series_on_the_ninth_skips_nothing_and_stops_at_the_count(station, deputy):
    starts = timezone.make_aware(timezone.datetime(2031, 1, 9, 9, 0))
    from studysessions.services import schedule_session

    sessions = schedule_session(
        station=station,
        created_by=None,
        topic="每月学习",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        place="会议室",
        invitees=[deputy],
        whole_station=True,
        repeat=Repeat(SessionSeries.Frequency.MONTHLY, count=4),
    )
    days = [timezone.localtime(s.starts_at) for s in sessions]
    assert [(d.month, d.day, d.hour) for d in days] == [(1, 9, 9), (2, 9, 9), (3, 9, 9), (4, 9, 9)]
    assert Invitation.objects.filter(deputy=deputy).count() == 4
    assert len({s.qr_secret for s in sessions}) == 4


def test_monthly_on_the_31st_skips_short_months_and_weekly_stops_at_until():
    monthly = occurrences(date(2031, 1, 31), Repeat("monthly", count=3))
    assert monthly == [date(2031, 1, 31), date(2031, 3, 31), date(2031, 5, 31)]
    weekly = occurrences(date(2031, 1, 1), Repeat("weekly", until=date(2031, 1, 22)))
    assert weekly == [date(2031, 1, 1), date(2031, 1, 8), date(2031, 1, 15), date(2031, 1, 22)]


def test_declining_needs_a_reason(session, deputy):
    invitation = Invitation.objects.get(session=session, deputy=deputy)
    with pytest.raises(StudySessionError, match="why"):
        reply(invitation=invitation, attend=False, reason=" ")
    reply(invitation=invitation, attend=False, reason="外出务工")
    invitation.refresh_from_db()
    assert invitation.reply == Invitation.Reply.DECLINE and invitation.decline_reason == "外出务工"


def test_a_full_session_refuses_more_attending_replies(station, deputy, other_station_deputy):
    second = DeputyFactory(station=station, user__mobile="13600000013")
    session = StudySessionFactory(station=station, capacity=1)
    reply(invitation=session.invitations.get(deputy=deputy), attend=True)
    with pytest.raises(StudySessionError, match="full"):
        reply(invitation=session.invitations.get(deputy=second), attend=True)


def test_invitees_are_told_of_a_new_session_a_change_and_a_cancellation(session, deputy):
    user = deputy.user
    assert Notification.objects.filter(user=user, key=f"study-new:{session.pk}").exists()
    update_session(session=session, changed_by=None, place="村委会二楼")
    assert Notification.objects.filter(user=user, key__startswith="study-change:").count() == 1
    update_session(session=session, changed_by=None, topic="新题目")  # time and place unchanged
    assert Notification.objects.filter(user=user, key__startswith="study-change:").count() == 1
    cancel_session(
        session=StudySession.objects.get(pk=session.pk), reason="台风", cancelled_by=None
    )
    assert "台风" in Notification.objects.get(user=user, key=f"study-cancel:{session.pk}").body


def test_reminders_go_once_to_those_who_have_not_declined(station, deputy):
    decliner = DeputyFactory(station=station, user__mobile="13600000014")
    session = StudySessionFactory(station=station, starts_in=timedelta(hours=20))
    reply(invitation=session.invitations.get(deputy=decliner), attend=False, reason="有事")
    StudySessionFactory(station=station, starts_in=timedelta(hours=30))  # too far off yet
    assert send_reminders() == 1
    assert send_reminders() == 0
    reminded = Notification.objects.filter(key=f"study-reminder:{session.pk}")
    assert list(reminded.values_list("user", flat=True)) == [deputy.user_id]


def test_a_cancelled_session_cannot_be_changed_or_marked(session, deputy):
    session = cancel_session(session=session, reason="台风", cancelled_by=None)
    with pytest.raises(StudySessionError):
        update_session(session=session, changed_by=None, place="x")
    with pytest.raises(StudySessionError):
        mark_present(session=session, deputy=deputy, recorded_by=None)
    assert Attendance.objects.count() == 0


def test_the_reminder_command_runs_hourly_without_repeating_itself(station, deputy):
    import io

    from django.core.management import call_command

    StudySessionFactory(station=station, starts_in=timedelta(hours=5))
    out = io.StringIO()
    call_command("send_study_reminders", stdout=out)
    call_command("send_study_reminders", stdout=out)
    assert out.getvalue().splitlines() == ["Reminders sent: 1", "Reminders sent: 0"]


def test_a_session_recorded_after_it_was_held_tells_nobody(station, deputy):
    from datetime import timedelta

    from notifications.models import Notification
    from studysessions.factories import StudySessionFactory

    StudySessionFactory(station=station, starts_in=-timedelta(days=3))
    assert not Notification.objects.filter(user=deputy.user).exists()
    StudySessionFactory(station=station, starts_in=timedelta(days=3))
    assert Notification.objects.filter(user=deputy.user).count() == 1
