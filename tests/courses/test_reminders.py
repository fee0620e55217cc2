"""`manage.py send_course_reminders`: once when a course is due within 7 days, once when it is
overdue; never for completed courses, withdrawn ones or deputies out of office; never a flood."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from courses.models import Enrolment
from courses.services import enrol, send_due_reminders
from deputies.factories import DeputyFactory
from notifications.models import Notification


def assigned(deputy, course, by, due):
    enrolment = enrol(deputy=deputy, course=course, assigned_by=by)
    Enrolment.objects.filter(pk=enrolment.pk).update(due_date=due)
    return enrolment


def titles(user):
    return sorted(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_each_stage_is_told_once(course, deputy, station_staff):
    today = timezone.localdate()
    assigned(deputy, course, station_staff, today + timedelta(days=7))

    assert send_due_reminders(on=today - timedelta(days=1)) == 0  # 8 days ahead: not yet
    assert send_due_reminders(on=today) == 1
    assert send_due_reminders(on=today + timedelta(days=3)) == 0  # still due soon: told
    assert send_due_reminders(on=today + timedelta(days=7)) == 0  # due today: not late yet
    assert send_due_reminders(on=today + timedelta(days=8)) == 1
    assert send_due_reminders(on=today + timedelta(days=30)) == 0

    due = (today + timedelta(days=7)).isoformat()
    assert titles(deputy.user) == [f"{due}截止：{course.title}", f"已逾期：{course.title}"]
    notice = Notification.objects.get(user=deputy.user, title__startswith="已逾期")
    assert due in notice.body and notice.url == course.url


def test_the_enrolment_s_own_due_date_counts(course, deputy, station_staff):
    today = timezone.localdate()
    course.due_date = today + timedelta(days=2)
    course.save_revision().publish()
    assigned(deputy, course, station_staff, today + timedelta(days=40))
    assert send_due_reminders(on=today) == 0


def test_completed_withdrawn_and_out_of_office_are_not_told(
    course, deputy, other_station_deputy, station, station_staff
):
    yesterday = timezone.localdate() - timedelta(days=1)
    done = assigned(deputy, course, station_staff, yesterday)
    Enrolment.objects.filter(pk=done.pk).update(completed_at=timezone.now())
    assigned(other_station_deputy, course, station_staff, yesterday).delete()  # withdrawn
    retired = DeputyFactory(station=station, is_active=False, user__mobile="13500000001")
    assigned(retired, course, station_staff, yesterday)
    locked_out = DeputyFactory(station=station, user__mobile="13500000002")
    locked_out.user.is_active = False
    locked_out.user.save()
    assigned(locked_out, course, station_staff, yesterday)

    assert send_due_reminders() == 0
    assert not Notification.objects.exists()


@pytest.mark.parametrize("deputies", [2, 20])
def test_queries_grow_with_courses_not_deputies(
    course, elective, station, station_staff, deputies, django_assert_num_queries
):
    today = timezone.localdate()
    for n in range(deputies):
        person = DeputyFactory(station=station, user__mobile=f"135{n:08d}")
        assigned(person, course, station_staff, today + timedelta(days=3))
        assigned(person, elective, station_staff, today - timedelta(days=3))
    # One read of every enrolment per stage, the courses, and per course and stage: whether
    # already told, the insert and reading back what was made (savepoints around each).
    with django_assert_num_queries(14):
        assert send_due_reminders(on=today) == 2 * deputies


def test_the_command_says_how_many(course, deputy, station_staff):
    assigned(deputy, course, station_staff, timezone.localdate())
    out = StringIO()
    call_command("send_course_reminders", stdout=out)
    call_command("send_course_reminders", stdout=out)
    assert out.getvalue() == "Sent 1 course reminder(s).\nSent 0 course reminder(s).\n"
