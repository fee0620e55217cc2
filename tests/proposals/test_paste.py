"""A whole text written in Word or WeChat, pasted in: split into the parts on the draft page
(shown, not saved) or when the draft is started (saved); what is refused, and that a refusal
changes nothing."""

import pytest
from django.urls import reverse

from proposals.factories import GOOD
from proposals.models import Draft
from proposals.services import MAX_PART_CHARS, max_text_chars, save_draft, submit_draft
from tests.proposals.texts import WHOLE, WHOLE_VAGUE

MEASURES = "因此建议由镇政府组织检测，今年11月底前完成破损路段修复，并在村口设置限重标志。"


def paste(client, draft, text):
    return client.post(reverse("proposals:paste", args=[draft.pk]), {"text": text})


def box(page: str, name: str) -> str:
    """The text in a part's box, as the page holds it."""
    start = page.index(f'name="{name}"')
    start = page.index(">", start) + 1
    return page[start : page.index("</textarea>", start)].strip()


# On the draft page: shown split, not saved


def test_a_pasted_text_fills_the_boxes_and_is_checked_but_not_saved(english, deputy, draft):
    english.force_login(deputy.user)
    response = paste(english, draft, WHOLE)
    assert response.status_code == 200
    page = response.text
    assert box(page, "title") == "关于修复杨家村村道的建议"
    assert box(page, "measures") == MEASURES
    assert box(page, "handler") == "镇人民政府交通管理办公室"
    assert "This is how your text was split into parts. It is not saved yet." in page
    assert "Then press Save or Check." in page
    assert "data-pasted data-save-url" in page
    # The report is on the split text: this one passes.
    assert "Ready to submit" in page
    # The boxes post to the draft with the version the page was opened at.
    assert 'name="saved_version" value="0"' in page
    draft.refresh_from_db()
    assert draft.saved_version == 0
    assert set(draft.parts.values()) == {""}


def test_the_report_on_a_pasted_text_marks_the_words_that_made_each_finding(english, deputy, draft):
    english.force_login(deputy.user)
    page = paste(english, draft, WHOLE_VAGUE).text
    assert "Must be revised" in page
    assert "Ready to submit" not in page
    measures = page[page.index('id="part-measures"') : page.index('id="part-handler"')]
    assert box(page, "measures") == "希望有关部门高度重视，尽快解决。"
    assert "<mark>" in measures
    assert "<mark>希望有关部门高度重视，尽快解决</mark>" not in measures


def test_saving_after_a_paste_keeps_what_the_deputy_settled_on(english, deputy, draft):
    english.force_login(deputy.user)
    paste(english, draft, WHOLE)
    # The deputy moved a sentence, then pressed Save: the form carries the boxes.
    response = english.post(
        reverse("proposals:draft", args=[draft.pk]),
        {**GOOD, "saved_version": 0, "action": "save"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.parts == GOOD and draft.saved_version == 1


def test_a_motion_pasted_into_a_suggestion_exercise_is_pointed_out(english, deputy, draft):
    english.force_login(deputy.user)
    text = WHOLE.replace("村道的建议", "村道的议案", 1)
    page = paste(english, draft, text).text
    assert "Your title ends in “议案”, a motion, but this exercise practises a suggestion" in page
    assert "Your title ends in “议案”" not in paste(english, draft, WHOLE).text


def test_the_paste_section_is_labelled_in_chinese(client, deputy, draft):
    client.force_login(deputy.user)
    page = client.get(reverse("proposals:draft", args=[draft.pk])).text
    assert "已经在Word或微信里写好了？整篇粘贴" in page
    assert reverse("proposals:paste", args=[draft.pk]) in page
    pasted = paste(client, draft, WHOLE.replace("村道的建议", "村道的议案", 1)).text
    assert "这是您粘贴的全文分成各部分的样子，还没有保存。" in pasted
    assert "您的标题以“议案”结尾" in pasted


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "The box is empty"),
        (" \n\u3000\t ", "The box is empty"),
        ("关于村道的建议\n" + "路" * (5 * MAX_PART_CHARS), "at most 25000 can be split"),
        ("关于村道的建议\n" + "路" * (MAX_PART_CHARS + 10), "would be 5010 characters long"),
    ],
    ids=["empty", "spaces", "too-long", "one-part-too-long"],
)
def test_a_paste_that_cannot_be_split_is_refused_and_changes_nothing(
    english, deputy, draft, text, reason
):
    save_draft(draft=draft, parts=GOOD, saved_version=0)
    english.force_login(deputy.user)
    response = paste(english, draft, text)
    assert response.status_code == 400
    assert reason in response.text
    # The boxes still hold the saved text, and the paste section is open with the message.
    assert box(response.text, "measures") == GOOD["measures"]
    assert '<details class="card paste-whole" id="paste" open>' in response.text
    draft.refresh_from_db()
    assert draft.parts == GOOD and draft.saved_version == 1


