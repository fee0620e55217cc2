"""Writes of the deliberation speech: the writing exercise a report exercise has in the
proposals engine (made and kept in step with it), and a deputy's speech composed from their
remarks as that exercise's draft.

The speech is a proposals draft of the genre "deliberation": saved as typed, checked,
submitted, reviewed and shown in the gallery by the engine's own services and pages. This
module only makes the exercise and, once, fills an empty draft from the deputy's remarks."""

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from deliberation.models import CHECKER_PARTS, Remark, ReportExercise
from proposals.checker import PARTS
from proposals.models import Draft, Exercise, Genre
from proposals.services import StaleDraft, save_draft, start_draft

from .feedback import remark_text, report_text

# A heading this long or longer is cut in a reference to it.
HEADING_IN_REFERENCE = 20
# The language the speech is written in, whatever the deputy reads the pages in.
SPEECH_LANGUAGE = "zh-hans"


def _scenario(report: ReportExercise) -> str:
    return "\n\n".join(text for text in (report.task, report.guidance.strip()) if text)


@transaction.atomic
def sync_speech_exercise(*, report: ReportExercise) -> Exercise:
    """The report exercise's writing exercise, made the first time and otherwise brought in
    step with it: its title, level, whether it is live, the task and guidance as its
    scenario, and the report's text as the material the checker reads beside the speech."""
    exercise = report.speech_exercise
    if exercise is None:
        exercise = Exercise(genre=Genre.DELIBERATION)
    exercise.title = report.title
    exercise.level = report.level
    exercise.live = report.live
    exercise.scenario = _scenario(report)
    exercise.material = report_text(report)
    exercise.material_url = reverse("deliberation:report", args=[report.pk])
    exercise.full_clean()
    exercise.save()
    if report.speech_exercise_id != exercise.pk:
        # Not report.save(): saving the report brings its exercise in step again.
        ReportExercise.objects.filter(pk=report.pk).update(speech_exercise=exercise)
        report.speech_exercise = exercise
    return exercise


@transaction.atomic
def set_speech_credit_hours(*, report: ReportExercise, hours: Decimal) -> Exercise:
    """The credit hours (学时) the speech on the report earns when accepted, kept on its
    writing exercise (made now if it is not yet): editors edit the report exercise, not the
    speech's. Drafts accepted already keep the hours they earned."""
    exercise = report.speech_exercise or sync_speech_exercise(report=report)
    if exercise.credit_hours != hours:
        exercise.credit_hours = hours
        exercise.full_clean()
        exercise.save(update_fields=["credit_hours", "updated_at"])
    return exercise


def reference(remark: Remark) -> str:
    """Where in the report the remark's passage is, to follow it in the speech: its section's
    heading (cut short) and the paragraph's number there; "" for a remark whose paragraph is
    gone. In Chinese whatever the page's language: it is part of the speech, given in Chinese
    at the congress, like the report it cites."""
    paragraph = remark.paragraph
    if paragraph is None:
        return ""
    with translation.override(SPEECH_LANGUAGE):
        return _reference(paragraph)


def _reference(paragraph) -> str:
    heading = paragraph.section.heading.strip()
    if len(heading) > HEADING_IN_REFERENCE:
        heading = heading[: HEADING_IN_REFERENCE - 1] + "…"
    if not heading:
        return _("(the report's opening, paragraph %(number)d)") % {"number": paragraph.position}
    return _("(the report, “%(heading)s”, paragraph %(number)d)") % {
        "heading": heading,
        "number": paragraph.position,
    }


def parts_from_remarks(remarks) -> dict[str, str]:
    """The speech's parts from the remarks: each remark in the part of its kind, in the order
    given (the report's), one a line, followed by the reference to its passage."""
    lines: dict[str, list[str]] = {part: [] for part in PARTS[Genre.DELIBERATION]}
    for remark in remarks:
        where = reference(remark)
        text = remark_text(remark)
        lines[CHECKER_PARTS[remark.kind]].append(f"{text}{where}" if where else text)
    return {part: "\n".join(texts) for part, texts in lines.items()}


def remarks_in_report_order(*, deputy, report: ReportExercise) -> list[Remark]:
    """The deputy's remarks on the report in reading order; those whose paragraph is gone
    last. One query."""
    return sorted(
        Remark.objects.of(deputy).filter(exercise=report).select_related("paragraph__section"),
        key=lambda r: (
            r.paragraph is None,
            (r.paragraph.section.position, r.paragraph.position) if r.paragraph else (0, 0),
            r.created_at,
            r.pk,
        ),
    )


def compose_speech(*, deputy, report: ReportExercise) -> Draft:
    """The deputy's speech on the report: the draft of its writing exercise (started by the
    proposals engine), filled from their remarks while it is still empty. A draft the deputy
    has written in is returned as it is: nothing they wrote is overwritten. DraftError from
    the engine when the exercise is not open."""
    exercise = report.speech_exercise or sync_speech_exercise(report=report)
    draft = start_draft(deputy=deputy, exercise=exercise)
    if not (draft.is_empty and draft.editable):
        return draft
    parts = parts_from_remarks(remarks_in_report_order(deputy=deputy, report=report))
    if not any(parts.values()):
        return draft
    try:
        return save_draft(draft=draft, parts=parts, saved_version=draft.saved_version)
    except StaleDraft:
        # A second tap, or another tab, filled or wrote it first: theirs stands.
        return Draft.objects.select_related("exercise").get(pk=draft.pk)


@transaction.atomic
def retire_speech_exercise(*, exercise: Exercise) -> None:
    """The report exercise is gone: its writing exercise goes too, or, when deputies have
    drafts in it (kept with their revisions and reviews), closes."""
    if exercise.drafts.exists():
        Exercise.objects.filter(pk=exercise.pk).update(live=False)
    else:
        exercise.delete()
