"""Credit hours (学时) of writing practice: an accepted draft keeps the exercise's hours as they
were when it was accepted, by a reviewer or by the checker; a returned draft earns nothing;
the deputy sees what an exercise credits on the list and the exercise's page; drafts accepted
before hours existed get theirs from the migration."""

import importlib
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.urls import reverse

from proposals.factories import (
    GOOD,
    VAGUE,
    DraftFactory,
    ExerciseFactory,
    ReviewFactory,
    RevisionFactory,
)
from proposals.models import Draft, Exercise, Genre, Review
from proposals.reviews import review_revision
from proposals.services import start_draft, submit_draft

SHANGHAI = ZoneInfo("Asia/Shanghai")
MOMENT = datetime(2026, 5, 20, 10, tzinfo=SHANGHAI)


def _submit(draft, parts, now=None):
    draft.refresh_from_db()
    return submit_draft(draft=draft, parts=parts, saved_version=draft.saved_version, now=now)


def _review(revision, reviewer, decision, now=None):
    return review_revision(
        revision=revision,
        reviewer=reviewer,
        scores={"complete": 4},
        comments={},
        general_comment="" if decision == Review.Decision.ACCEPTED else "写具体些。",
        decision=decision,
        now=now,
    )


def test_staff_accepting_a_draft_credits_the_exercise_hours_then(deputy, station_staff):
    exercise = ExerciseFactory(credit_hours=Decimal("1.5"))
    draft = start_draft(deputy=deputy, exercise=exercise)
    revision = _submit(draft, GOOD)
    draft.refresh_from_db()
    assert (draft.status, draft.accepted_at, draft.credit_hours) == ("submitted", None, None)

    _review(revision, station_staff, Review.Decision.ACCEPTED, now=MOMENT)

    draft.refresh_from_db()
    assert draft.status == Draft.Status.ACCEPTED
    assert (draft.accepted_at, draft.credit_hours) == (MOMENT, Decimal("1.5"))

    # An editor changing the exercise's hours afterwards rewrites no deputy's record.
    Exercise.objects.filter(pk=exercise.pk).update(credit_hours=Decimal("3.0"))
    draft.refresh_from_db()
    assert draft.credit_hours == Decimal("1.5")


def test_the_checker_accepting_a_draft_credits_the_hours_at_submission(deputy):
    exercise = ExerciseFactory(pass_by_checker=True, credit_hours=Decimal("0.5"))
    draft = start_draft(deputy=deputy, exercise=exercise)
    _submit(draft, VAGUE)
    draft.refresh_from_db()
    assert draft.status == Draft.Status.RETURNED and draft.credit_hours is None

    returned = _submit(draft, GOOD, now=MOMENT)

    assert returned.passed
    assert (draft.status, draft.accepted_at, draft.credit_hours) == (
        Draft.Status.ACCEPTED,
        MOMENT,
        Decimal("0.5"),
    )
    draft.refresh_from_db()
    assert (draft.accepted_at, draft.credit_hours) == (MOMENT, Decimal("0.5"))


def test_a_returned_draft_earns_nothing(deputy, station_staff):
    draft = start_draft(deputy=deputy, exercise=ExerciseFactory(credit_hours=Decimal("2.0")))
    revision = _submit(draft, VAGUE)
    _review(revision, station_staff, Review.Decision.RETURNED)
    draft.refresh_from_db()
    assert draft.status == Draft.Status.RETURNED
    assert (draft.accepted_at, draft.credit_hours) == (None, None)


def test_an_exercise_with_no_hours_credits_none(deputy, station_staff):
    draft = start_draft(deputy=deputy, exercise=ExerciseFactory(credit_hours=Decimal("0")))
    _review(_submit(draft, GOOD), station_staff, Review.Decision.ACCEPTED)
    draft.refresh_from_db()
    assert draft.is_done and draft.credit_hours == Decimal("0")


def test_new_exercises_credit_half_an_hour():
    assert Exercise().credit_hours == Decimal("0.5")


# What the deputy sees ------------------------------------------------------------------------


