"""The register's state machine: each step from the state it needs, by whom it may be taken,
and what it records (who, when, note)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from deputies.factories import DeputyFactory, UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role
from proposals.models import Draft
from receptions.matters import services
from receptions.matters.deadlines import add_working_days
from receptions.matters.services import MatterError, Voter
from receptions.models import Category, Matter, Step

pytestmark = pytest.mark.usefixtures("in_english")


def kinds(matter):
    return list(matter.steps.values_list("kind", flat=True))


def test_recording_numbers_matters_per_station_and_year(
    matter, deputy, station, other_station, township_staff
):
    second = services.record_matter(
        station=station, recorded_by=township_staff, category=Category.WATER, raised="停水"
    )
    elsewhere = services.record_matter(
        station=other_station, recorded_by=township_staff, category=Category.WATER, raised="停水"
    )
    year = timezone.localdate().year
    assert (matter.year, matter.number, second.number, elsewhere.number) == (year, 1, 2, 1)
    assert matter.case_number == f"{year}-001"
    assert matter.deputy == deputy and second.deputy is None
    assert kinds(matter) == ["register"]
    assert matter.steps.get().by == deputy.user


def test_a_new_year_starts_at_one(station, station_staff, matter):
    later = services.record_matter(
        station=station,
        recorded_by=station_staff,
        category=Category.OTHER,
        raised="路灯不亮",
        received_on=date(matter.year + 1, 1, 2),
    )
    assert (later.year, later.number) == (matter.year + 1, 1)


def test_the_mobile_is_kept_only_with_the_voters_consent(station, deputy):
    with pytest.raises(MatterError, match="only if they agree"):
        services.record_matter(
            station=station,
            recorded_by=deputy.user,
            category=Category.WATER,
            raised="停水",
            voter=Voter("", "13912340002", False),
        )
    assert not Matter.objects.exists()


def test_a_deputy_of_another_station_cannot_record_for_this_one(station, other_station_deputy):
    with pytest.raises(MatterError, match="cannot record"):
        services.record_matter(
            station=station,
            recorded_by=other_station_deputy.user,
            category=Category.WATER,
            raised="停水",
        )


def test_referring_sets_fifteen_working_days_by_default(matter, station_staff):
    services.refer(matter=matter, by=station_staff, unit="镇水务站")
    matter.refresh_from_db()
    assert matter.status == Matter.Status.REFERRED
    assert matter.due_on == add_working_days(timezone.localdate(), 15)
    step = matter.steps.get(kind=Step.Kind.REFER)
    assert step.by == station_staff and "镇水务站" in step.note


def test_the_due_date_can_be_set_but_not_in_the_past(matter, station_staff):
    with pytest.raises(MatterError, match="before today"):
        services.refer(
            matter=matter,
            by=station_staff,
            unit="镇水务站",
            due_on=timezone.localdate() - timedelta(days=1),
        )
    chosen = timezone.localdate() + timedelta(days=40)
    services.refer(matter=matter, by=station_staff, unit="镇水务站", due_on=chosen)
    matter.refresh_from_db()
    assert matter.due_on == chosen


@pytest.mark.parametrize(
    "who, kind, place",
    [
        ("deputy", None, None),
        ("other station's staff", StaffRole.Kind.STATION, "other_station"),
        ("another county's officer", StaffRole.Kind.COUNTY, "other_county"),
    ],
)
def test_only_staff_covering_the_station_refer(request, matter, who, kind, place):
    if kind is None:
        user = request.getfixturevalue("deputy").user
    else:
        user = UserFactory(mobile="13700000015")
        grant_role(user=user, kind=kind, place=request.getfixturevalue(place))
    with pytest.raises(MatterError, match="Only the station's staff"):
        services.refer(matter=matter, by=user, unit="镇交通办")
    matter.refresh_from_db()
    assert matter.status == Matter.Status.REGISTERED


@pytest.mark.parametrize("who", ["township_staff", "county_officer"])
def test_staff_above_the_station_may_refer(request, matter, who):
    services.refer(matter=matter, by=request.getfixturevalue(who), unit="镇交通办")
    matter.refresh_from_db()
    assert matter.status == Matter.Status.REFERRED


def test_the_full_handling_ends_closed_with_its_type(visited, station_staff):
    services.close(matter=visited, by=station_staff, closure="solved", note="桥已修好")
    visited.refresh_from_db()
    assert visited.status == Matter.Status.CLOSED and visited.closure == "solved"
    assert visited.finished_at is not None
    assert kinds(visited) == ["register", "refer", "answer", "visit", "close"]
    assert visited.steps.get(kind="close").note == "Solved. 桥已修好"


def test_closing_needs_the_voter_told_first(answered, station_staff):
    with pytest.raises(MatterError, match="cannot be taken now"):
        services.close(matter=answered, by=station_staff, closure="solved")


def test_a_closed_matter_cannot_be_closed_again(visited, station_staff, township_staff):
    services.close(matter=visited, by=station_staff, closure="explained")
    with pytest.raises(MatterError, match="closed already"):
        services.close(matter=visited, by=township_staff, closure="solved")
    assert Step.objects.filter(kind="close").count() == 1


def test_the_receiving_deputy_may_tell_the_voter_but_not_close(answered, deputy):
    services.record_visit(matter=answered, by=deputy.user, satisfaction="basically")
    with pytest.raises(MatterError, match="Only the station's staff"):
        services.close(matter=answered, by=deputy.user, closure="solved")


def test_a_peer_deputy_may_not_tell_the_voter(answered, station):
    peer = DeputyFactory(station=station, user__mobile="13600000031")
    with pytest.raises(MatterError, match="deputy who received"):
        services.record_visit(matter=answered, by=peer.user, satisfaction="satisfied")


def test_an_unsatisfied_voter_sends_the_matter_back_to_the_unit(answered, deputy, station_staff):
    services.record_visit(matter=answered, by=deputy.user, satisfaction="unsatisfied")
    with pytest.raises(MatterError, match="cannot be taken now"):
        services.record_answer(matter=answered, by=station_staff, answer="x")
    services.follow_up(matter=answered, by=station_staff, note="请重新办理")
    answered.refresh_from_db()
    assert answered.status == Matter.Status.REFERRED and answered.satisfaction == ""
    assert answered.due_on == add_working_days(timezone.localdate(), 15)


def test_a_satisfied_voter_cannot_be_followed_up(visited, station_staff):
    with pytest.raises(MatterError, match="close the matter instead"):
        services.follow_up(matter=visited, by=station_staff, note="再催")


def test_following_up_a_referred_matter_adds_a_row_and_may_move_the_date(referred, station_staff):
    later = referred.due_on + timedelta(days=5)
    services.follow_up(matter=referred, by=station_staff, note="电话催办", due_on=later)
    referred.refresh_from_db()
    assert referred.status == Matter.Status.REFERRED and referred.due_on == later
    assert referred.steps.get(kind="follow_up").note == "电话催办"


def test_a_referred_matter_can_no_longer_be_refused(referred, station_staff):
    with pytest.raises(MatterError, match="cannot be taken now"):
        services.reject(matter=referred, by=station_staff, reason="涉诉")


def test_a_matter_in_litigation_is_not_accepted_with_its_reason(station, deputy, station_staff):
    matter = services.record_matter(
        station=station, recorded_by=deputy.user, category=Category.OTHER, raised="宅基地纠纷"
    )
    with pytest.raises(MatterError, match="Give the reason"):
        services.reject(matter=matter, by=station_staff, reason=" ")
    services.reject(matter=matter, by=station_staff, reason="已起诉，引导至法院")
    matter.refresh_from_db()
    assert matter.status == Matter.Status.REJECTED and matter.is_finished
    with pytest.raises(MatterError, match="not accepted"):
        services.refer(matter=matter, by=station_staff, unit="镇司法所")


def test_turning_a_matter_into_a_suggestion_prefills_the_draft_without_the_voter(referred, deputy):
    draft = services.turn_into_suggestion(matter=referred, by=deputy.user)
    referred.refresh_from_db()
    assert referred.draft == draft and draft.deputy == deputy
    assert draft.exercise.genre == "suggestion" and not draft.exercise.live
    assert draft.parts["problem"].startswith("村口桥面塌了一块")
    assert referred.case_number in draft.parts["causes"] and draft.parts["handler"] == "镇交通办"
    text = str(draft.parts) + draft.exercise.scenario
    assert "周大妈" not in text and "13912340001" not in text
    # A second tap opens the same draft.
    assert services.turn_into_suggestion(matter=referred, by=deputy.user) == draft
    assert Draft.objects.count() == 1
    assert kinds(referred).count("draft") == 1


def test_only_the_receiving_deputy_turns_it_into_a_suggestion(matter, station_staff):
    with pytest.raises(MatterError, match="Only the deputy who received"):
        services.turn_into_suggestion(matter=matter, by=station_staff)
