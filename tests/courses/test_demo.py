"""The demo shows assignment and notices: the demo deputy's station was given an elective with
its own due date, and the township clerk's notice is in the deputy's notifications. Loading
the demo again sends and logs nothing more."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from audit.models import Action, AuditEntry
from courses.demo import ASSIGNED_DUE_IN_DAYS
from courses.models import Enrolment
from deputies.models import Deputy
from notifications.demo import TITLE
from notifications.models import Notification


def test_the_demo_deputy_has_an_assignment_of_their_own_and_a_notice(db):
    call_command("seed_demo", stdout=StringIO())
    reader = Deputy.objects.get(user__mobile="13900000001")

    own = Enrolment.objects.get(deputy=reader, course__slug="jiandufa-xiangzhen-jiandu")
    assert own.due_date == timezone.localdate() + timedelta(days=ASSIGNED_DUE_IN_DAYS)
    assert own.course.specific.due_date is None
    notice = Notification.objects.get(user=reader.user, title=TITLE)
    assert notice.body.endswith("—— 刘建华")
    told = Notification.objects.filter(user=reader.user, title__startswith="新课程：").count()
    assert told == 3  # the deputy law course, the election course, the elective
    entries = AuditEntry.objects.filter(
        action__in=[Action.COURSE_ASSIGNED, Action.NOTICE_SENT]
    ).count()

    call_command("seed_demo", stdout=StringIO())

    assert Notification.objects.filter(user=reader.user, title=TITLE).count() == 1
    assert (
        AuditEntry.objects.filter(action__in=[Action.COURSE_ASSIGNED, Action.NOTICE_SENT]).count()
        == entries
    )
