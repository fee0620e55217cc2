"""The deputy's pages: what they show, who may open them, and how many queries they make."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deputies.factories import DeputyFactory
from proposals.factories import GOOD, VAGUE, ExerciseFactory
from proposals.models import CheckRule
from proposals.services import save_draft, start_draft, submit_draft


def deputy_urls(draft) -> list[str]:
    return [
        reverse("proposals:list"),
        reverse("proposals:exercise", args=[draft.exercise_id]),
        reverse("proposals:draft", args=[draft.pk]),
        reverse("proposals:revision", args=[draft.pk, 1]),
    ]


def test_the_list_shows_live_exercises_with_my_status(english, deputy, draft, motion_exercise):
    ExerciseFactory(title="还没上线的练习", live=False)
    english.force_login(deputy.user)
    page = english.get(reverse("proposals:list")).text
    assert "村道被货车压坏" in page and "集市占道经营" in page
    assert "还没上线的练习" not in page
    assert "Suggestion" in page and "Motion" in page and "Township congress" in page
    assert "Writing" in page  # the status of my draft
    assert "Read the exercise" in page  # the motion is not started
    assert "My drafts" in page and reverse("proposals:draft", args=[draft.pk]) in page


def test_my_drafts_show_the_latest_score(english, deputy, draft):
    revision = submit_draft(draft=draft, parts=VAGUE, saved_version=0)
    english.force_login(deputy.user)
    page = english.get(reverse("proposals:list")).text
    assert "1 revision" in page and f"latest score {revision.overall}" in page
    assert "Submitted" in page


def test_the_exercise_page_explains_the_genre(english, deputy, exercise):
    english.force_login(deputy.user)
    page = english.get(reverse("proposals:exercise", args=[exercise.pk])).text
    assert "下雨天坑里积水" in page
    assert "What a suggestion needs" in page
    assert "Suggested handling unit" in page and "关于……的建议" in page
    assert "Start writing" in page


def test_a_motion_shows_the_co_signers_needed_at_its_level(english, deputy, motion_exercise):
    english.force_login(deputy.user)
    page = english.get(reverse("proposals:exercise", args=[motion_exercise.pk])).text
    assert "What a motion needs" in page
    assert "at least 5 of its deputies, the lead deputy included" in page
    county = ExerciseFactory(title="县级议案", genre="motion", level="county")
    draft = start_draft(deputy=deputy, exercise=county)
    page = english.get(reverse("proposals:draft", args=[draft.pk])).text
    assert "Joint signers (lead deputy included)" in page and "at least 10 of its" in page


def test_an_exercise_once_started_offers_to_continue(english, deputy, draft):
    english.force_login(deputy.user)
    page = english.get(reverse("proposals:exercise", args=[draft.exercise_id])).text
    assert "Start writing" not in page
    assert reverse("proposals:draft", args=[draft.pk]) in page


# Who may open what


def test_another_deputys_draft_is_not_found(client, deputy, draft, other_station_deputy):
    submit_draft(draft=draft, parts=GOOD, saved_version=0)
    client.force_login(other_station_deputy.user)
    for url in deputy_urls(draft)[2:]:
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("proposals:autosave", args=[draft.pk]),
        data=json.dumps({"parts": {"title": "改掉"}, "saved_version": draft.saved_version}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert (
        client.post(reverse("proposals:consent", args=[draft.pk]), {"consent": "on"}).status_code
        == 404
    )
    draft.refresh_from_db()
    assert draft.parts["title"] == GOOD["title"] and not draft.consent_to_publish


@pytest.mark.parametrize("who", ["station_staff", "township_staff", "county_officer", "editor"])
def test_staff_have_no_deputy_pages(request, client, draft, who):
    """Staff see deputies' drafts only through the review pages (to come), never as the
    deputy: the deputy's pages are a 404 for them, even for a draft in their scope."""
    submit_draft(draft=draft, parts=GOOD, saved_version=0)
    client.force_login(request.getfixturevalue(who))
    for url in deputy_urls(draft):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("proposals:start", args=[draft.exercise_id])).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, draft):
    for url in deputy_urls(draft):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_staff_do_not_see_the_menu_item(client, deputy, station_staff):
    # Staff have the review in their menu, not the deputies' writing practice.
    link = f'href="{reverse("proposals:list")}"'
    client.force_login(station_staff)
    page = client.get(reverse("home")).text
    assert link not in page
    assert f'href="{reverse("proposals:review_queue")}"' in page
    client.force_login(deputy.user)
    assert link in client.get(reverse("home")).text


