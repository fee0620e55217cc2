"""Writes of report exercises: an editor's import of the report's text, and a deputy's remarks
(added, saved as typed, deleted).

A remark is saved as a proposal draft is (proposals.services): every save names the
`saved_version` it started from, the row is locked while that is compared, and a save from an
older version (another tab or phone saved since) is refused with `StaleRemark`."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from deliberation.models import (
    Remark,
    RemarkKind,
    ReportExercise,
    ReportParagraph,
    ReportSection,
)

from .splitting import split_report

MAX_REMARK_CHARS = 2000
MAX_QUOTE_CHARS = 500
MAX_DEPARTMENT_CHARS = 60
FIELDS = ("kind", "text", "quote", "department")


@dataclass(frozen=True)
class ImportResult:
    sections: int
    paragraphs: int
    kept: int  # paragraphs that were there before, unchanged: their remarks stay
    detached: int  # remarks whose paragraph is no longer in the text


@transaction.atomic
def import_report(*, exercise: ReportExercise, text: str) -> ImportResult:
    """Replace the exercise's text by `text`, split into sections (splitting.split_report,
    whose SplitError leaves everything as it was). A paragraph whose text is found again keeps
    its row, its key and its remarks; the remarks of a paragraph that is gone stay the
    deputy's, no longer attached to a paragraph."""
    sections = split_report(text)
    exercise = ReportExercise.objects.select_for_update().get(pk=exercise.pk)
    old = defaultdict(list)  # text -> the paragraphs with it, in reading order
    for paragraph in exercise.paragraphs.order_by("section__position", "position"):
        old[paragraph.text].append(paragraph)
    old_sections = list(exercise.sections.values_list("pk", flat=True))
    # Out of the way of the new positions (unique per exercise; at most MAX_SECTIONS each).
    ReportSection.objects.filter(pk__in=old_sections).update(position=F("position") + 1000)
    kept = 0
    new_paragraphs = []
    for number, section in enumerate(sections, start=1):
        row = ReportSection(
            exercise=exercise, position=number, heading=section.heading[:200], depth=section.depth
        )
        row.full_clean(validate_constraints=False)
        row.save()
        for position, text_ in enumerate(section.paragraphs, start=1):
            same = old.get(text_)
            if same:
                paragraph = same.pop(0)
                paragraph.section, paragraph.position = row, position
                paragraph.save(update_fields=["section", "position"])
                kept += 1
            else:
                new_paragraphs.append(
                    ReportParagraph(exercise=exercise, section=row, position=position, text=text_)
                )
    ReportParagraph.objects.bulk_create(new_paragraphs)
    gone = [p.pk for left in old.values() for p in left]
    detached = Remark.objects.filter(paragraph__in=gone).count()
    # Their remarks are detached by the foreign key's SET_NULL.
    ReportParagraph.objects.filter(pk__in=gone).delete()
    ReportSection.objects.filter(pk__in=old_sections).delete()
    exercise.save(update_fields=["updated_at"])
    return ImportResult(
        sections=len(sections),
        paragraphs=kept + len(new_paragraphs),
        kept=kept,
        detached=detached,
    )


class RemarkError(ValueError):
    """A remark that cannot be saved as sent; `field` names the field at fault, if one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class StaleRemark(RemarkError):
    """The remark was saved elsewhere (another tab or phone) after this page loaded it."""


def clean_remark(*, paragraph: ReportParagraph, data) -> dict[str, str]:
    """The remark's fields from `data` (text with plain line breaks, trimmed), or RemarkError
    naming the field: an unknown kind, empty or too long text, quoted words that are not
    exactly in the paragraph."""
    if not isinstance(data, Mapping) or any(key not in FIELDS for key in data):
        raise RemarkError(_("The remark could not be read."))
    values = {}
    for name in FIELDS:
        value = data.get(name, "")
        if not isinstance(value, str):
            raise RemarkError(_("The remark could not be read."), field=name)
        values[name] = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if values["kind"] not in RemarkKind.values:
        raise RemarkError(_("Choose what kind of remark this is."), field="kind")
    if not values["text"]:
        raise RemarkError(_("Write your remark, or delete it."), field="text")
    limits = {
        "text": MAX_REMARK_CHARS,
        "quote": MAX_QUOTE_CHARS,
        "department": MAX_DEPARTMENT_CHARS,
    }
    for name, limit in limits.items():
        if len(values[name]) > limit:
            raise RemarkError(
                _("This is %(length)d characters long; at most %(max)d fit here.")
                % {"length": len(values[name]), "max": limit},
                field=name,
            )
    if values["quote"] and values["quote"] not in paragraph.text:
        raise RemarkError(
            _(
                "The quoted words are not in the paragraph as written. Copy them exactly from "
                "the report, or leave the box empty."
            ),
            field="quote",
        )
    return values


@transaction.atomic
def add_remark(*, deputy, paragraph: ReportParagraph, data: Mapping, now=None) -> Remark:
    """A new remark of the deputy's on the paragraph of a live exercise."""
    if not paragraph.exercise.live:
        raise RemarkError(_("This exercise is not open."))
    values = clean_remark(paragraph=paragraph, data=data)
    remark = Remark(
        deputy=deputy,
        exercise_id=paragraph.exercise_id,
        paragraph=paragraph,
        updated_at=now or timezone.now(),
        **values,
    )
    remark.full_clean()
    remark.save()
    return remark


def save_remark(*, remark: Remark, data: Mapping, saved_version: int, now=None) -> Remark:
    """Save the remark as the deputy changed it; returns it at its new version. Nothing is
    written when a field is refused (RemarkError), or the remark was saved elsewhere since
    `saved_version` (StaleRemark), or has lost its paragraph (then it can only be deleted)."""
    if not isinstance(data, Mapping):
        raise RemarkError(_("The remark could not be read."))
    with transaction.atomic():
        # The remark's row only: its paragraph may be gone (an outer join PostgreSQL will not
        # lock the nullable side of).
        current = (
            Remark.objects.select_for_update(of=("self",))
            .select_related("paragraph", "exercise")
            .get(pk=remark.pk)
        )
        if current.paragraph is None:
            raise RemarkError(
                _("The paragraph of this remark is no longer in the report: it cannot change.")
            )
        values = clean_remark(paragraph=current.paragraph, data={**_fields(current), **data})
        if saved_version != current.saved_version:
            raise StaleRemark(
                _(
                    "This remark was saved from another tab or device after this page was "
                    "opened. Your text here was not saved: copy it, then reload the page."
                )
            )
        for name, value in values.items():
            setattr(current, name, value)
        current.saved_version += 1
        current.updated_at = now or timezone.now()
        # Its deputy, exercise and paragraph are those of the row just locked: not looked up
        # again at every keystroke's save.
        current.full_clean(exclude=["deputy", "exercise", "paragraph"], validate_constraints=False)
        current.save(update_fields=[*FIELDS, "saved_version", "updated_at"])
    return current


def _fields(remark: Remark) -> dict[str, str]:
    return {name: getattr(remark, name) for name in FIELDS}


@transaction.atomic
def delete_remark(*, remark: Remark) -> None:
    remark.delete()
