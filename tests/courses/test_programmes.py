"""Training programmes (初任培训): who is given one when a term opens, with which due date,
enrolled in which courses, and the number of queries it takes for a whole county."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import Action, AuditEntry
from courses.models import Enrolment, ProgrammeAssignment
from courses.programmes import ProgrammeError, assign_programme, change_kind
from deputies.models import Deputy
from notifications.models import Notification

from .programme_helpers import (
    add_course,
    make_programme,
    new_deputies,
    open_new_term,
    open_term,
    seat,
)

Kind = ProgrammeAssignment.Kind


@pytest.fixture
def courses(course_index):
    return [add_course(course_index, "daibiaofa"), add_course(course_index, "xuanjufa")]


@pytest.fixture
def programme(courses):
    return make_programme(courses)


@pytest.fixture
def term(township):
    return open_term(township, starts_on=timezone.localdate() + timedelta(days=10))


def test_a_new_deputy_is_given_the_programme_due_from_the_terms_first_day(
    programme, courses, term, deputy, county_officer
):
    seat([deputy], term)
    open_new_term(term=term, new=[deputy], by=county_officer)

    assignment = ProgrammeAssignment.objects.get(deputy=deputy)
    assert assignment.programme == programme
    assert assignment.kind == Kind.REQUIRED
    assert assignment.term == term
    assert assignment.due_date == term.starts_on + timedelta(days=90)
    assert assignment.assigned_by == county_officer
    enrolments = Enrolment.objects.filter(deputy=deputy).order_by("course__path")
    assert [e.course_id for e in enrolments] == [c.pk for c in courses]
    assert {e.due_date for e in enrolments} == {assignment.due_date}
    # The deputy hears of it, with a link to the programme's page.
    note = Notification.objects.get(user=deputy.user)
    assert "初任培训" in note.title
    assert note.url == f"/learn/programmes/{programme.pk}/"


def test_a_term_that_began_earlier_counts_from_today(programme, township, deputy):
    term = open_term(township, starts_on=timezone.localdate() - timedelta(days=30))
    seat([deputy], term)
    open_new_term(term=term, new=[deputy])
    assignment = ProgrammeAssignment.objects.get(deputy=deputy)
    assert assignment.due_date == timezone.localdate() + timedelta(days=90)


def test_only_deputies_of_the_programmes_levels_are_given_it(programme, term, deputy, station):
    programme.for_township_deputies = False
    programme.save()
    county_level = new_deputies(station, 1)[0]
    Deputy.objects.filter(pk=county_level.pk).update(level=Deputy.Level.COUNTY)
    seat([deputy], term)
    open_new_term(term=term, new=[deputy, county_level])
    assert list(ProgrammeAssignment.objects.values_list("deputy_id", flat=True)) == [
        county_level.pk
    ]


def test_programmes_not_for_new_deputies_are_not_given(programme, term, deputy):
    programme.assign_to_new_deputies = False
    programme.save()
    seat([deputy], term)
    open_new_term(term=term, new=[deputy])
    assert not ProgrammeAssignment.objects.exists()


def test_an_enrolment_is_kept_and_its_due_date_only_moves_sooner(programme, courses, term, deputy):
    sooner = term.starts_on + timedelta(days=5)
    later = term.starts_on + timedelta(days=400)
    first = Enrolment.objects.create(
        deputy=deputy, course=courses[0], source=Enrolment.Source.CHOSEN, due_date=sooner
    )
    second = Enrolment.objects.create(
        deputy=deputy, course=courses[1], source=Enrolment.Source.CHOSEN, due_date=later
    )
    seat([deputy], term)
    open_new_term(term=term, new=[deputy])
    due = term.starts_on + timedelta(days=90)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.source, first.due_date) == (Enrolment.Source.CHOSEN, sooner)
    assert (second.source, second.due_date) == (Enrolment.Source.CHOSEN, due)
    assert Enrolment.objects.filter(deputy=deputy).count() == 2


def test_opening_the_term_twice_gives_the_programme_once(programme, term, deputy):
    seat([deputy], term)
    open_new_term(term=term, new=[deputy])
    open_new_term(term=term, new=[deputy])
    assert ProgrammeAssignment.objects.filter(deputy=deputy).count() == 1
    assert Notification.objects.filter(user=deputy.user).count() == 1


@pytest.mark.parametrize(
    ("choice", "kind"),
    [("exempted", Kind.EXEMPTED), ("refresher", Kind.REFRESHER), ("required", Kind.REQUIRED)],
)
def test_re_elected_deputies_get_what_the_county_chose(
    choice, kind, programme, course_index, term, deputy
):
    short = add_course(course_index, "fuxun")
    programme.refresher = make_programme(
        [short], title="连任代表培训", assign_to_new_deputies=False
    )
    programme.save()
    seat([deputy], term, reelected=True)
    open_new_term(term=term, reelected=[deputy], choice=choice)

    assignment = ProgrammeAssignment.objects.get(deputy=deputy)
    assert (assignment.programme, assignment.kind) == (programme, kind)
    # The register says why a deputy is not on the programme for the new.
    assert assignment.note
    taken = set(Enrolment.objects.filter(deputy=deputy).values_list("course__slug", flat=True))
    expected = {
        "exempted": set(),
        "refresher": {"fuxun"},
        "required": {"daibiaofa", "xuanjufa"},
    }[choice]
    assert taken == expected
    assert (assignment.due_date is None) == (choice == "exempted")


def test_a_refresher_is_an_exemption_where_the_programme_has_none(programme, term, deputy):
    seat([deputy], term, reelected=True)
    open_new_term(term=term, reelected=[deputy], choice="refresher")
    assert ProgrammeAssignment.objects.get(deputy=deputy).kind == Kind.EXEMPTED
    assert not Enrolment.objects.filter(deputy=deputy).exists()


def _queries_to_open(term, deputies) -> int:
    with CaptureQueriesContext(connection) as queries:
        open_new_term(term=term, new=deputies[:-1], reelected=deputies[-1:], choice="required")
    assert ProgrammeAssignment.objects.filter(term=term).count() == 2 * len(deputies)
    return len(queries)


@pytest.mark.parametrize("count", [3, 30])
def test_a_term_opens_in_a_fixed_number_of_queries(
    count, programme, term, station, django_assert_max_num_queries
):
    deputies = new_deputies(station, count)
    seat(deputies, term)
    with django_assert_max_num_queries(20):
        open_new_term(term=term, new=deputies[:-1], reelected=deputies[-1:], choice="required")
    assert ProgrammeAssignment.objects.filter(term=term).count() == count
    assert Enrolment.objects.filter(deputy__in=deputies).count() == 2 * count


def test_thirty_deputies_take_the_queries_of_three(programme, township, station, course_index):
    # Two programmes, to see that the count grows with programmes only.
    make_programme([add_course(course_index, "jiandu")], title="监督法培训", final_test=False)
    few = new_deputies(station, 3)
    many = new_deputies(station, 30, first=100)
    first = open_term(township, starts_on=timezone.localdate())
    seat(few, first)
    queries_for_few = _queries_to_open(first, few)
    second = open_term(township, starts_on=timezone.localdate() + timedelta(days=1), number=20)
    seat(many, second)
    assert _queries_to_open(second, many) == queries_for_few


def test_staff_give_a_programme_by_hand(programme, deputy, county_officer):
    made = assign_programme(
        programme=programme, deputies=[deputy], by=county_officer, due_date=None
    )
    assert made == 1
    assignment = ProgrammeAssignment.objects.get(deputy=deputy)
    # The deputy's current seat is in the term DeputyFactory seated them in (start unknown).
    assert assignment.term is not None and assignment.term.starts_on is None
    assert assignment.due_date == timezone.localdate() + timedelta(days=90)
    assert assign_programme(programme=programme, deputies=[deputy], by=county_officer) == 0


def test_an_exemption_by_hand_needs_a_reason(programme, deputy, county_officer, in_english):
    with pytest.raises(ProgrammeError, match="Say why"):
        assign_programme(
            programme=programme, deputies=[deputy], kind=Kind.EXEMPTED, by=county_officer
        )
    assert not ProgrammeAssignment.objects.exists()


def test_changing_the_kind_is_audited_and_enrols_when_work_is_given(
    programme, courses, term, deputy, county_officer, in_english
):
    seat([deputy], term, reelected=True)
    open_new_term(term=term, reelected=[deputy], choice="exempted")
    assignment = ProgrammeAssignment.objects.get(deputy=deputy)

    with pytest.raises(ProgrammeError, match="Say why"):
        change_kind(assignment=assignment, kind=Kind.EXEMPTED, note=" ", by=county_officer)
    with pytest.raises(ProgrammeError, match="no refresher"):
        change_kind(assignment=assignment, kind=Kind.REFRESHER, by=county_officer)

    change_kind(assignment=assignment, kind=Kind.REQUIRED, by=county_officer)
    assignment.refresh_from_db()
    assert assignment.kind == Kind.REQUIRED
    assert assignment.due_date == term.starts_on + timedelta(days=90)
    assert Enrolment.objects.filter(deputy=deputy).count() == 2
    entry = AuditEntry.objects.get(action=Action.TRAINING_EXEMPTED)
    assert (entry.deputy, entry.actor) == (deputy, county_officer)
    assert entry.detail["choice"] == "Required"
    assert entry.detail["programme"] == "初任培训"

    change_kind(assignment=assignment, kind=Kind.EXEMPTED, note="已参加省级培训", by=county_officer)
    assignment.refresh_from_db()
    assert (assignment.kind, assignment.note, assignment.due_date) == (
        Kind.EXEMPTED,
        "已参加省级培训",
        None,
    )
    assert AuditEntry.objects.filter(action=Action.TRAINING_EXEMPTED).count() == 2


def test_a_completed_assignment_keeps_its_kind(programme, term, deputy, county_officer, in_english):
    seat([deputy], term)
    open_new_term(term=term, new=[deputy])
    assignment = ProgrammeAssignment.objects.get(deputy=deputy)
    ProgrammeAssignment.objects.filter(pk=assignment.pk).update(completed_at=timezone.now())
    with pytest.raises(ProgrammeError, match="completed"):
        change_kind(assignment=assignment, kind=Kind.EXEMPTED, note="x", by=county_officer)
