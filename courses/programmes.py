"""Writes about training programmes (初任培训): giving deputies a programme, changing what a
deputy is given, and completing it.

When a county opens a new term (`deputies.signals.term_opened`, heard in courses/hooks.py),
every deputy new in the term is given each programme meant for new deputies of their level,
due `due_days` after the term's first day, and enrolled in its courses; re-elected deputies get
what the county officer chose: exempted, the programme's refresher, or the programme itself. A
county has about two thousand deputies: each programme is given to all of them in a fixed
number of queries.

An assignment is complete once its courses are completed, its hours of group study attended
and its final test passed (`programme_selectors.progress_of`); completing it issues the
programme's certificate. `complete_programmes` checks a deputy's open assignments, and is run
after each of the three (a course completed: `services._complete_if_done`; a quiz passed and
an attendance recorded: courses/hooks.py).
"""

from datetime import date, timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record
from deputies.models import Deputy, Membership, User
from notifications.services import notify

from .models import Enrolment, LessonProgress, Programme, ProgrammeAssignment
from .programme_selectors import progress_of, with_parts
from .signals import programme_completed

Kind = ProgrammeAssignment.Kind


class ProgrammeError(ValueError):
    pass


# What the county officer chose for re-elected deputies when opening the term.
REELECTED_CHOICES = ("exempted", "refresher", "required")


def due_date_for(programme: Programme, term=None, *, today: date | None = None) -> date:
    """`due_days` after the term's first day, or after today if the term began earlier or its
    first day is not known."""
    today = today or timezone.localdate()
    start = term.starts_on if term is not None and term.starts_on else today
    return max(start, today) + timedelta(days=programme.due_days)


def is_for(programme: Programme, deputy: Deputy) -> bool:
    """Whether the programme is meant for the deputy's level."""
    if deputy.level == Deputy.Level.COUNTY:
        return programme.for_county_deputies
    return programme.for_township_deputies


@transaction.atomic
def assign_new_term(*, terms, new, reelected, reelected_choice: str = "exempted", by=None) -> int:
    """Give the deputies of a term just opened their programmes: each programme meant for new
    deputies (`assign_to_new_deputies`) of the deputy's level, required for those new in the
    term; for the re-elected, what `reelected_choice` says ("exempted", "refresher" or
    "required"; a programme without a refresher exempts them). Returns how many assignments
    were made. A fixed number of queries per programme, whatever the number of deputies."""
    if reelected_choice not in REELECTED_CHOICES:
        raise ProgrammeError(f"Unknown choice for re-elected deputies: {reelected_choice!r}")
    new_ids = {d.pk for d in new}
    again_ids = {d.pk for d in reelected} - new_ids
    if not new_ids and not again_ids:
        return 0
    programmes = list(
        Programme.objects.filter(assign_to_new_deputies=True).select_related("refresher")
    )
    if not programmes:
        return 0
    deputies = list(
        Deputy.objects.filter(pk__in=new_ids | again_ids).select_related("township", "user")
    )
    seat_terms = _terms_of(deputies, terms)
    with translation.override(settings.LANGUAGE_CODE):  # the note is stored, in one language
        re_elected_note = _("Re-elected")
    made = 0
    for programme in programmes:
        groups: dict[str, list] = {}
        for deputy in deputies:
            if not is_for(programme, deputy):
                continue
            kind, note = Kind.REQUIRED, ""
            if deputy.pk in again_ids:
                kind, note = _reelected_kind(programme, reelected_choice), re_elected_note
            groups.setdefault(kind, []).append((deputy, seat_terms.get(deputy.pk), note))
        for kind, given in groups.items():
            made += len(_give(programme, given, kind=kind, by=by))
    return made


def _reelected_kind(programme: Programme, choice: str) -> str:
    if choice == "required":
        return Kind.REQUIRED
    if choice == "refresher" and programme.refresher_id:
        return Kind.REFRESHER
    return Kind.EXEMPTED


def _terms_of(deputies, terms) -> dict:
    """Each deputy's term among `terms` (their seat in it; else their congress's). One query."""
    terms = list(terms)
    by_id = {t.pk: t for t in terms}
    found = dict(
        Membership.objects.filter(
            deputy_id__in=[d.pk for d in deputies], term_id__in=list(by_id)
        ).values_list("deputy_id", "term_id")
    )
    by_congress = {(t.county_id, t.township_id): t for t in terms}
    result = {}
    for deputy in deputies:
        if deputy.pk in found:
            result[deputy.pk] = by_id[found[deputy.pk]]
            continue
        township = None if deputy.level == Deputy.Level.COUNTY else deputy.township_id
        result[deputy.pk] = by_congress.get((deputy.township.county_id, township))
    return result


