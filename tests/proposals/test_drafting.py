"""Writing a draft: starting it once, saving as one types (and what a save refuses), checking,
submitting as numbered revisions, and the read-only text while it is under review."""

import json

import pytest
from django.urls import reverse

from proposals.factories import GOOD, VAGUE, ExerciseFactory
from proposals.models import CheckRule, Draft, Example, Revision
from proposals.services import (
    MAX_PART_CHARS,
    DraftClosed,
    DraftError,
    PartError,
    StaleDraft,
    save_draft,
    start_draft,
    submit_draft,
)


def autosave(client, draft, parts, version):
    return client.post(
        reverse("proposals:autosave", args=[draft.pk]),
        data=json.dumps({"parts": parts, "saved_version": version}),
        content_type="application/json",
    )


def post_form(client, draft, parts, version, action="save"):
    return client.post(
        reverse("proposals:draft", args=[draft.pk]),
        {**parts, "saved_version": version, "action": action},
    )


def returned(draft):
    """Staff send the draft back (their review page comes later; the state is what matters)."""
    Draft.objects.filter(pk=draft.pk).update(status=Draft.Status.RETURNED)
    draft.refresh_from_db()
    return draft


# Starting


def test_start_writing_makes_one_draft_however_often_it_is_pressed(client, deputy, exercise):
    client.force_login(deputy.user)
    url = reverse("proposals:start", args=[exercise.pk])
    first = client.post(url)
    second = client.post(url)
    draft = Draft.objects.get()
    assert first.url == second.url == reverse("proposals:draft", args=[draft.pk])
    assert draft.parts == dict.fromkeys(GOOD, "")
    assert draft.status == Draft.Status.WRITING


def test_start_needs_a_post(client, deputy, exercise):
    client.force_login(deputy.user)
    assert client.get(reverse("proposals:start", args=[exercise.pk])).status_code == 405
    assert not Draft.objects.exists()


def test_an_exercise_not_live_cannot_be_opened_or_started(client, deputy):
    hidden = ExerciseFactory(live=False)
    client.force_login(deputy.user)
    assert client.get(reverse("proposals:exercise", args=[hidden.pk])).status_code == 404
    assert client.post(reverse("proposals:start", args=[hidden.pk])).status_code == 404
    assert not Draft.objects.exists()


def test_a_draft_stays_open_after_its_exercise_is_taken_down(english, deputy, draft, exercise):
    exercise.live = False
    exercise.save()
    english.force_login(deputy.user)
    assert english.get(reverse("proposals:exercise", args=[exercise.pk])).status_code == 200
    assert english.get(reverse("proposals:draft", args=[draft.pk])).status_code == 200


# Saving as one types


def test_autosave_saves_and_counts_versions(client, deputy, draft):
    client.force_login(deputy.user)
    response = autosave(client, draft, {"title": "关于修路的建议"}, 0)
    assert response.status_code == 200
    assert response.json()["saved_version"] == 1
    assert response.json()["saved"].startswith(("Saved", "已保存", "保存"))
    response = autosave(client, draft, {"problem": "路坏了。"}, 1)
    draft.refresh_from_db()
    assert draft.saved_version == 2
    assert draft.parts["title"] == "关于修路的建议"  # a part left out keeps its text
    assert draft.parts["problem"] == "路坏了。"


def test_a_save_from_a_stale_page_is_refused(english, deputy, draft):
    """Two tabs: the second, still at version 0, must not write over the first's text."""
    english.force_login(deputy.user)
    assert autosave(english, draft, {"title": "第一个标签页"}, 0).status_code == 200
    response = autosave(english, draft, {"title": "第二个标签页"}, 0)
    assert response.status_code == 409
    assert response.json()["stale"] is True
    assert "another tab or device" in response.json()["error"]
    # What the server has, for the page to tell its own lost save from another tab's.
    assert response.json()["saved_version"] == 1
    assert response.json()["parts"]["title"] == "第一个标签页"
    draft.refresh_from_db()
    assert draft.parts["title"] == "第一个标签页"
    assert draft.saved_version == 1


