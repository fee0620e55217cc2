import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from deputies.editor_permissions import EDITORS_GROUP
from proposals.checker import Rule
from proposals.factories import GOOD
from proposals.models import (
    COSIGNERS_MIN,
    CheckRule,
    Draft,
    Genre,
    Level,
    Review,
    Revision,
)
from proposals.rule_defaults import DEFAULT_RULES
from proposals.selectors import active_rules
from proposals.services import submit_draft


def rule(**changes) -> CheckRule:
    """A sound rule of the shipped kind "words", changed as the test needs."""
    values = {
        "code": "test-rule",
        "kind": "words",
        "criterion": "wording",
        "name": "测试",
        "message": "「{part}」有问题。",
        "fix": "改掉。",
        "basis": "通行做法。",
        "words": "尽快\n适当",
        "parts": [],
        "genres": [],
        "levels": [],
        "severity": "warning",
        "weight": 10,
        "params": {},
        **changes,
    }
    return CheckRule(**values)


def errors_of(row: CheckRule) -> dict:
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    return caught.value.message_dict


def seed_rules():
    """Run the seeding migration's step as `migrate` does (a kept test database was seeded
    by the defaults of its day)."""
    migration = importlib.import_module("proposals.migrations.0002_default_rules")
    migration.seed(django_apps, None)


def test_migrations_seed_every_default_rule(db):
    CheckRule.objects.filter(code="title-form").update(message="编辑改过的话", enabled=False)
    seed_rules()
    rows = {row.code: row for row in CheckRule.objects.all()}
    assert set(rows) >= {data["code"] for data in DEFAULT_RULES}
    for data in DEFAULT_RULES:
        # What the checker gets from the row is exactly the shipped rule.
        assert rows[data["code"]].as_rule() == Rule.from_dict(data)
        assert rows[data["code"]].as_rule().params == data["params"]
    assert CheckRule.objects.count() == len(DEFAULT_RULES)  # by code: none twice


def test_every_seeded_rule_is_valid(db):
    for row in CheckRule.objects.all():
        row.full_clean()


def test_rules_keep_the_shipped_order(db):
    seed_rules()
    assert [r.code for r in active_rules()] == [data["code"] for data in DEFAULT_RULES]


def test_active_rules_leave_out_disabled_ones(db, django_assert_num_queries):
    CheckRule.objects.filter(code="vague-wording").update(enabled=False)
    with django_assert_num_queries(1):
        codes = [r.code for r in active_rules()]
    assert "vague-wording" not in codes
    assert "missing-part" in codes
    CheckRule.objects.update(enabled=False)
    assert active_rules() == []


def test_an_empty_rule_table_checks_by_the_shipped_defaults(db):
    CheckRule.objects.all().delete()
    assert [r.code for r in active_rules()] == [data["code"] for data in DEFAULT_RULES]


def test_a_sound_rule_is_accepted(db):
    rule().full_clean()


def test_unknown_kind_is_refused_on_its_field(db, in_english):
    assert "kind" in errors_of(rule(kind="guess"))


def test_unknown_part_genre_and_level_are_refused_on_their_fields(db, in_english):
    errors = errors_of(rule(parts=["title", "preamble"], genres=["essay"], levels=["province"]))
    assert "preamble" in errors["parts"][0]
    assert "essay" in errors["genres"][0]
    assert "province" in errors["levels"][0]


def test_a_part_of_the_other_genre_is_refused(db, in_english):
    errors = errors_of(rule(parts=["cosigners"], genres=["suggestion"]))
    assert "cosigners" in errors["parts"][0]


def test_lists_must_be_lists_of_names(db, in_english):
    assert "parts" in errors_of(rule(parts="title"))
    assert "genres" in errors_of(rule(genres=[1]))


def test_settings_must_be_a_json_object(db, in_english):
    assert "params" in errors_of(rule(params=["min", 20]))


def test_settings_the_test_cannot_read_are_refused(db, in_english):
    errors = errors_of(rule(kind="cosigners", params={"township": "five"}))
    assert any("township" in message for message in errors["__all__"])
    errors = errors_of(rule(params={"patterns": ["(unclosed"]}))
    assert any("patterns" in message for message in errors["__all__"])


def test_cosigner_minimums_shown_to_deputies_match_the_shipped_rule():
    [cosigners] = [data for data in DEFAULT_RULES if data["kind"] == "cosigners"]
    assert cosigners["params"] == {Level.TOWNSHIP: 5, Level.COUNTY: 10} == COSIGNERS_MIN


def test_one_draft_per_deputy_and_exercise(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        Draft.objects.create(deputy=draft.deputy, exercise=draft.exercise)


def test_genre_cannot_change_once_drafts_exist(exercise, draft, in_english):
    exercise.genre = Genre.MOTION
    with pytest.raises(ValidationError) as caught:
        exercise.full_clean()
    assert "genre" in caught.value.message_dict
    exercise.refresh_from_db()
    exercise.title = "新标题"
    exercise.full_clean()


def test_revision_numbers_are_unique_per_draft(draft):
    submit_draft(draft=draft, parts=GOOD, saved_version=draft.saved_version)
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.create(
            draft=draft, number=1, genre="suggestion", level="township", overall=0, passed=False
        )


def test_review_checks_scores_and_comments(draft, station_staff, in_english):
    revision = submit_draft(draft=draft, parts=GOOD, saved_version=draft.saved_version)
    review = Review(
        revision=revision,
        reviewer=station_staff,
        scores={"concrete": 4, "focus": 5},
        comments={"measures": "写得具体。"},
        decision=Review.Decision.ACCEPTED,
    )
    review.full_clean()
    review.scores = {"concrete": 6}
    review.comments = {"cosigners": "建议没有联名。"}
    with pytest.raises(ValidationError) as caught:
        review.full_clean()
    assert set(caught.value.message_dict) == {"scores", "comments"}


def test_editors_keep_exercises_and_rules_but_not_drafts(db):
    editors = Group.objects.get(name=EDITORS_GROUP)
    codenames = set(
        editors.permissions.filter(content_type__app_label="proposals").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {
        f"{action}_{model}"
        for model in ("exercise", "checkrule")
        for action in ("add", "change", "delete", "view")
    }
