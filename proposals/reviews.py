"""Writes of staff review and of the example gallery.

A reviewer reviews the latest revision of a submitted draft: a score from 0 to 5 on each of the
checker's criteria, a comment on any part, a general comment, and the decision. Returning the
draft opens it to the deputy again; accepting it closes it, and counts the exercise done in the
deputy's courses. The draft's row is locked while its status is compared and changed, so two
reviewers deciding at once make one decision, and the second is told.

An accepted revision whose author consented may be published as an example; the deputy may
withdraw consent at any time (`services.set_consent`), which takes it down.
"""

from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from deputies.selectors import deputies_in_care_of
from notifications.services import notify

from .models import Draft, Example, Review, Revision
from .services import accept


class ReviewError(ValueError):
    """What the reviewer asked cannot be done now; the message says why."""


def _reviewable(reviewer, revision: Revision) -> None:
    """Staff review the drafts of deputies in their care, never their own (404 otherwise)."""
    if revision.draft.deputy.user_id == reviewer.pk or not (
        deputies_in_care_of(reviewer).filter(pk=revision.draft.deputy_id).exists()
    ):
        raise Http404("Not a draft in the reviewer's care")


def review_revision(
    *,
    revision: Revision,
    reviewer,
    scores: dict[str, int],
    comments: dict[str, str],
    general_comment: str,
    decision: str,
    now=None,
) -> Review:
    """Record the review and apply its decision to the draft. Refused (ReviewError, nothing
    written) when the draft is no longer waiting, a later revision exists, or a return comes
    without a word on what to change."""
    _reviewable(reviewer, revision)
    comments = {part: text.strip() for part, text in comments.items() if text and text.strip()}
    general_comment = (general_comment or "").strip()
    if decision == Review.Decision.RETURNED and not (comments or general_comment):
        raise ReviewError(_("Say what to change: comment on a part, or write a general comment."))
    with transaction.atomic():
        draft = Draft.objects.select_for_update().get(pk=revision.draft_id)
        if draft.status != Draft.Status.SUBMITTED:
            raise ReviewError(
                _("This draft is no longer waiting for review (%(status)s).")
                % {"status": draft.get_status_display()}
            )
        latest = draft.revisions.order_by("-number").values_list("pk", flat=True).first()
        if latest != revision.pk:
            raise ReviewError(_("A later revision has been submitted: review that one."))
        review = Review(
            revision=revision,
            reviewer=reviewer,
            scores=scores,
            comments=comments,
            general_comment=general_comment,
            decision=decision,
            created_at=now or timezone.now(),
        )
        review.full_clean()
        review.save()
        if decision == Review.Decision.ACCEPTED:
            accept(draft, now=review.created_at)
        else:
            draft.status = Draft.Status.RETURNED
            draft.save(update_fields=["status"])
        _tell_the_author(draft, review)
    return review


def _tell_the_author(draft: Draft, review: Review) -> None:
    """The deputy hears of the decision in their notification centre (and by e-mail where
    configured), with a link to the draft, where the comments are."""
    if review.decision == Review.Decision.ACCEPTED:
        title = _("Your draft was accepted: %(exercise)s")
    else:
        title = _("Your draft came back with comments: %(exercise)s")
    notify(
        [draft.deputy.user],
        title=title % {"exercise": draft.exercise.title},
        body=review.general_comment,
        url=reverse("proposals:draft", args=[draft.pk]),
        key=f"proposal-review:{review.pk}",
    )


def publish_example(*, revision: Revision, by, show_author: bool, note: str = "") -> Example:
    """Show an accepted revision in the example gallery, as its author allowed."""
    _reviewable(by, revision)
    draft = Draft.objects.get(pk=revision.draft_id)
    latest = draft.revisions.order_by("-number").values_list("pk", flat=True).first()
    # The accepted text is the draft's latest revision (accepted by staff or by the checker).
    if draft.status != Draft.Status.ACCEPTED or latest != revision.pk:
        raise ReviewError(_("Only an accepted draft can be shown as an example."))
    if not draft.consent_to_publish:
        raise ReviewError(_("The author has not agreed to their draft being shown as an example."))
    example, _created = Example.objects.update_or_create(
        revision=revision,
        defaults={
            "published_by": by,
            "published_at": timezone.now(),
            "show_author": show_author,
            "note": (note or "").strip(),
        },
    )
    return example


def unpublish_example(*, example: Example, by) -> None:
    _reviewable(by, example.revision)
    example.delete()
