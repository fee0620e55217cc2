"""Demo group study at 东街社区代表联络站: a session last week that deputies attended (one was
on leave), one tomorrow with some replies in, and a monthly series on the 9th. Made through the
same services as real use; running it again adds nothing."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from deputies.models import Deputy, LiaisonStation, User

from .attendance import mark_present, mark_roll
from .models import Attendance, RollMark, SessionSeries, StudySession
from .services import Repeat, reply, schedule_session

STATION = "东街社区代表联络站"
STAFF = "13700000003"
GRADUATE = "13900000002"


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def seed_study_sessions() -> list[StudySession]:
    station = LiaisonStation.objects.filter(name=STATION).first()
    staff = User.objects.filter(mobile=STAFF).first()
    if station is None or staff is None or StudySession.objects.filter(station=station).exists():
        return []
    deputies = list(Deputy.objects.active().filter(station=station).order_by("user__mobile"))
    today = timezone.localdate()
    common = {"station": station, "created_by": staff, "invitees": deputies, "whole_station": True}

    (past,) = schedule_session(
        topic="学习《代表法》：代表的权利和义务",
        description="逐条学习代表法第七条（代表的权利）和第八条（代表的义务），交流履职体会。",
        starts_at=_at(today - timedelta(days=7), 14, 30),
        ends_at=_at(today - timedelta(days=7), 16),
        place="东街社区代表联络站会议室",
        facilitator="周丽萍",
        **common,
    )
    present = max(1, len(deputies) * 3 // 4)
    for deputy in deputies[:present]:
        mark_present(session=past, deputy=deputy, recorded_by=staff, method=Attendance.Method.SHEET)
    if len(deputies) > present + 1:
        # One asked for leave; the rest were simply absent.
        mark_roll(session=past, deputy=deputies[-1], mark=RollMark.LEAVE, recorded_by=staff)

    (tomorrow,) = schedule_session(
        topic="如何写好一件代表建议",
        description="结合选民接待中收集的问题，练习建议的写法。",
        starts_at=_at(today + timedelta(days=1), 9),
        ends_at=_at(today + timedelta(days=1), 10, 30),
        place="东街社区代表联络站会议室",
        facilitator="县人大代表工委 王老师",
        capacity=30,
        **common,
    )
    invitations = list(tomorrow.invitations.select_related("deputy__user").order_by("pk"))
    for n, invitation in enumerate(invitations[:4]):
        if n == 3:
            reply(invitation=invitation, attend=False, reason="当天在外地参加培训")
        else:
            reply(invitation=invitation, attend=True)

    first_ninth = today.replace(day=9)
    if first_ninth <= today:
        first_ninth = (first_ninth + timedelta(days=31)).replace(day=9)
    series = schedule_session(
        topic="每月集中学习",
        description="每月 9 日的集中学习。",
        starts_at=_at(first_ninth, 14, 30),
        ends_at=_at(first_ninth, 16),
        place="东街社区代表联络站会议室",
        facilitator="周丽萍",
        repeat=Repeat(SessionSeries.Frequency.MONTHLY, count=6),
        **common,
    )
    return [past, tomorrow, *series]
