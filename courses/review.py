"""Keeping lessons true to the law: when a law's new text comes into the library, the lessons
that follow an earlier text of it are sent to review, as quiz questions are (quizzes.review).

Each lesson sent is recorded as a `materials.models.ReviewFlag` of the new version, with the
reason in plain words, so that deleting the version takes back exactly those. An editor who
has read a lesson against the new text marks it checked: its basis moves to that text and its
flags go. Deputies, meanwhile, read that the lesson is being checked (models.basis).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from materials.models import AmendmentEvent, LawVersion, ReviewFlag
from materials.selectors import text_kind

from .models import LessonBasis, LessonPage
from .models.basis import long_date


class ReviewError(ValueError):
    """A review step the lesson's basis does not allow; the message says why."""


def behind_reason(law: str, basis_on, version_on) -> str:
    """Why a lesson is to be checked, in plain words, in the active language."""
    return _("The %(law)s was amended on %(date)s; the lesson follows the text of %(basis)s.") % {
        "law": law,
        "date": long_date(version_on),
        "basis": long_date(basis_on),
    }


def _lesson_type() -> ContentType:
    return ContentType.objects.get_for_model(LessonPage)


@transaction.atomic
def flag_lessons_behind(version: LawVersion) -> int:
    """Send to review every lesson that follows an earlier text of `version`'s law than it,
    recording why. Rows naming the law by its short name alone (written before the library had
    it) are linked to it first. The reasons are stored in the site's default language, as
    editors read them. Returns how many lessons were flagged."""
    law = version.law
    LessonBasis.objects.filter(law__isnull=True, law_name=law.short_name).update(law=law)
    oldest = {}
    for lesson_id, on in LessonBasis.objects.filter(
        law=law, amended_on__lt=version.effective_date
    ).values_list("lesson_id", "amended_on"):
        oldest[lesson_id] = min(on, oldest.get(lesson_id, on))
    if not oldest:
        return 0
    content_type = _lesson_type()
    already = set(
        ReviewFlag.objects.filter(
            version=version, content_type=content_type, object_id__in=oldest
        ).values_list("object_id", flat=True)
    )
    with translation.override(settings.LANGUAGE_CODE):
        flags = [
            ReviewFlag(
                version=version,
                content_type=content_type,
                object_id=lesson_id,
                reasons=behind_reason(law.short_name, on, version.effective_date),
            )
            for lesson_id, on in sorted(oldest.items())
            if lesson_id not in already
        ]
    ReviewFlag.objects.bulk_create(flags)
    return len(oldest)


@transaction.atomic
def unflag_lessons(version: LawVersion) -> int:
    """Take back the flags importing `version` set on lessons, as the version is deleted.
    Returns how many lessons are no longer in review for any version."""
    content_type = _lesson_type()
    flags = ReviewFlag.objects.filter(version=version, content_type=content_type)
    lesson_ids = set(flags.values_list("object_id", flat=True))
    flags.delete()
    still = set(
        ReviewFlag.objects.filter(content_type=content_type, object_id__in=lesson_ids)
        .exclude(version=version)
        .values_list("object_id", flat=True)
    )
    return len(lesson_ids - still)


def flags_of(lessons) -> dict[int, list[ReviewFlag]]:
    """The review flags of the lessons, by lesson id: one query."""
    found = {}
    flags = ReviewFlag.objects.filter(
        content_type=_lesson_type(), object_id__in=[lesson.pk for lesson in lessons]
    ).select_related("version")
    for flag in flags.order_by("version__effective_date"):
        found.setdefault(flag.object_id, []).append(flag)
    return found


@transaction.atomic
def mark_checked(*, lesson: LessonPage, version: LawVersion, user=None) -> LessonPage:
    """An editor has read the lesson against `version`'s text: the lesson now follows it (its
    basis for the law moves to the version's date, in the live page and in a draft waiting to
    be published) and its review flags for the law up to that version go. Logged."""
    law = version.law
    rows = list(LessonBasis.objects.filter(lesson=lesson, law=law))
    if rows and all(row.amended_on >= version.effective_date for row in rows):
        raise ReviewError(_("This lesson already follows that text."))
    history = AmendmentEvent.objects.filter(version=version, date=version.effective_date).first()
    kind = text_kind(history.text) if history else LessonBasis.Kind.AMENDED
    if rows:
        LessonBasis.objects.filter(pk__in=[row.pk for row in rows]).update(
            amended_on=version.effective_date, kind=kind
        )
    else:
        LessonBasis.objects.create(
            lesson=lesson,
            law=law,
            law_name=law.short_name,
            amended_on=version.effective_date,
            kind=kind,
        )
    _follow_in_draft(lesson, law=law, version=version, kind=kind)
    ReviewFlag.objects.filter(
        content_type=_lesson_type(),
        object_id=lesson.pk,
        version__law=law,
        version__effective_date__lte=version.effective_date,
    ).delete()
    log(
        instance=lesson,
        action="courses.mark_checked",
        user=user,
        data={"law": law.short_name, "version": version.effective_date.isoformat()},
    )
    return lesson


def _follow_in_draft(lesson: LessonPage, *, law, version: LawVersion, kind: str) -> None:
    """A draft keeps the lesson's bases in its revision: publishing it must not bring the old
    basis back."""
    if not lesson.has_unpublished_changes or lesson.latest_revision_id is None:
        return
    revision = lesson.latest_revision
    rows = revision.content.get("bases") or []
    mine = [row for row in rows if row.get("law") == law.pk]
    for row in mine:
        row.update(amended_on=version.effective_date.isoformat(), kind=kind)
    if not mine:
        rows.append(
            {
                "pk": None,
                "lesson": lesson.pk,
                "law": law.pk,
                "law_name": law.short_name,
                "amended_on": version.effective_date.isoformat(),
                "kind": kind,
                "sort_order": len(rows),
            }
        )
    revision.content["bases"] = rows
    revision.save(update_fields=["content"])
