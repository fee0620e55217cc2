"""Training programmes (初任培训): the deputy's own programme page, and the staff register of a
programme's assignments with the form that changes what a deputy is given. Views only
coordinate: `programme_selectors` reads, `programmes` writes."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from deputies.selectors import deputies_in_care_of, deputy_or_404, scope_for, staff_or_404

from .forms import AssignmentFilterForm, AssignmentKindForm
from .models import Programme, ProgrammeAssignment
from .programme_selectors import (
    my_programme,
    programme_assignments,
    programmes_for_staff,
    progress_of,
    upcoming_study,
)
from .programmes import ProgrammeError, change_kind


@login_required
def mine(request, pk):
    """The deputy's programme: each course with its state, the group study needed with the
    station's next sessions, the final test, the certificate once complete."""
    deputy = deputy_or_404(request.user, "Only deputies have training programmes")
    progress = my_programme(deputy, pk)
    if progress is None:
        raise Http404("The deputy was not given this programme")
    certificate = None
    if progress.assignment.completed_at is not None:
        certificate = (
            progress.programme.certificates.valid()
            .filter(deputy=deputy)
            .order_by("-issued_at")
            .first()
        )
    context = {
        "progress": progress,
        "assignment": progress.assignment,
        "programme": progress.programme,
        "sessions": upcoming_study(deputy)
        if progress.hours_needed and not progress.study_complete
        else [],
        "certificate": certificate,
    }
    return render(request, "courses/programme.html", context)


def _staff(request):
    staff_or_404(request.user, "Only staff follow training programmes")


@login_required
def staff_overview(request):
    """Staff: every programme with how many of their deputies have it, done and overdue."""
    _staff(request)
    programmes = programmes_for_staff(deputies_in_care_of(request.user))
    return render(request, "courses/programme_overview.html", {"programmes": programmes})


# Deputies a page of a programme's register shows.
ASSIGNMENTS_PER_PAGE = 50


def may_change_kind(user) -> bool:
    """County and township staff decide who is exempted; station staff follow."""
    return scope_for(user).manages_roster


@login_required
def staff_programme(request, pk):
    """Staff: the programme's assignments of the deputies in their care, with kind, due date,
    progress, completed or overdue, filterable by kind and state."""
    _staff(request)
    programme = get_object_or_404(Programme.objects.select_related("refresher"), pk=pk)
    filters = AssignmentFilterForm(request.GET or None)
    kind = state = ""
    if filters.is_valid():
        kind, state = filters.cleaned_data["kind"], filters.cleaned_data["state"]
    assignments = programme_assignments(
        programme, deputies_in_care_of(request.user), kind=kind, state=state
    )
    page = Paginator(assignments, ASSIGNMENTS_PER_PAGE).get_page(request.GET.get("page"))
    editable = may_change_kind(request.user)
    rows = progress_of(page.object_list)
    for row in rows:
        row.form = (
            AssignmentKindForm(programme=programme, initial={"kind": row.assignment.kind})
            if editable and row.assignment.completed_at is None
            else None
        )
    query = {key: value for key, value in (("kind", kind), ("state", state)) if value}
    context = {
        "programme": programme,
        "rows": rows,
        "filters": filters,
        "page_obj": page,
        "paginator": page.paginator,
        "is_paginated": page.has_other_pages(),
        "query_string": urlencode(query),
        "editable": editable,
    }
    return render(request, "courses/programme_staff.html", context)


@require_POST
@login_required
def staff_change_kind(request, pk, deputy_pk):
    """Change what a deputy in the user's care is given: exempted (with the reason), the
    refresher, or the programme. A deputy outside the scope does not exist here (404)."""
    _staff(request)
    programme = get_object_or_404(Programme.objects.select_related("refresher"), pk=pk)
    deputy = get_object_or_404(deputies_in_care_of(request.user).with_people(), pk=deputy_pk)
    if not may_change_kind(request.user):
        raise PermissionDenied
    assignment = (
        ProgrammeAssignment.objects.filter(programme=programme, deputy=deputy)
        .order_by("-assigned_at", "-pk")
        .first()
    )
    if assignment is None:
        raise Http404("The deputy was not given this programme")
    form = AssignmentKindForm(request.POST, programme=programme)
    back = redirect("programmes:staff_programme", pk=programme.pk)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"{deputy.user.name}: {error}")
        return back
    try:
        change_kind(
            assignment=assignment,
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
    except ProgrammeError as exc:
        messages.error(request, f"{deputy.user.name}: {exc}")
    else:
        messages.success(
            request,
            f"{deputy.user.name}: {ProgrammeAssignment.Kind(form.cleaned_data['kind']).label}",
        )
    return back
