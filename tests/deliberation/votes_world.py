"""What the mock vote's tests share: a session of the station with deputies invited, some of
them checked in, and a vote with projects (made through the services)."""

from decimal import Decimal

from deliberation.votes import services
from deputies.factories import DeputyFactory
from studysessions.attendance import mark_present
from studysessions.factories import StudySessionFactory
from studysessions.models import Attendance


def deputies_of(station, n, start=1):
    return [
        DeputyFactory(station=station, user__name=f"代表{i}", user__mobile=f"136100{i:05d}")
        for i in range(start, start + n)
    ]


def present(session, deputies):
    for deputy in deputies:
        mark_present(
            session=session, deputy=deputy, recorded_by=None, method=Attendance.Method.MANUAL
        )


def session_with(station, invited, *, present_ones=()):
    session = StudySessionFactory(station=station, invitees=list(invited))
    present(session, present_ones)
    return session


def vote_at(session, *, projects=3, rule="expected", max_chosen=None, open_it=True, by=None):
    vote = services.create_vote(
        session=session, title="民生实事项目票决", rule=rule, max_chosen=max_chosen, created_by=by
    )
    for n in range(projects):
        services.add_project(
            vote=vote, name=f"项目{n + 1}", description="说明", cost=Decimal("10.5")
        )
    if open_it:
        services.open_vote(vote=vote)
    return vote