def current_terms(deputies) -> dict:
    """Each deputy's current term: the term of their open seat, if any. One query."""
    seats = (
        Membership.objects.filter(
            deputy_id__in=[d.pk for d in deputies],
            ended_on__isnull=True,
            term__ends_on__isnull=True,
        )
        .select_related("term")
        .order_by("deputy_id", "-term__number")
    )
    result = {}
    for seat in seats:
        result.setdefault(seat.deputy_id, seat.term)
    return result


@transaction.atomic
def assign_programme(
    *, programme: Programme, deputies, kind: str = Kind.REQUIRED, by=None, due_date=None, note=""
) -> int:
    """Give the programme to the deputies (a list or a queryset, already limited to what `by`
    may see), of `kind`, in their current term, due on `due_date` (by default `due_days` after
    the term's first day or today). Deputies who already have it in that term keep what they
    have (`change_kind` changes it). Returns how many were given it. An exemption needs a
    note; a refresher needs a programme with one."""
    if kind not in Kind.values:
        raise ProgrammeError(f"Unknown kind: {kind!r}")
    if kind == Kind.EXEMPTED and not (note or "").strip():
        raise ProgrammeError(_("Say why the deputy is exempted."))
    if kind == Kind.REFRESHER and not programme.refresher_id:
        raise ProgrammeError(_("This programme has no refresher."))
    deputies = list(
        Deputy.objects.filter(pk__in=[getattr(d, "pk", d) for d in deputies]).select_related(
            "township", "user"
        )
    )
    terms = current_terms(deputies)
    note = (note or "").strip()
    made = _give(
        programme,
        [(d, terms.get(d.pk), note) for d in deputies],
        kind=kind,
        by=by,
        due_date=due_date,
    )
    return len(made)


def _give(programme, given, *, kind, by, due_date=None) -> list[ProgrammeAssignment]:
    """Create the assignments, of `kind`, of (deputy, term, note) who have none in that term,
    enrol them in the work's courses, tell them, and complete those already done. The rows
    created. About fifteen queries, whatever the number of deputies."""
    if not given:
        return []
    ids = [deputy.pk for deputy, _term, _note in given]
    have = set(
        ProgrammeAssignment.objects.filter(programme=programme, deputy_id__in=ids).values_list(
            "deputy_id", "term_id"
        )
    )
    work = programme.refresher if kind == Kind.REFRESHER else programme
    today = timezone.localdate()
    rows = []
    for deputy, term, note in given:
        if (deputy.pk, term.pk if term else None) in have:
            continue
        due = None
        if kind != Kind.EXEMPTED:
            due = due_date or due_date_for(work, term, today=today)
        rows.append(
            ProgrammeAssignment(
                programme=programme,
                deputy=deputy,
                term=term,
                kind=kind,
                due_date=due,
                assigned_by=by,
                note=note[:200],
            )
        )
    if not rows:
        return []
    # Two term changes confirmed at once make one assignment each (the constraints).
    ProgrammeAssignment.objects.bulk_create(rows, ignore_conflicts=True)
    if kind == Kind.EXEMPTED:
        return rows
    enrol_in_work(work, {row.deputy_id: row.due_date for row in rows}, by=by)
    _tell(work, rows)
    created = with_parts(
        ProgrammeAssignment.objects.filter(
            programme=programme, deputy_id__in=[row.deputy_id for row in rows], kind=kind
        ).open()
    )
    _complete_those_done(created)
    return rows


def enrol_in_work(work: Programme, due_by_deputy: dict, *, by=None) -> None:
    """Enrol the deputies in the programme's live courses, each due on their date. An existing
    enrolment is kept; its due date only ever moves sooner, and a completed one is left alone.
    Five queries at most, whatever the number of deputies (and one more for each deputy who
    had already read lessons of a course they were not enrolled in)."""
    from .services import complete_if_done

    courses = list(work.courses.live().order_by("path"))
    if not courses or not due_by_deputy:
        return
    existing = {
        (e.deputy_id, e.course_id): e
        for e in Enrolment.objects.filter(
            deputy_id__in=list(due_by_deputy), course__in=courses
        ).only("pk", "deputy_id", "course_id", "due_date", "completed_at")
    }
    to_create, to_update = [], []
    for deputy_id, due in due_by_deputy.items():
        for course in courses:
            enrolment = existing.get((deputy_id, course.pk))
            if enrolment is None:
                to_create.append(
                    Enrolment(
                        deputy_id=deputy_id,
                        course=course,
                        source=Enrolment.Source.ASSIGNED,
                        assigned_by=by,
                        due_date=due,
                    )
                )
            elif (
                enrolment.completed_at is None
                and due is not None
                and (enrolment.due_date is None or due < enrolment.due_date)
            ):
                enrolment.due_date = due
                to_update.append(enrolment)
    Enrolment.objects.bulk_create(to_create, ignore_conflicts=True)
    if to_update:
        Enrolment.objects.bulk_update(to_update, ["due_date"])
    if not to_create:
        return
    # Deputies who read a course's lessons before being enrolled get its completion now.
    new_ids = {e.deputy_id for e in to_create}
    in_courses = reduce(or_, (Q(lesson__path__startswith=c.path) for c in courses))
    readers = set(
        LessonProgress.objects.filter(
            in_courses, deputy_id__in=new_ids, completed_at__isnull=False
        ).values_list("deputy_id", flat=True)
    )
    if readers:
        for enrolment in (
            Enrolment.objects.active()
            .filter(deputy_id__in=readers, course__in=courses)
            .select_related("course", "deputy")
        ):
            complete_if_done(enrolment)


