"""Reads of report exercises for the deputy: the live exercises with how many remarks they
have made on each, a section with its paragraphs and the deputy's own remarks on them, and all
their remarks on one report by section. Remarks are only ever read through `Remark.objects.of`
(the deputy's own): another deputy's remark is a 404 like one that does not exist."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from deliberation.models import Remark, RemarkKind, ReportExercise, ReportParagraph, ReportSection


def live_exercises(deputy):
    return ReportExercise.objects.live().annotate(
        remark_count=Count("remarks", filter=Q(remarks__deputy=deputy))
    )


def exercise_for(deputy, pk) -> ReportExercise:
    """A live exercise with its sections (for the contents), each with the number of the
    deputy's remarks on it."""
    exercise = get_object_or_404(ReportExercise.objects.live(), pk=pk)
    exercise.section_list = list(
        exercise.sections.annotate(
            remark_count=Count("paragraphs__remarks", filter=Q(paragraphs__remarks__deputy=deputy))
        )
    )
    return exercise


def section_for(deputy, exercise: ReportExercise, position: int) -> ReportSection:
    """The section at `position` with its paragraphs and the deputy's remarks on each
    (`paragraph.own_remarks`)."""
    own = Remark.objects.of(deputy).order_by("created_at", "pk")
    paragraphs = ReportParagraph.objects.order_by("position").prefetch_related(
        Prefetch("remarks", queryset=own, to_attr="own_remarks")
    )
    section = next((s for s in exercise.section_list if s.position == position), None)
    if section is None:
        raise Http404("No such section")
    section.paragraph_list = list(paragraphs.filter(section=section))
    return section


def paragraph_for(exercise: ReportExercise, key: str) -> ReportParagraph:
    return get_object_or_404(
        ReportParagraph.objects.select_related("section", "exercise"), exercise=exercise, key=key
    )


def own_remark(deputy, pk) -> Remark:
    return get_object_or_404(
        Remark.objects.of(deputy).select_related("paragraph__section", "exercise"), pk=pk
    )


def kind_counts(remarks) -> list[dict]:
    """How many of the remarks are of each kind, every kind listed: a speech needs some of
    each, and a deputy who has only praised sees it."""
    return [
        {"kind": kind, "label": label, "count": sum(r.kind == kind for r in remarks)}
        for kind, label in RemarkKind.choices
    ]


def remarks_by_section(deputy, exercise: ReportExercise) -> tuple[list[dict], list[Remark]]:
    """The deputy's remarks on the report, grouped by section in reading order, and those
    whose paragraph is no longer in the report."""
    remarks = list(
        Remark.objects.of(deputy)
        .filter(exercise=exercise)
        .select_related("paragraph__section")
        .order_by("paragraph__section__position", "paragraph__position", "created_at", "pk")
    )
    exercise.kind_counts = kind_counts(remarks)
    groups: dict[int, dict] = {}
    detached = []
    for remark in remarks:
        if remark.paragraph is None:
            detached.append(remark)
            continue
        section = remark.paragraph.section
        groups.setdefault(section.pk, {"section": section, "remarks": []})["remarks"].append(remark)
    return list(groups.values()), detached
