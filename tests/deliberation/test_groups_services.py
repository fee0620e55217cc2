"""The group deliberation's writes: opened at a session for a live report, once; closed once;
the marks only on the remarks shown (the deputies present, this report)."""

import pytest

from deliberation.groups import selectors, services
from deliberation.models import CarriedRemark, GroupDeliberation
from studysessions.services import cancel_session

from .groups_world import build


@pytest.fixture
def world(station, station_staff):
    return build(station, by=station_staff)


def test_shown_are_the_remarks_of_the_deputies_present_on_this_report(world):
    shown = selectors.remarks(world.group)
    assert {r.pk for r in shown} == {
        world.praise.pk,
        world.problem.pk,
        world.question.pk,
        world.suggestion.pk,
        world.unmarked.pk,
    }
    sections = selectors.grouped(shown)
    assert [s.heading for s in sections] == ["一、2025年工作回顾", "（一）道路", "（二）饮水"]
    assert [k.kind for k in sections[0].kinds] == ["assessment", "problem"]
    assert [r.pk for r in sections[0].kinds[0].remarks] == [world.praise.pk, world.unmarked.pk]


def test_open_then_close_and_not_twice(world):
    assert world.group.is_open
    group = services.close_group(group=world.group)
    assert group.is_closed and group.closed_at
    with pytest.raises(services.GroupError):
        services.close_group(group=group)
    # Marks may still be set after the close: the summary is finished after the meeting.
    services.set_marks(group=group, remark_ids=[world.praise.pk])
    assert selectors.carried_ids(group) == {world.praise.pk}


def test_one_deliberation_a_report_and_session(world):
    with pytest.raises(services.GroupError):
        services.open_group(session=world.session, exercise=world.report, attributed=True)
    assert GroupDeliberation.objects.count() == 1


def test_only_a_live_report(world):
    world.other.live = False
    world.other.save()
    with pytest.raises(services.GroupError):
        services.open_group(session=world.session, exercise=world.other, attributed=False)


def test_not_at_a_cancelled_session(world, station_staff):
    cancel_session(session=world.session, reason="下雨", cancelled_by=station_staff)
    world.session.refresh_from_db()
    with pytest.raises(services.GroupError):
        services.open_group(session=world.session, exercise=world.other, attributed=False)


@pytest.mark.parametrize("which", ["absent", "elsewhere"])
def test_a_remark_not_shown_cannot_be_marked(world, which):
    before = set(CarriedRemark.objects.values_list("pk", flat=True))
    with pytest.raises(services.GroupError):
        services.set_marks(
            group=world.group, remark_ids=[world.praise.pk, getattr(world, which).pk]
        )
    assert set(CarriedRemark.objects.values_list("pk", flat=True)) == before


def test_marks_are_set_exactly(world):
    assert services.set_marks(group=world.group, remark_ids=[world.unmarked.pk]) == 1
    assert selectors.carried_ids(world.group) == {world.unmarked.pk}
    services.set_marks(group=world.group, remark_ids=[])
    assert CarriedRemark.objects.count() == 0


def test_a_deleted_remark_leaves_the_summary(world):
    pk = world.problem.pk
    world.problem.delete()
    assert not CarriedRemark.objects.filter(remark_id=pk).exists()
    assert selectors.summary(world.group)["count"] == 3
