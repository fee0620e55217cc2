"""The demo's group deliberation: at the demo station's past session, on the demo report, the
remarks of deputies present only, some carried, closed; seeded once."""

from datetime import timedelta

from django.utils import timezone

from deliberation.groups import documents, selectors
from deliberation.groups.demo import REMARKS, seed_groups
from deliberation.models import GroupDeliberation, Remark
from deliberation.reports.demo import seed_reports
from deputies.factories import LiaisonStationFactory, UserFactory
from studysessions.demo import STAFF, STATION
from studysessions.factories import StudySessionFactory

from .votes_world import deputies_of, present


def test_the_demo_deliberation_once(db):
    UserFactory(mobile=STAFF)
    station = LiaisonStationFactory(name=STATION)
    deputies = deputies_of(station, 5, start=61)
    now = timezone.now()
    session = StudySessionFactory(
        station=station,
        invitees=deputies,
        starts_at=now - timedelta(days=7, hours=2),
        ends_at=now - timedelta(days=7),
    )
    present(session, deputies[:4])
    seed_reports()
    assert seed_groups()
    assert seed_groups() == []  # idempotent
    group = GroupDeliberation.objects.get()
    assert group.is_closed and group.attributed and group.session == session
    assert Remark.objects.filter(deputy=deputies[4]).count() == 0
    carried = selectors.carried_ids(group)
    assert len(carried) == sum(1 for *_, carry in REMARKS if carry)
    for remark in Remark.objects.filter(pk__in=carried).select_related("paragraph"):
        assert remark.quote in remark.paragraph.text
    plan = documents.outline(group)
    assert plan.count == len(carried)
    assert any(section.note.startswith("召集人小结：") for section in plan.sections)
    assert plan.title == "关于《城关镇人民政府工作报告（2026年）》的审议意见汇总"
