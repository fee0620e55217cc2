"""Factories shared by the tests and the demo seeding command: group-study sessions and
attendance."""

from datetime import timedelta

import factory
from django.utils import timezone

from deputies.factories import DeputyFactory, LiaisonStationFactory

from .models import Attendance, StudySession
from .services import schedule_session


class StudySessionFactory(factory.django.DjangoModelFactory):
    """A session at `station` starting `starts_in` from now and lasting `minutes`, scheduled
    as staff schedule one (`studysessions.services.schedule_session`): it invites `invitees`,
    the whole station by default, and tells each of them."""

    class Meta:
        model = StudySession

    class Params:
        starts_in = timedelta(minutes=10)
        minutes = 90

    station = factory.SubFactory(LiaisonStationFactory)
    topic = "学习代表法"
    place = "联络站会议室"
    starts_at = factory.LazyAttribute(lambda o: timezone.now() + o.starts_in)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=o.minutes))
    invitees = None
    created_by = None

    @classmethod
    def _create(cls, model_class, *args, station, invitees, **fields):
        whole = invitees is None
        if whole:
            invitees = list(station.deputies.all())
        (session, *_more) = schedule_session(
            station=station, invitees=invitees, whole_station=whole, **fields
        )
        return session


class AttendanceFactory(factory.django.DjangoModelFactory):
    """A deputy marked present by staff."""

    class Meta:
        model = Attendance

    session = factory.SubFactory(StudySessionFactory)
    deputy = factory.SubFactory(DeputyFactory)
    method = Attendance.Method.MANUAL