def test_oversize_text_is_refused_and_nothing_changes(english, deputy, draft):
    english.force_login(deputy.user)
    autosave(english, draft, {"title": "原来的标题"}, 0)
    response = autosave(
        english, draft, {"title": "新标题", "problem": "长" * (MAX_PART_CHARS + 1)}, 1
    )
    assert response.status_code == 400
    assert response.json()["part"] == "problem"
    assert "at most 5000" in response.json()["error"]
    draft.refresh_from_db()
    assert draft.parts["title"] == "原来的标题"
    assert draft.saved_version == 1


def test_text_of_the_full_length_is_saved(client, deputy, draft):
    client.force_login(deputy.user)
    assert autosave(client, draft, {"problem": "长" * MAX_PART_CHARS}, 0).status_code == 200


def test_unknown_parts_are_refused_clearly(english, deputy, draft):
    english.force_login(deputy.user)
    response = autosave(english, draft, {"title": "标题", "cosigners": "张三", "evil": "x"}, 0)
    assert response.status_code == 400
    assert response.json()["error"] == "This draft has no part called cosigners, evil."
    draft.refresh_from_db()
    assert draft.saved_version == 0 and draft.parts["title"] == ""


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        json.dumps({"parts": {"title": "x"}}),
        json.dumps({"parts": {"title": "x"}, "saved_version": "0"}),
        json.dumps({"parts": {"title": "x"}, "saved_version": True}),
        json.dumps({"parts": ["title"], "saved_version": 0}),
        json.dumps({"parts": {"title": 5}, "saved_version": 0}),
    ],
)
def test_unreadable_saves_are_refused(english, deputy, draft, body):
    english.force_login(deputy.user)
    response = english.post(
        reverse("proposals:autosave", args=[draft.pk]), data=body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"] == "The draft could not be read."
    draft.refresh_from_db()
    assert draft.saved_version == 0


def test_line_breaks_are_stored_one_way(client, deputy, draft):
    client.force_login(deputy.user)
    post_form(client, draft, {"problem": "第一行\r\n第二行"}, 0)
    draft.refresh_from_db()
    assert draft.parts["problem"] == "第一行\n第二行"


def test_the_form_saves_without_javascript(english, deputy, draft):
    english.force_login(deputy.user)
    response = post_form(english, draft, GOOD, 0)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.parts == GOOD and draft.saved_version == 1
    assert "Saved." in english.get(response.url).text


def test_the_form_from_a_stale_page_keeps_the_typed_text_and_says_why(english, deputy, draft):
    save_draft(draft=draft, parts={"title": "另一台手机上的标题"}, saved_version=0)
    english.force_login(deputy.user)
    response = post_form(english, draft, {**GOOD, "title": "这台电脑上的标题"}, 0)
    assert response.status_code == 409
    assert "another tab or device" in response.text
    assert "这台电脑上的标题" in response.text  # nothing typed is lost from the page
    draft.refresh_from_db()
    assert draft.parts["title"] == "另一台手机上的标题"


@pytest.mark.parametrize("data", [{}, {"title": "标题", "saved_version": "x"}])
def test_a_form_without_its_version_is_refused(english, deputy, draft, data):
    english.force_login(deputy.user)
    response = english.post(reverse("proposals:draft", args=[draft.pk]), data)
    assert response.status_code == 400
    assert "The draft could not be read." in response.text
    draft.refresh_from_db()
    assert draft.saved_version == 0


def test_the_form_refuses_oversize_text_beside_its_part(english, deputy, draft):
    english.force_login(deputy.user)
    response = post_form(english, draft, {**GOOD, "measures": "办" * (MAX_PART_CHARS + 1)}, 0)
    assert response.status_code == 400
    assert "at most 5000" in response.text
    draft.refresh_from_db()
    assert draft.saved_version == 0


# Checking


def test_check_saves_then_shows_the_findings_beside_their_parts(english, deputy, draft):
    english.force_login(deputy.user)
    response = post_form(english, draft, VAGUE, 0, action="check")
    assert response.status_code == 302
    assert response.url.endswith("?check=1#report")
    page = english.get(response.url).text
    assert "The checker's report" in page
    assert "Must be revised" in page and "things must be fixed" in page
    # The measures' finding sits in the measures' card, quoting the sentence it is about and
    # marking only the words that made it.
    measures = page[page.index('id="part-measures"') : page.index('id="part-handler"')]
    assert "具体可行" in measures
    assert "「希望<mark>有关部门</mark>高度重视，<mark>尽快</mark>解决」" in measures
    assert "<mark>希望有关部门高度重视，尽快解决</mark>" not in measures
    assert "How to fix it" in measures and "代表法" in measures
    handler = page[page.index('id="part-handler"') :]
    assert "写明承办单位" in handler


def test_a_good_draft_passes_the_check(english, deputy, draft):
    english.force_login(deputy.user)
    save_draft(draft=draft, parts=GOOD, saved_version=0)
    page = english.get(reverse("proposals:draft", args=[draft.pk]) + "?check=1").text
    assert "Passes the checker" in page
    assert "The checker found nothing to point out." in page


def test_without_check_the_page_runs_no_checker(english, deputy, draft):
    english.force_login(deputy.user)
    save_draft(draft=draft, parts=VAGUE, saved_version=0)
    page = english.get(reverse("proposals:draft", args=[draft.pk])).text
    assert "具体可行" not in page


# Submitting


def test_submit_keeps_the_text_and_its_report_as_revision_one(english, deputy, draft):
    english.force_login(deputy.user)
    response = post_form(english, draft, VAGUE, 0, action="submit")
    revision = Revision.objects.get()
    assert response.url == reverse("proposals:revision", args=[draft.pk, 1])
    assert revision.number == 1
    assert revision.parts == VAGUE
    assert revision.passed is False and revision.overall < 100
    codes = {finding["code"] for finding in revision.report["findings"]}
    assert {"no-concrete-measure", "vague-handler"} <= codes
    draft.refresh_from_db()
    assert draft.status == Draft.Status.SUBMITTED


def test_a_submitted_draft_is_read_only(english, deputy, draft):
    submit_draft(draft=draft, parts=GOOD, saved_version=0)
    english.force_login(deputy.user)
    page = english.get(reverse("proposals:draft", args=[draft.pk])).text
    assert "<textarea" not in page
    assert "waiting for review" in page
    assert GOOD["measures"] in page

    response = autosave(english, draft, {"title": "改一改"}, draft.saved_version)
    assert response.status_code == 409 and response.json()["closed"] is True
    response = post_form(english, draft, {**GOOD, "title": "改一改"}, draft.saved_version)
    assert response.status_code == 400
    assert "it can change again if it is returned to you" in response.text
    draft.refresh_from_db()
    assert draft.parts["title"] == GOOD["title"]


def test_pressing_submit_twice_makes_one_revision(deputy, draft):
    first = submit_draft(draft=draft, parts=GOOD, saved_version=0)
    # The second tap carries the page's version, from before the first tap's save.
    second = submit_draft(draft=Draft.objects.get(pk=draft.pk), parts=GOOD, saved_version=0)
    assert first.pk == second.pk
    assert Revision.objects.count() == 1


def test_a_returned_draft_is_revised_and_submitted_as_revision_two(english, deputy, draft):
    submit_draft(draft=draft, parts=VAGUE, saved_version=0)
    returned(draft)
    english.force_login(deputy.user)
    page = english.get(reverse("proposals:draft", args=[draft.pk])).text
    assert "<textarea" in page and "came back to you" in page
    assert (
        autosave(english, draft, {"measures": GOOD["measures"]}, draft.saved_version).status_code
        == 200
    )
    draft.refresh_from_db()
    response = post_form(english, draft, GOOD, draft.saved_version, action="submit")
    assert response.url == reverse("proposals:revision", args=[draft.pk, 2])
    assert list(Revision.objects.order_by("number").values_list("number", "passed")) == [
        (1, False),
        (2, True),
    ]
    assert Revision.objects.get(number=1).parts == VAGUE  # the first revision is unchanged


def test_a_returned_draft_submitted_unchanged_is_refused(deputy, draft, in_english):
    submit_draft(draft=draft, parts=VAGUE, saved_version=0)
    returned(draft)
    with pytest.raises(DraftError, match="Nothing has changed since revision 1"):
        submit_draft(draft=draft, parts=VAGUE, saved_version=draft.saved_version)
    assert Revision.objects.count() == 1


def test_an_empty_draft_cannot_be_submitted(deputy, draft, in_english):
    with pytest.raises(DraftError, match="empty"):
        submit_draft(draft=draft, parts={"title": "  "}, saved_version=0)
    draft.refresh_from_db()
    assert draft.saved_version == 0 and not Revision.objects.exists()


def test_where_the_checker_decides_a_pass_is_accepted_at_once(deputy):
    exercise = ExerciseFactory(pass_by_checker=True)
    draft = start_draft(deputy=deputy, exercise=exercise)
    submit_draft(draft=draft, parts=VAGUE, saved_version=0)
    draft.refresh_from_db()
    assert draft.status == Draft.Status.RETURNED  # the findings are the feedback
    submit_draft(draft=draft, parts=GOOD, saved_version=draft.saved_version)
    draft.refresh_from_db()
    assert draft.status == Draft.Status.ACCEPTED and draft.is_done
    with pytest.raises(DraftClosed):
        save_draft(draft=draft, parts={"title": "x"}, saved_version=draft.saved_version)


def test_service_errors_say_which_part(deputy, draft):
    with pytest.raises(PartError) as caught:
        save_draft(draft=draft, parts={"causes": "x" * (MAX_PART_CHARS + 1)}, saved_version=0)
    assert caught.value.part == "causes"
    with pytest.raises(StaleDraft):
        save_draft(draft=draft, parts={"causes": "x"}, saved_version=3)


# Revisions


def test_a_revision_shows_the_findings_kept_with_it(english, deputy, draft):
    submit_draft(draft=draft, parts=VAGUE, saved_version=0)
    # Rules change later; the revision still shows what the checker said then.
    CheckRule.objects.filter(code="vague-handler").update(enabled=False, name="改过的名字")
    english.force_login(deputy.user)
    page = english.get(reverse("proposals:revision", args=[draft.pk, 1])).text
    assert "Revision 1" in page
    assert "写明承办单位" in page and "改过的名字" not in page
    assert "<mark>有关部门</mark>" in page
    assert "<textarea" not in page


def test_the_draft_page_lists_its_revisions(english, deputy, draft):
    revision = submit_draft(draft=draft, parts=VAGUE, saved_version=0)
    english.force_login(deputy.user)
    page = english.get(reverse("proposals:draft", args=[draft.pk])).text
    assert reverse("proposals:revision", args=[draft.pk, 1]) in page
    assert f"score {revision.overall}" in page


# Consent to publish


def test_consent_is_given_and_withdrawn(english, deputy, draft):
    english.force_login(deputy.user)
    url = reverse("proposals:consent", args=[draft.pk])
    english.post(url, {"consent": "on"})
    draft.refresh_from_db()
    assert draft.consent_to_publish and draft.consent_at is not None
    revision = submit_draft(draft=draft, parts=GOOD, saved_version=0)
    Example.objects.create(revision=revision)
    english.post(url, {})
    draft.refresh_from_db()
    assert not draft.consent_to_publish and draft.consent_at is None
    assert not Example.objects.exists()  # withdrawing takes it down


# Escaping


MARKUP = {
    "title": "<script>alert(1)</script>关于的建议",
    "problem": "<b>加粗</b>的问题",
    "causes": '"><img src=x onerror=alert(2)>',
    "measures": "希望有关部门<b>高度重视</b>",
    "handler": "有关部门",
}


def test_markup_in_a_draft_is_shown_as_text(english, deputy, draft):
    english.force_login(deputy.user)
    save_draft(draft=draft, parts=MARKUP, saved_version=0)
    for url in (
        reverse("proposals:draft", args=[draft.pk]),
        reverse("proposals:draft", args=[draft.pk]) + "?check=1",
    ):
        page = english.get(url).text
        assert "<script>alert(1)" not in page and "<b>" not in page and "<img" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    submit_draft(draft=draft, parts=MARKUP, saved_version=1)
    page = english.get(reverse("proposals:revision", args=[draft.pk, 1])).text
    assert "<script>alert(1)" not in page and "<b>" not in page and "<img" not in page
    assert "&lt;b&gt;加粗&lt;/b&gt;的问题" in page
