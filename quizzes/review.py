"""Keeping the bank true to the law: questions whose articles a new version changed wait for an
editor's review; an editor marks them ready again, or retires them. Each flag an import sets is
recorded (`materials.models.ReviewFlag`), so that deleting the version takes back exactly those.

A question in review or retired is left out of every draw and every new attempt
(`Question.objects.ready()`); attempts already made keep it.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from materials.articlemap import changed_articles
from materials.models import LawVersion, ReviewFlag

from .models import Question, QuestionArticle

# The kinds of change that make a question citing the old article doubtful. "Added" needs no
# entry of its own: a number an added article takes over was removed or moved away first.
DOUBTFUL = ("removed", "reworded", "renumbered", "merged", "split")


class ReviewError(ValueError):
    """A review step the question's status does not allow; the message says why."""


def _reason(change, article: str, date: str) -> str:
    values = {"article": article, "date": date}
    if change.kind == "removed":
        return _("%(article)s was removed in the version of %(date)s.") % values
    values["new"] = change.new.label
    if change.kind in ("merged", "split"):
        values["places"] = "、".join(place.label for place in change.places)
        return (
            _("%(article)s was merged into %(places)s in the version of %(date)s.")
            if change.kind == "merged"
            else _("%(article)s was split into %(places)s in the version of %(date)s.")
        ) % values
    if change.kind == "renumbered":
        return (
            _(
                "%(article)s became %(new)s in the version of %(date)s: the question still "
                "cites the old number."
            )
            % values
        )
    if change.renumbered:
        return _("%(article)s was reworded and became %(new)s in the version of %(date)s.") % (
            values
        )
    return _("%(article)s was reworded in the version of %(date)s.") % values


@transaction.atomic
def flag_changed_articles(version: LawVersion) -> int:
    """Compare a newly imported version with the one before it and send every question that
    cites a removed, reworded or renumbered article to review, saying why in plain words.

    Questions in use get status NEEDS_REVIEW and a new reason; questions already waiting for
    review keep their reasons and gain the new ones; retired questions are left alone. The
    reasons are stored in the site's default language, as editors read them. Returns how many
    questions were flagged.
    """
    previous = (
        LawVersion.objects.filter(law_id=version.law_id, effective_date__lt=version.effective_date)
        .order_by("-effective_date")
        .first()
    )
    if previous is None:
        return 0
    law_name = version.law.short_name
    date = version.effective_date.isoformat()
    with translation.override(settings.LANGUAGE_CODE):
        reasons = {
            change.old.number: _reason(change, f"{law_name} {change.old.label}", date)
            for change in changed_articles(previous, version).values()
            if change.kind in DOUBTFUL
        }
    if not reasons:
        return 0

    cited = defaultdict(list)
    links = QuestionArticle.objects.filter(
        law_id=version.law_id,
        article__in=reasons,
        question__status__in=[Question.Status.READY, Question.Status.NEEDS_REVIEW],
    ).order_by("question_id", "article")
    for question_id, number in links.values_list("question_id", "article"):
        cited[question_id].append(number)
    questions = list(Question.objects.non_polymorphic().filter(pk__in=cited))
    now = timezone.now()
    flags = []
    content_type = ContentType.objects.get_for_model(Question)
    for question in questions:
        lines = []
        was_in_review = question.status == Question.Status.NEEDS_REVIEW
        if was_in_review:
            lines = [line for line in question.review_reason.splitlines() if line.strip()]
        added = [reasons[n] for n in cited[question.pk] if reasons[n] not in lines]
        lines += added
        question.status = Question.Status.NEEDS_REVIEW
        question.review_reason = "\n".join(lines)
        question.updated_at = now
        if added:
            flags.append(
                ReviewFlag(
                    version=version,
                    content_type=content_type,
                    object_id=question.pk,
                    reasons="\n".join(added),
                    was_in_review=was_in_review,
                )
            )
    Question.objects.bulk_update(questions, ["status", "review_reason", "updated_at"])
    ReviewFlag.objects.bulk_create(flags)
    return len(questions)


@transaction.atomic
def unflag(version: LawVersion) -> int:
    """Take back the review flags that importing `version` set, as the version is deleted.

    Each question loses the reasons this version added. One that was in use before the import
    goes back into use, unless it is still in review for another reason (another version's, or
    an editor's). Questions an editor has since marked ready or retired are left as they are.
    Returns how many questions went back into use.
    """
    flags = {
        flag.object_id: flag
        for flag in ReviewFlag.objects.filter(
            version=version, content_type=ContentType.objects.get_for_model(Question)
        )
    }
    questions = list(
        Question.objects.non_polymorphic().filter(pk__in=flags, status=Question.Status.NEEDS_REVIEW)
    )
    now, back = timezone.now(), 0
    for question in questions:
        flag = flags[question.pk]
        taken = set(flag.reasons.splitlines())
        lines = [
            line
            for line in question.review_reason.splitlines()
            if line.strip() and line not in taken
        ]
        question.review_reason = "\n".join(lines)
        if not lines and not flag.was_in_review:
            question.status = Question.Status.READY
            back += 1
        question.updated_at = now
    Question.objects.bulk_update(questions, ["status", "review_reason", "updated_at"])
    return back


def on_law_version_imported(sender, *, version, **kwargs):
    """Receiver of `materials.signals.law_version_imported` (connected in apps.py)."""
    flag_changed_articles(version)


def on_law_version_deleting(sender, *, version, **kwargs):
    """Receiver of `materials.signals.law_version_deleting` (connected in apps.py)."""
    return unflag(version)


@transaction.atomic
def mark_ready(*, question: Question, user=None) -> Question:
    """Put a question back in use: an editor has reviewed it (its reason is cleared), or takes
    a retired question back."""
    if question.status == Question.Status.READY:
        raise ReviewError(_("This question is already in use."))
    question.status = Question.Status.READY
    question.review_reason = ""
    question.save(update_fields=["status", "review_reason", "updated_at"])
    log(instance=question, action="quizzes.mark_ready", user=user)
    return question


@transaction.atomic
def retire(*, question: Question, user=None) -> Question:
    """Take a question out of use for good, keeping it for the attempts that used it.
    Nothing is deleted: results and the wrong-answer book still show it."""
    if question.status == Question.Status.RETIRED:
        raise ReviewError(_("This question is already retired."))
    question.status = Question.Status.RETIRED
    question.save(update_fields=["status", "updated_at"])
    log(instance=question, action="quizzes.retire", user=user)
    return question