def test_a_submitted_draft_takes_no_paste(english, deputy, draft):
    submit_draft(draft=draft, parts=GOOD, saved_version=0)
    english.force_login(deputy.user)
    response = paste(english, draft, WHOLE_VAGUE)
    assert response.status_code == 400
    assert "This draft has been submitted" in response.text
    assert "<textarea" not in response.text
    draft.refresh_from_db()
    assert draft.parts == GOOD and draft.status == Draft.Status.SUBMITTED


def test_another_deputys_draft_takes_no_paste(client, deputy, other_draft):
    client.force_login(deputy.user)
    assert paste(client, other_draft, WHOLE).status_code == 404
    assert client.get(reverse("proposals:paste", args=[other_draft.pk])).status_code == 405
    other_draft.refresh_from_db()
    assert set(other_draft.parts.values()) == {""}


def test_pasting_makes_a_fixed_number_of_queries(client, deputy, draft, django_assert_num_queries):
    client.force_login(deputy.user)
    paste(client, draft, WHOLE)  # warm the caches (section URLs)
    # Session, user, deputy, the draft, the rules, the revisions; the menu's role and
    # unread-notifications badge (its sections are in the cache).
    with django_assert_num_queries(8):
        assert paste(client, draft, WHOLE_VAGUE).status_code == 200
    submit_draft(draft=draft, parts=GOOD, saved_version=0)
    with django_assert_num_queries(7):  # refused: no rules read
        assert paste(client, draft, WHOLE).status_code == 400


# Starting a draft with a pasted text: saved split


def start(client, exercise, text=None):
    data = {} if text is None else {"text": text}
    return client.post(reverse("proposals:start", args=[exercise.pk]), data)


def test_the_exercise_page_offers_to_start_from_a_pasted_text(client, deputy, exercise):
    client.force_login(deputy.user)
    page = client.get(reverse("proposals:exercise", args=[exercise.pk])).text
    start_form = page[page.index(reverse("proposals:start", args=[exercise.pk])) :]
    assert "已经在Word或微信里写好了？整篇粘贴" in start_form
    assert 'name="text"' in start_form


def test_starting_with_a_pasted_text_saves_it_split_and_shows_the_check(english, deputy, exercise):
    english.force_login(deputy.user)
    response = start(english, exercise, WHOLE_VAGUE)
    draft = Draft.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("proposals:draft", args=[draft.pk]) + "?check=1#report"
    assert draft.parts["title"] == "关于村道的建议"
    assert draft.parts["measures"] == "希望有关部门高度重视，尽快解决。"
    assert draft.saved_version == 1
    page = english.get(response.url).text
    assert "Your text was split into parts and saved. Check each box" in page
    assert "Must be revised" in page
    assert "data-pasted data-save-url" not in page  # saved: nothing for the page to warn about


def test_starting_with_a_motion_pasted_into_a_suggestion_says_so(english, deputy, exercise):
    english.force_login(deputy.user)
    response = start(english, exercise, WHOLE.replace("村道的建议", "村道的议案", 1))
    page = english.get(response.url).text
    assert "Your title ends in “议案”, a motion" in page


@pytest.mark.parametrize("text", [None, "", "  \n "])
def test_starting_without_a_text_starts_empty(english, deputy, exercise, text):
    english.force_login(deputy.user)
    response = start(english, exercise, text)
    draft = Draft.objects.get()
    assert response.url == reverse("proposals:draft", args=[draft.pk])
    assert set(draft.parts.values()) == {""} and draft.saved_version == 0


def test_starting_with_a_text_too_long_is_refused_and_makes_no_draft(english, deputy, exercise):
    english.force_login(deputy.user)
    limit = max_text_chars(exercise.genre)
    response = start(english, exercise, "关于村道的建议\n" + "路" * limit)
    assert response.status_code == 400
    assert f"at most {limit} can be split" in response.text
    assert '<details class="paste-whole" id="paste" open>' in response.text
    assert not Draft.objects.exists()


def test_starting_again_with_a_text_leaves_the_draft_as_it_was(english, deputy, draft):
    save_draft(draft=draft, parts=GOOD, saved_version=0)
    english.force_login(deputy.user)
    response = start(english, draft.exercise, WHOLE_VAGUE)
    assert response.url == reverse("proposals:draft", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.parts == GOOD and draft.saved_version == 1
    assert "You had already started this draft" in english.get(response.url).text


def test_starting_with_a_text_makes_a_fixed_number_of_queries(
    client, deputy, exercise, django_assert_num_queries
):
    client.force_login(deputy.user)
    client.get(reverse("proposals:exercise", args=[exercise.pk]))  # warm the caches
    # Session, user, deputy, the exercise with its drafts, the lookup for an existing draft,
    # the insert in its savepoint, and the message kept in the session in its own.
    with django_assert_num_queries(12):
        assert start(client, exercise, WHOLE).status_code == 302
    assert Draft.objects.get().parts["handler"] == "镇人民政府交通管理办公室"