def test_the_list_and_the_exercise_say_what_acceptance_earns(english, deputy):
    ExerciseFactory(title="有学时", credit_hours=Decimal("1.5"))
    none = ExerciseFactory(title="无学时", credit_hours=Decimal("0"))
    english.force_login(deputy.user)
    page = english.get(reverse("proposals:list")).content.decode()
    assert page.count("Earns 1.5 credit hours when accepted") == 1
    assert "Earns 0 credit hours" not in page
    shown = english.get(reverse("proposals:exercise", args=[none.pk])).content.decode()
    assert "credit hours when accepted" not in shown


def test_an_accepted_draft_shows_the_hours_it_earned(english, deputy, station_staff):
    exercise = ExerciseFactory(credit_hours=Decimal("1.5"))
    draft = start_draft(deputy=deputy, exercise=exercise)
    _review(_submit(draft, GOOD), station_staff, Review.Decision.ACCEPTED)
    Exercise.objects.filter(pk=exercise.pk).update(credit_hours=Decimal("3.0"))
    english.force_login(deputy.user)
    for url in (reverse("proposals:list"), reverse("proposals:exercise", args=[exercise.pk])):
        page = english.get(url).content.decode()
        assert "Earned 1.5 credit hours" in page
        assert "when accepted" not in page


def test_the_hours_are_said_in_chinese(client, deputy):
    ExerciseFactory(credit_hours=Decimal("0.5"))
    client.force_login(deputy.user)
    assert "完成可得 0.5 学时" in client.get(reverse("proposals:list")).content.decode()


def test_the_list_names_deliberation_speeches_only_when_it_holds_some(english, deputy):
    english.force_login(deputy.user)
    ExerciseFactory()
    speeches = "gives a report to deliberate and asks for your speech on it (审议发言)"
    page = english.get(reverse("proposals:list")).content.decode()
    assert "write a suggestion or a motion about it. Your text" in page
    assert speeches not in page
    ExerciseFactory(title="审议报告", genre=Genre.DELIBERATION, material="报告正文。")
    assert speeches in english.get(reverse("proposals:list")).content.decode()


# The migration's backfill --------------------------------------------------------------------


def test_drafts_accepted_before_hours_existed_get_them(deputy, station_staff):
    """Accepted by a reviewer: when the accepting review was made; by the checker (no review):
    when the last revision was submitted; either way, the exercise's hours. Drafts not
    accepted get nothing."""
    migration = importlib.import_module("proposals.migrations.0007_credit_hours")
    reviewed_exercise = ExerciseFactory(title="人审", credit_hours=Decimal("1.0"))
    checked_exercise = ExerciseFactory(title="机审", pass_by_checker=True)
    reviewed = DraftFactory(deputy=deputy, exercise=reviewed_exercise, status="accepted")
    first = RevisionFactory(draft=reviewed, number=1, submitted_at=MOMENT.replace(day=1))
    ReviewFactory(revision=first, reviewer=station_staff, created_at=MOMENT)
    checked = DraftFactory(deputy=deputy, exercise=checked_exercise, status="accepted")
    RevisionFactory(draft=checked, number=1, submitted_at=MOMENT.replace(day=3))
    waiting = DraftFactory(exercise=reviewed_exercise, status="submitted")
    RevisionFactory(draft=waiting, number=1, submitted_at=MOMENT)

    migration.accepted_drafts_keep_their_hours(apps, schema_editor=None)

    rows = {
        d.pk: (d.accepted_at, d.credit_hours)
        for d in Draft.objects.all()  # refreshed from the database
    }
    assert rows[reviewed.pk] == (MOMENT, Decimal("1.0"))
    assert rows[checked.pk] == (MOMENT.replace(day=3), Decimal("0.5"))
    assert rows[waiting.pk] == (None, None)


@pytest.mark.parametrize("hours", ["-0.5", "1000"])
def test_an_exercise_refuses_hours_out_of_range(hours):
    from django.core.exceptions import ValidationError

    exercise = ExerciseFactory.build(credit_hours=Decimal(hours))
    with pytest.raises(ValidationError) as caught:
        exercise.full_clean()
    assert "credit_hours" in caught.value.message_dict