def _tell(work: Programme, rows) -> None:
    """Tell the deputies given the programme, in the site's language: one sending for each due
    date (a term's deputies share one)."""
    by_due: dict = {}
    for row in rows:
        by_due.setdefault(row.due_date, []).append(row.deputy_id)
    url = reverse("programmes:mine", args=[rows[0].programme_id])
    with translation.override(settings.LANGUAGE_CODE):
        for due, deputy_ids in by_due.items():
            notify(
                User.objects.filter(deputy__pk__in=deputy_ids, is_active=True),
                title=(_("Training programme: %(programme)s") % {"programme": work.title})[:200],
                body=_("Due %(date)s. It is at the top of “My learning” on the home page.")
                % {"date": due.isoformat() if due else "—"},
                url=url,
            )


@transaction.atomic
def change_kind(*, assignment: ProgrammeAssignment, kind: str, note: str = "", by) -> None:
    """Staff change what a deputy is given: exempted (the note saying why is required), the
    programme's refresher, or the programme itself. A completed assignment stays as it is. Going
    from exempted to work sets a due date (`due_days` from the term's first day or today) and
    enrols the deputy in the work's courses. Audited (TRAINING_EXEMPTED). The caller has checked
    that `by` may see the deputy."""
    note = (note or "").strip()
    if kind not in Kind.values:
        raise ProgrammeError(_("Choose required, refresher or exempted."))
    locked = (
        with_parts(ProgrammeAssignment.objects.select_for_update(of=("self",)))
        .select_related("deputy__user", "deputy__township")
        .get(pk=assignment.pk)
    )
    if locked.completed_at is not None:
        raise ProgrammeError(_("The deputy has completed this programme: it stays as it is."))
    if kind == Kind.EXEMPTED and not note:
        raise ProgrammeError(_("Say why the deputy is exempted."))
    if kind == Kind.REFRESHER and not locked.programme.refresher_id:
        raise ProgrammeError(_("This programme has no refresher."))
    if kind == locked.kind and note == locked.note:
        return
    locked.kind, locked.note = kind, note[:200]
    if kind == Kind.EXEMPTED:
        locked.due_date = None
    else:
        locked.due_date = due_date_for(locked.work, locked.term)
    locked.save(update_fields=["kind", "note", "due_date"])
    record(
        Action.TRAINING_EXEMPTED,
        by=by,
        deputy=locked.deputy,
        programme=locked.programme.title,
        choice=_english(Kind(kind).label),
        note=note,
    )
    assignment.kind, assignment.note, assignment.due_date = kind, locked.note, locked.due_date
    if kind != Kind.EXEMPTED:
        enrol_in_work(locked.work, {locked.deputy_id: locked.due_date}, by=by)
        _complete_those_done([locked])


def _english(label) -> str:
    # The log shows its words in its reader's language (audit.models).
    with translation.override("en"):
        return str(label)


def complete_programmes(*, deputy) -> list[ProgrammeAssignment]:
    """Complete the deputy's open assignments that are now done, and issue their certificates;
    the ones completed. One query when the deputy has none open."""
    return _complete_those_done(
        with_parts(ProgrammeAssignment.objects.open().filter(deputy=deputy))
    )


def _complete_those_done(assignments) -> list[ProgrammeAssignment]:
    completed = []
    for progress in progress_of(assignments):
        done = progress.is_complete and not progress.assignment.is_exempted
        if done and complete_assignment(progress.assignment):
            completed.append(progress.assignment)
    return completed


def complete_assignment(assignment: ProgrammeAssignment) -> bool:
    """Mark the assignment complete and issue its certificate; False if it was already (its
    row is locked first: a course and a quiz finished at the same moment complete it once)."""
    with transaction.atomic():
        now = timezone.now()
        # One UPDATE decides: of two requests finishing the last parts at once, one writes.
        done = ProgrammeAssignment.objects.filter(
            pk=assignment.pk, completed_at__isnull=True
        ).update(completed_at=now)
        if not done:
            return False
        assignment.completed_at = now
        # Certificates issue the programme's certificate (certificates/hooks.py).
        programme_completed.send(sender=ProgrammeAssignment, assignment=assignment)
    return True
