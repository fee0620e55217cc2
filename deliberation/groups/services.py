"""Writes of the group deliberation. It goes open → closed, the close checking the state on the
row locked for the change. The clerk's marks may be set while it is open and after it closes
(the summary is often finished after the meeting); only the remarks shown may be marked, and
the marks never change a deputy's words."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deliberation.models import CarriedRemark, GroupDeliberation, ReportExercise, SectionNote

from . import selectors


class GroupError(Exception):
    """A change refused, with a message for the person who asked."""


def _locked(group: GroupDeliberation) -> GroupDeliberation:
    return GroupDeliberation.objects.select_for_update().get(pk=group.pk)


@transaction.atomic
def open_group(
    *,
    session,
    exercise: ReportExercise,
    attributed: bool,
    convener: str = "",
    created_by=None,
) -> GroupDeliberation:
    """A group deliberation of a live report at a group-study session that is not cancelled,
    one a report and session."""
    if session.is_cancelled:
        raise GroupError(_("This session was cancelled: no deliberation can be held at it."))
    if not exercise.live:
        raise GroupError(_("Only a live report can be deliberated: the deputies cannot read it."))
    if GroupDeliberation.objects.filter(session=session, exercise=exercise).exists():
        raise GroupError(_("This report is already being deliberated at this session."))
    group = GroupDeliberation(
        session=session,
        exercise=exercise,
        attributed=attributed,
        convener=convener.strip(),
        created_by=created_by,
    )
    try:
        group.full_clean()
    except ValidationError as exc:
        raise GroupError(" ".join(exc.messages)) from exc
    group.save()
    return group


@transaction.atomic
def close_group(*, group: GroupDeliberation, now=None) -> GroupDeliberation:
    group = _locked(group)
    if not group.is_open:
        raise GroupError(_("This deliberation is already closed."))
    group.status = GroupDeliberation.Status.CLOSED
    group.closed_at = now or timezone.now()
    group.save(update_fields=["status", "closed_at"])
    return group


MAX_NOTE_CHARS = 300


@transaction.atomic
def set_marks(
    *,
    group: GroupDeliberation,
    remark_ids: Iterable[int],
    notes: Mapping[int, str] | None = None,
) -> int:
    """Carry exactly the remarks `remark_ids` forward; each must be one shown for this
    deliberation. `notes`, if given, is the convener's summing-up by section id (for sections
    with remarks shown; empty removes it). Returns how many remarks are marked."""
    group = _locked(group)
    wanted = {int(pk) for pk in remark_ids}
    rows = selectors.remarks(group)
    shown = {r.pk for r in rows}
    if wanted - shown:
        raise GroupError(_("Some of the remarks marked are not among this deliberation's."))
    if notes is not None:
        _set_notes(group, notes, {r.paragraph.section_id for r in rows if r.paragraph_id})
    current = selectors.carried_ids(group)
    CarriedRemark.objects.filter(group=group, remark_id__in=current - wanted).delete()
    CarriedRemark.objects.bulk_create(
        [CarriedRemark(group=group, remark_id=pk) for pk in sorted(wanted - current)]
    )
    return len(wanted)


def _set_notes(group: GroupDeliberation, notes: Mapping[int, str], sections: set[int]) -> None:
    cleaned = {int(pk): " ".join(str(text).split()) for pk, text in notes.items()}
    if set(cleaned) - sections:
        raise GroupError(_("A summing-up is for a section of the report with remarks."))
    if any(len(text) > MAX_NOTE_CHARS for text in cleaned.values()):
        raise GroupError(
            _("A summing-up is at most %(count)s characters.") % {"count": MAX_NOTE_CHARS}
        )
    SectionNote.objects.filter(group=group, section_id__in=cleaned).delete()
    SectionNote.objects.bulk_create(
        [SectionNote(group=group, section_id=pk, text=text) for pk, text in cleaned.items() if text]
    )
