"""The deputy's budget pages: the live exercises, one exercise's table with its changes, the
livelihood share and how to read it; nobody else finds them; queries pinned."""

import pytest
from django.urls import reverse

from deliberation.budgets.demo import seed_budget_exercise
from deliberation.models import BudgetExercise, BudgetLine

EN = {"headers": {"accept-language": "en"}}
ZH = {"headers": {"accept-language": "zh-hans"}}


@pytest.fixture
def exercise(db):
    return seed_budget_exercise()


@pytest.fixture
def as_deputy(client, deputy):
    client.force_login(deputy.user)
    return client


def test_the_list_shows_live_exercises_only(as_deputy, exercise):
    BudgetExercise.objects.create(title="还没发布的预算", year=2026)
    html = as_deputy.get(reverse("deliberation:budgets"), **EN).content.decode()
    assert exercise.title in html and "还没发布的预算" not in html


def test_the_table_with_changes_totals_and_livelihood(as_deputy, exercise):
    html = as_deputy.get(reverse("deliberation:budget", args=[exercise.pk]), **EN).content.decode()
    # 交通运输: 364 → 512, +148, +40.7%; spending 14,161 → 14,631, +470, +3.3%
    assert "交通运输支出" in html and "+148" in html and "+40.7%" in html
    assert "14,631" in html and "+470" in html and "+3.3%" in html
    # 9,336 of 14,631 = 63.8%
    assert "9,336 万元, 63.8% of spending" in html
    assert "They balance." in html
    assert "article 48" in html and "article 40" in html
    assert html.count("livelihood</span>") == 6


def test_the_table_in_chinese(as_deputy, exercise):
    html = as_deputy.get(reverse("deliberation:budget", args=[exercise.pk]), **ZH).content.decode()
    assert "怎样看预算" in html and "第四十八条" in html and "民生" in html
    assert "增减额" in html and "增减幅度" in html


def test_an_exercise_not_live_is_not_found(as_deputy, exercise):
    exercise.live = False
    exercise.save()
    assert as_deputy.get(reverse("deliberation:budget", args=[exercise.pk])).status_code == 404


def test_staff_find_no_deputy_page(client, station_staff, exercise):
    client.force_login(station_staff)
    assert client.get(reverse("deliberation:budgets")).status_code == 404
    assert client.get(reverse("deliberation:budget", args=[exercise.pk])).status_code == 404


def test_the_writing_practice_list_links_here(as_deputy):
    html = as_deputy.get(reverse("proposals:list")).content.decode()
    assert reverse("deliberation:budgets") in html


def test_queries_do_not_grow_with_lines_or_exercises(
    as_deputy, exercise, django_assert_max_num_queries
):
    url = reverse("deliberation:budget", args=[exercise.pk])
    with django_assert_max_num_queries(12) as few:
        as_deputy.get(url)
    for index in range(40):
        BudgetLine.objects.create(exercise=exercise, side="spending", name=f"支出{index}")
    for index in range(5):
        BudgetExercise.objects.create(title=f"预算{index}", year=2026, live=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        as_deputy.get(url)
    with django_assert_max_num_queries(len(few.captured_queries)):
        as_deputy.get(reverse("deliberation:budgets"))
