"""A deliberation speech goes the way of every draft of the engine: submitted, it waits in the
station's review queue; the reviewer scores it on the rubric, whose criteria read as a
speech's; accepted, it may be shown in the gallery with the author's consent, and it counts in
the learning archive's writing practice."""

import pytest
from django.urls import reverse

from deliberation.reports.factories import report_exercise
from deliberation.reports.services import add_remark
from deliberation.speeches.services import compose_speech
from proposals.models import Draft, Example
from proposals.reviews import publish_example, review_revision
from proposals.services import set_consent, submit_draft
from reports.selectors import learning_archive

SPEECH = {
    "assessment": "全年新修村道12公里，比上年多4公里，我表示肯定。",
    "problems": "南岭村400人还没有通自来水，群众夏天吃水难。",
    "questions": "请镇财政所说明：养护资金60万元从哪项预算安排？",
    "suggestions": "建议镇农业农村办在2026年6月底前完成南岭村管网铺设。",
}


@pytest.fixture
def speech(deputy, db):
    report = report_exercise()
    paragraph = next(p for p in report.paragraphs.all() if "新修村道12公里" in p.text)
    add_remark(deputy=deputy, paragraph=paragraph, data={"kind": "assessment", "text": "不错。"})
    return compose_speech(deputy=deputy, report=report)


@pytest.fixture
def revision(speech):
    return submit_draft(draft=speech, parts=SPEECH, saved_version=speech.saved_version)


def test_a_submitted_speech_waits_in_the_station_queue(english, station_staff, revision):
    assert revision.genre == "deliberation" and revision.draft.status == Draft.Status.SUBMITTED
    english.force_login(station_staff)
    queue = english.get(reverse("proposals:review_queue")).text
    assert reverse("proposals:review", args=[revision.pk]) in queue
    page = english.get(reverse("proposals:review", args=[revision.pk])).text
    # The rubric's criteria, named for a speech; a comment box for each of its parts.
    assert "Tied to the report" in page and "One matter" not in page
    assert "Comment on Questions" in page
    assert SPEECH["problems"] in page


def test_the_review_page_in_chinese(client, station_staff, revision):
    client.force_login(station_staff)
    page = client.get(reverse("proposals:review", args=[revision.pk])).text
    assert "紧扣报告" in page and "对事不对人" in page


def test_accepted_it_may_go_to_the_gallery_and_counts_in_the_archive(
    english, station_staff, deputy, speech, revision
):
    review_revision(
        revision=revision,
        reviewer=station_staff,
        scores={"complete": 4, "focus": 5, "concrete": 4, "form": 2, "scope": 5, "wording": 4},
        comments={"assessment": "评价简短，引用了数字。"},
        general_comment="",
        decision="accepted",
    )
    speech.refresh_from_db()
    assert speech.is_done
    rows = learning_archive(deputy).drafts
    assert [(row.draft.pk, row.accepted_at is not None) for row in rows] == [(speech.pk, True)]
    set_consent(draft=speech, consent=True)
    example = publish_example(revision=revision, by=station_staff, show_author=False)
    english.force_login(deputy.user)
    assert speech.exercise.title in english.get(reverse("proposals:gallery")).text
    page = english.get(reverse("proposals:example", args=[example.pk])).text
    assert SPEECH["suggestions"] in page
    assert Example.objects.count() == 1


def test_a_returned_speech_shows_the_reviewers_words_and_its_spoken_length(
    english, station_staff, deputy, speech, revision
):
    review_revision(
        revision=revision,
        reviewer=station_staff,
        scores={"form": 1},
        comments={"problems": "再说说你走访时听到的情况。"},
        general_comment="太短了，说满三分钟。",
        decision="returned",
    )
    english.force_login(deputy.user)
    page = english.get(reverse("proposals:draft", args=[speech.pk])).text
    assert "再说说你走访时听到的情况。" in page and "Length of a speech" in page
    assert "data-spoken" in page
