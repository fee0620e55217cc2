"""Staff review of submitted drafts, what the deputy then sees, and the example gallery."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from proposals.factories import GOOD, VAGUE
from proposals.models import Draft, Example, Review
from proposals.reviews import ReviewError, publish_example, review_revision
from proposals.services import set_consent, submit_draft

SCORES = {
    "score_complete": "4",
    "score_focus": "5",
    "score_concrete": "2",
    "score_form": "3",
    "score_scope": "5",
    "score_wording": "3",
}


def submit(draft, parts=GOOD):
    return submit_draft(draft=draft, parts=parts, saved_version=draft.saved_version)


def review_url(revision):
    return reverse("proposals:review", args=[revision.pk])


@pytest.fixture
def revision(draft):
    return submit(draft, VAGUE)


def test_station_staff_see_the_waiting_draft_in_their_queue(
    english, station_staff, revision, deputy, django_assert_max_num_queries
):
    english.force_login(station_staff)
    url = reverse("proposals:review_queue")
    english.get(url)  # warm the caches
    with django_assert_max_num_queries(9):
        page = english.get(url)
    assert "Waiting (1)" in page.text
    assert deputy.user.name in page.text
    assert review_url(revision) in page.text


def test_queue_queries_do_not_grow_with_drafts(
    english, station_staff, revision, exercise, other_station_deputy, django_assert_num_queries
):
    from deputies.factories import DeputyFactory
    from proposals.services import start_draft

    english.force_login(station_staff)
    url = reverse("proposals:review_queue")
    english.get(url)
    with CaptureQueriesContext(connection) as few:
        english.get(url)
    for i in range(4):
        more = DeputyFactory(station=revision.draft.deputy.station, user__mobile=f"1360000020{i}")
        submit(start_draft(deputy=more, exercise=exercise))
    with django_assert_num_queries(len(few.captured_queries)):
        page = english.get(url)
    assert "Waiting (5)" in page.text


def test_staff_return_a_draft_with_comments_and_the_deputy_sees_them(
    english, station_staff, revision, deputy, client
):
    english.force_login(station_staff)
    response = english.post(
        review_url(revision),
        {
            **SCORES,
            "comment_measures": "写清由哪个单位、在什么时间前修好。",
            "comment_handler": "",
            "general_comment": "方向对，措施要具体。",
            "decision": "returned",
        },
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.decision == "returned"
    assert review.scores == {
        "complete": 4,
        "focus": 5,
        "concrete": 2,
        "form": 3,
        "scope": 5,
        "wording": 3,
    }
    # Empty comments are not kept.
    assert review.comments == {"measures": "写清由哪个单位、在什么时间前修好。"}
    draft = Draft.objects.get(pk=revision.draft_id)
    assert draft.status == Draft.Status.RETURNED
    # The deputy: the comment beside the part, the review, and the checker's findings.
    english.force_login(deputy.user)
    page = english.get(reverse("proposals:draft", args=[draft.pk]))
    assert "写清由哪个单位、在什么时间前修好。" in page.text
    assert "方向对，措施要具体。" in page.text
    assert "Rubric total: 22 of 30" in page.text
    assert "The checker's report on revision 1" in page.text
    assert "no-concrete-measure" not in page.text  # codes stay internal; names are shown
    shown = english.get(reverse("proposals:revision", args=[draft.pk, 1]))
    assert "写清由哪个单位、在什么时间前修好。" in shown.text
    assert "Return for changes" in shown.text


def test_returning_needs_a_comment(english, station_staff, revision):
    english.force_login(station_staff)
    response = english.post(review_url(revision), {**SCORES, "decision": "returned"})
    assert response.status_code == 400
    assert "Say what to change" in response.text
    assert not Review.objects.exists()
    assert Draft.objects.get(pk=revision.draft_id).status == Draft.Status.SUBMITTED


@pytest.mark.parametrize(
    "change",
    [{"score_focus": ""}, {"score_focus": "6"}, {"score_focus": "x"}, {"decision": "maybe"}],
)
def test_a_bad_rubric_changes_nothing(english, station_staff, revision, change):
    english.force_login(station_staff)
    response = english.post(
        review_url(revision), {**SCORES, "decision": "accepted", "general_comment": "好", **change}
    )
    assert response.status_code == 400
    assert not Review.objects.exists()


def test_accept_then_resubmission_cycle(english, township_staff, draft, deputy):
    first = submit(draft, VAGUE)
    english.force_login(township_staff)
    english.post(review_url(first), {**SCORES, "general_comment": "再改改", "decision": "returned"})
    draft.refresh_from_db()
    second = submit(draft, GOOD)
    assert second.number == 2
    # The first revision is closed to review now.
    page = english.get(review_url(first))
    assert 'name="decision"' not in page.text
    assert "The review of this revision" in page.text
    assert english.post(review_url(first), {**SCORES, "decision": "accepted"}).status_code == 302
    assert Review.objects.count() == 1
    english.post(review_url(second), {**SCORES, "decision": "accepted"})
    draft.refresh_from_db()
    assert draft.status == Draft.Status.ACCEPTED
    page = english.get(review_url(second))
    assert "Review of revision 1" in page.text
    assert "再改改" in page.text


def test_two_reviewers_deciding_at_once_make_one_decision(
    in_english, revision, station_staff, township_staff
):
    review_revision(
        revision=revision,
        reviewer=station_staff,
        scores={},
        comments={},
        general_comment="",
        decision="accepted",
    )
    with pytest.raises(ReviewError, match="no longer waiting"):
        review_revision(
            revision=revision,
            reviewer=township_staff,
            scores={},
            comments={},
            general_comment="改",
            decision="returned",
        )
    assert Review.objects.count() == 1


def test_staff_outside_the_deputys_care_and_deputies_get_404(
    client, revision, other_station_deputy, deputy
):
    from deputies.factories import UserFactory
    from deputies.models import StaffRole
    from deputies.services import grant_role

    other_station_staff = UserFactory(mobile="13700000098")
    grant_role(
        user=other_station_staff, kind=StaffRole.Kind.STATION, place=other_station_deputy.station
    )
    for user in [other_station_staff, other_station_deputy.user, deputy.user]:
        client.force_login(user)
        assert client.get(review_url(revision)).status_code == 404
        response = client.post(review_url(revision), {**SCORES, "decision": "accepted"})
        assert response.status_code == 404
    client.force_login(other_station_staff)
    page = client.get(reverse("proposals:review_queue"))
    assert deputy.user.name not in page.text
    assert Draft.objects.get(pk=revision.draft_id).status == Draft.Status.SUBMITTED


def test_county_officers_review_their_county(client, county_officer, revision):
    client.force_login(county_officer)
    assert client.get(review_url(revision)).status_code == 200


def test_markup_in_comments_and_text_is_shown_as_text(english, station_staff, draft, deputy):
    revision = submit(draft, {**GOOD, "problem": GOOD["problem"] + "<script>alert(1)</script>"})
    english.force_login(station_staff)
    page = english.get(review_url(revision))
    assert "<script>alert(1)</script>" not in page.text
    # Escaped, with the words a finding names marked.
    shown = page.text.replace("<mark>", "").replace("</mark>", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    english.post(
        review_url(revision),
        {**SCORES, "comment_problem": "<b>粗</b>", "decision": "returned"},
    )
    english.force_login(deputy.user)
    page = english.get(reverse("proposals:draft", args=[draft.pk]))
    assert "<b>粗</b>" not in page.text
    assert "&lt;b&gt;粗&lt;/b&gt;" in page.text


def accept(revision, reviewer):
    review_revision(
        revision=revision,
        reviewer=reviewer,
        scores={"complete": 5},
        comments={},
        general_comment="",
        decision="accepted",
    )


def test_publishing_needs_the_authors_consent(english, station_staff, draft, deputy):
    revision = submit(draft)
    accept(revision, station_staff)
    english.force_login(station_staff)
    page = english.get(review_url(revision))
    assert "has not agreed" in page.text
    response = english.post(reverse("proposals:publish", args=[revision.pk]), {})
    assert response.status_code == 302
    assert not Example.objects.exists()
    set_consent(draft=draft, consent=True)
    english.post(
        reverse("proposals:publish", args=[revision.pk]),
        {"show_author": "on", "note": "措施具体到单位和时间。"},
    )
    example = Example.objects.get()
    assert example.show_author and example.published_by == station_staff
    # Every signed-in user may read the gallery.
    english.force_login(deputy.user)
    gallery = english.get(reverse("proposals:gallery"))
    assert "关于修复杨家村村道的建议" in gallery.text
    assert deputy.user.name in gallery.text
    page = english.get(reverse("proposals:example", args=[example.pk]))
    assert GOOD["measures"] in page.text
    assert "措施具体到单位和时间。" in page.text
    assert "Take it out of the gallery" not in page.text
    # Withdrawing consent takes it down.
    set_consent(draft=draft, consent=False)
    assert not Example.objects.exists()
    assert english.get(reverse("proposals:example", args=[example.pk])).status_code == 404


def test_an_unsigned_example_hides_the_author(english, station_staff, draft, deputy):
    set_consent(draft=draft, consent=True)
    revision = submit(draft)
    accept(revision, station_staff)
    example = publish_example(revision=revision, by=station_staff, show_author=False)
    english.force_login(deputy.user)
    page = english.get(reverse("proposals:example", args=[example.pk]))
    assert deputy.user.name not in page.text.split("<main", 1)[1].split("</main>")[0]
    assert "A deputy" in page.text


def test_only_accepted_drafts_are_published(in_english, draft, station_staff):
    set_consent(draft=draft, consent=True)
    revision = submit(draft)
    with pytest.raises(ReviewError, match="Only an accepted draft"):
        publish_example(revision=revision, by=station_staff, show_author=False)


def test_staff_unpublish(english, station_staff, draft):
    set_consent(draft=draft, consent=True)
    revision = submit(draft)
    accept(revision, station_staff)
    example = publish_example(revision=revision, by=station_staff, show_author=False)
    english.force_login(station_staff)
    english.post(reverse("proposals:unpublish", args=[example.pk]))
    assert not Example.objects.exists()


def test_review_page_queries_are_pinned(
    english, station_staff, revision, django_assert_max_num_queries
):
    english.force_login(station_staff)
    english.get(review_url(revision))
    with django_assert_max_num_queries(14):
        page = english.get(review_url(revision))
    assert page.status_code == 200


def test_gallery_queries_do_not_grow_with_examples(
    english, station_staff, draft, deputy, exercise, django_assert_num_queries
):
    from deputies.factories import DeputyFactory
    from proposals.services import start_draft

    def shown(author):
        own = start_draft(deputy=author, exercise=exercise)
        set_consent(draft=own, consent=True)
        revision = submit(own)
        accept(revision, station_staff)
        return publish_example(revision=revision, by=station_staff, show_author=True)

    example = shown(deputy)
    english.force_login(deputy.user)
    url = reverse("proposals:gallery")
    english.get(url)
    with CaptureQueriesContext(connection) as one:
        english.get(url)
    for i in range(3):
        shown(DeputyFactory(station=deputy.station, user__mobile=f"1360000030{i}"))
    with django_assert_num_queries(len(one.captured_queries)):
        page = english.get(url)
    assert page.text.count('href="/proposals/examples/') == 4
    with django_assert_num_queries(len(one.captured_queries)):
        english.get(reverse("proposals:example", args=[example.pk]))


def test_the_author_is_told_of_the_decision(revision, station_staff, deputy, in_english):
    from notifications.models import Notification

    review_revision(
        revision=revision,
        reviewer=station_staff,
        scores={},
        comments={"measures": "写具体"},
        general_comment="请修改措施。",
        decision="returned",
    )
    told = Notification.objects.get(user=deputy.user)
    assert told.title.startswith("Your draft came back with comments")
    assert told.body == "请修改措施。"
    assert told.url == reverse("proposals:draft", args=[revision.draft_id])


def test_after_submitting_the_page_says_who_reviews_when_and_how_the_deputy_hears(
    english, deputy, draft, station_staff, settings, django_assert_max_num_queries
):
    from notifications.models import Notification
    from proposals.factories import ExerciseFactory
    from proposals.services import start_draft

    settings.NOTIFICATIONS_EMAIL = False
    english.force_login(deputy.user)
    response = english.post(
        reverse("proposals:draft", args=[draft.pk]),
        {**VAGUE, "saved_version": draft.saved_version, "action": "submit"},
        follow=True,
    )
    page = response.text
    assert "What happens next" in page
    # Whose queue it is in: the station's staff (and, by scope, the township's and county's).
    assert f"Staff of {deputy.station.name}." in page
    assert "township congress and of the county congress may review it too" in page
    # No time is promised: there is no rule for one; the queue is first come, first reviewed.
    assert "no fixed deadline" in page and "in the order they were submitted" in page
    assert "notification on this site" in page and "e-mail" not in page
    url = reverse("proposals:revision", args=[draft.pk, 1])
    with django_assert_max_num_queries(9):  # as before: the station comes with the revision
        english.get(url)

    # The promise is kept: the decision reaches the deputy as a notification.
    review_revision(
        revision=draft.revisions.get(),
        reviewer=station_staff,
        scores={},
        comments={},
        general_comment="写得具体些。",
        decision="returned",
    )
    notice = Notification.objects.get(user=deputy.user)
    assert notice.url == reverse("proposals:draft", args=[draft.pk])
    # Reviewed: nothing is said to be waiting any more.
    assert "What happens next" not in english.get(url).text

    # Where notifications are e-mailed and the deputy has an address, the page says so.
    settings.NOTIFICATIONS_EMAIL = True
    deputy.user.email = "wang@example.org"
    deputy.user.save()
    draft.refresh_from_db()
    submit(draft)
    assert "also by e-mail" in english.get(reverse("proposals:revision", args=[draft.pk, 2])).text

    # A draft the checker decides on its own is never waiting for anyone.
    decided = start_draft(deputy=deputy, exercise=ExerciseFactory(pass_by_checker=True))
    submit(decided)
    page = english.get(reverse("proposals:revision", args=[decided.pk, 1])).text
    assert "What happens next" not in page


def test_a_deputy_without_a_station_is_told_the_township_reviews(english, deputy, draft):
    deputy.station = None
    deputy.save()
    submit(draft)
    english.force_login(deputy.user)
    page = english.get(reverse("proposals:revision", args=[draft.pk, 1])).text
    assert f"Staff of the congress of {deputy.township.name}." in page