# Queries: a fixed number, whatever the amount of data


def more_data(deputy, count=4):
    """Exercises, drafts and revisions for the deputy and for others."""
    for n in range(count):
        exercise = ExerciseFactory(title=f"练习{n}")
        mine = start_draft(deputy=deputy, exercise=exercise)
        submit_draft(draft=mine, parts=VAGUE, saved_version=0)
        other = DeputyFactory(station=deputy.station)
        save_draft(draft=start_draft(deputy=other, exercise=exercise), parts=GOOD, saved_version=0)


def test_the_list_makes_a_fixed_number_of_queries(client, deputy, draft, django_assert_num_queries):
    client.force_login(deputy.user)
    url = reverse("proposals:list")
    client.get(url)  # warm the caches (section URLs)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    more_data(deputy)
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert response.text.count("练习") >= 8


def test_page_queries_are_pinned(client, deputy, draft, django_assert_max_num_queries):
    submit_draft(draft=draft, parts=VAGUE, saved_version=0)
    more_data(deputy)
    client.force_login(deputy.user)
    client.get(reverse("proposals:list"))  # warm the caches (section URLs)
    with django_assert_max_num_queries(9):  # +1: the unread-notifications badge in the menu
        assert client.get(reverse("proposals:list")).status_code == 200
    with django_assert_max_num_queries(8):  # +1: the unread-notifications badge in the menu
        assert (
            client.get(reverse("proposals:exercise", args=[draft.exercise_id])).status_code == 200
        )
    # One more for the revision's review.
    with django_assert_max_num_queries(9):  # +1: the unread-notifications badge in the menu
        assert client.get(reverse("proposals:revision", args=[draft.pk, 1])).status_code == 200


def test_the_draft_page_with_a_report_is_pinned(
    client, deputy, draft, django_assert_max_num_queries
):
    save_draft(draft=draft, parts=VAGUE, saved_version=0)
    client.force_login(deputy.user)
    url = reverse("proposals:draft", args=[draft.pk]) + "?check=1"
    client.get(url)
    with django_assert_max_num_queries(9):  # +1: the unread-notifications badge in the menu
        response = client.get(url)
    assert "具体可行" in response.text


def test_a_motion_with_a_report_adds_one_query_for_its_congress(
    client, deputy, other_station_deputy, motion_exercise, django_assert_max_num_queries
):
    CheckRule.objects.all().delete()  # the shipped rules, whatever a reused database holds
    draft = start_draft(deputy=deputy, exercise=motion_exercise)
    signers = "领衔代表：王秀英\n联名代表：李建国、张丽华"
    save_draft(draft=draft, parts={"cosigners": signers}, saved_version=0)
    client.force_login(deputy.user)
    url = reverse("proposals:draft", args=[draft.pk]) + "?check=1"
    client.get(url)
    # The suggestion's 9, +1: the deputies of the congress, to check the joint signers by.
    with django_assert_max_num_queries(10):
        response = client.get(url)
    # 张丽华 is not a deputy of 王秀英's township congress; 李建国 is.
    assert response.text.count("不在本级人民代表大会的代表名单上") == 1


def test_autosave_is_pinned(client, deputy, draft, django_assert_max_num_queries):
    client.force_login(deputy.user)
    url = reverse("proposals:autosave", args=[draft.pk])
    with django_assert_max_num_queries(8):
        response = client.post(
            url,
            data=json.dumps({"parts": VAGUE, "saved_version": 0}),
            content_type="application/json",
        )
    assert response.status_code == 200
