"""Editors keep the exercises and the checker's rules in the content admin."""

from decimal import Decimal

import pytest
from django.urls import reverse

from proposals.models import CheckRule, Exercise

EXERCISES = "/admin/proposals/exercises/"
RULES = "/admin/proposals/rules/"


@pytest.fixture
def editing(client, editor):
    client.force_login(editor)
    client.cookies["django_language"] = "en"
    return client


def rule_data(row: CheckRule, **changes) -> dict:
    data = {
        "code": row.code,
        "name": row.name,
        "kind": row.kind,
        "criterion": row.criterion,
        "severity": row.severity,
        "weight": row.weight,
        "message": row.message,
        "fix": row.fix,
        "basis": row.basis,
        "parts": row.parts,
        "genres": row.genres,
        "levels": row.levels,
        "words": row.words,
        "params": "{}",
        "sort_order": row.sort_order,
        **changes,
    }
    if row.enabled:
        data["enabled"] = "on"
    return data


def test_an_editor_adds_an_exercise(editing):
    assert editing.get(EXERCISES).status_code == 200
    response = editing.post(
        reverse("proposal_exercises:add"),
        {
            "title": "村口路灯",
            "genre": "suggestion",
            "level": "township",
            "scenario": "村口没有路灯。",
            "guidance": "",
            "credit_hours": "1.5",
            "live": "on",
        },
    )
    assert response.status_code == 302
    exercise = Exercise.objects.get()
    assert exercise.live and not exercise.pass_by_checker
    assert exercise.credit_hours == Decimal("1.5")


def test_an_exercise_cannot_credit_less_than_nothing(editing):
    response = editing.post(
        reverse("proposal_exercises:add"),
        {
            "title": "村口路灯",
            "genre": "suggestion",
            "level": "township",
            "scenario": "村口没有路灯。",
            "credit_hours": "-1",
        },
    )
    assert response.status_code == 200
    assert not Exercise.objects.exists()


def test_an_editor_narrows_a_rule_with_ticks(editing):
    row = CheckRule.objects.get(code="proposal-term")
    page = editing.get(reverse("proposal_rules:edit", args=[row.pk]))
    assert page.status_code == 200 and 'type="checkbox"' in page.text
    response = editing.post(
        reverse("proposal_rules:edit", args=[row.pk]),
        rule_data(
            row, parts=["title", "measures"], genres=["suggestion"], params='{"except": ["提案人"]}'
        ),
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.parts == ["title", "measures"] and row.genres == ["suggestion"]
    assert row.as_rule().parts == ("title", "measures")


def test_a_rule_the_checker_cannot_run_is_refused(editing):
    row = CheckRule.objects.get(code="too-few-cosigners")
    response = editing.post(
        reverse("proposal_rules:edit", args=[row.pk]),
        rule_data(row, params='{"township": "five", "county": 10}'),
    )
    assert response.status_code == 200
    assert "Setting township is not valid here." in response.text
    row.refresh_from_db()
    assert row.params == {"township": 5, "county": 10}


def test_deputies_have_no_admin(client, deputy):
    client.force_login(deputy.user)
    response = client.get(RULES)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={RULES}"
