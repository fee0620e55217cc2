"""Learning actions: report reading time, enrol in an elective; staff assign courses, see who
takes them and withdraw assignments not started. Views only coordinate."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deputies.selectors import deputies_in_care_of, deputy_or_404, staff_or_404

from .forms import AssignForm
from .models import CoursePage, Enrolment, LessonPage
from .reading import ReadingStatus
from .selectors import assign_preview, courses_for_staff, enrolment_rows
from .selectors import course_enrolments as course_enrolments_of
from .services import (
    EnrolmentError,
    assign_course,
    enrol,
    record_reading,
    required_seconds,
    withdraw_assignment,
)


def _deputy(request):
    return deputy_or_404(request.user, "Only deputies record learning")


@require_POST
@login_required
def report_reading(request, pk):
    """The lesson page's script reports visible seconds here every few seconds."""
    deputy = _deputy(request)
    lesson = get_object_or_404(LessonPage.objects.live(), pk=pk)
    try:
        seconds = int(request.POST.get("seconds", "0"))
    except ValueError:
        return JsonResponse({"error": "seconds must be a whole number"}, status=400)
    progress = record_reading(
        deputy=deputy, lesson=lesson, seconds=seconds, at_end=request.POST.get("at_end") == "1"
    )
    # The page shows these words as they are: the wording lives in one place (courses.reading).
    return JsonResponse(ReadingStatus.of(progress, required_seconds(lesson)).as_json())


@require_POST
@login_required
def enrol_elective(request, pk):
    deputy = _deputy(request)
    course = get_object_or_404(CoursePage.objects.live(), pk=pk)
    try:
        enrol(deputy=deputy, course=course)
    except EnrolmentError as exc:
        messages.error(request, str(exc))
        return redirect(course.url)
    messages.success(request, _("You are enrolled. The course is now in “My learning”."))
    return redirect(course.url)


def _staff_scope(request):
    staff_or_404(request.user, "Only staff assign courses")


@login_required
def course_overview(request):
    """Staff: every live course with how many of their deputies take it and have finished."""
    _staff_scope(request)
    mine = deputies_in_care_of(request.user)
    return render(
        request,
        "courses/course_overview.html",
        {"courses": courses_for_staff(mine), "deputy_count": mine.filter(is_active=True).count()},
    )


@login_required
def assign(request, pk):
    """Staff assign a course to whole townships or stations, or to chosen deputies, within
    their scope, with a due date. The first submission previews who would be enrolled; the
    confirming one, carrying the preview's digest, assigns. A choice changed since the preview
    is previewed again."""
    _staff_scope(request)
    course = get_object_or_404(CoursePage.objects.live(), pk=pk)
    posted = request.method == "POST"
    form = AssignForm(request.POST if posted else None, user=request.user, course=course)
    preview = already = digest = None
    if posted and form.is_valid():
        due = form.cleaned_data["due_date"]
        preview, already = assign_preview(course, form.chosen())
        digest = preview.digest(due)
        confirmed = request.POST.get("confirm")
        if confirmed == digest and preview.total:
            added, already = assign_course(
                course=course, deputies=form.chosen(), assigned_by=request.user, due_date=due
            )
            messages.success(
                request,
                _("Assigned “%(course)s”: %(added)d deputies added, %(already)d already taking it.")
                % {"course": course.title, "added": added, "already": already},
            )
            return redirect("course_overview")
        if confirmed:
            messages.warning(
                request, _("The choice changed since the preview: check it and confirm again.")
            )
    context = {
        "course": course,
        "form": form,
        "audience_text": course.audience_text(),
        "preview": preview,
        "already": already,
        "digest": digest,
    }
    return render(
        request, "courses/assign.html", context, status=400 if posted and form.errors else 200
    )


# Enrolments a page of the course's deputies shows.
ENROLMENTS_PER_PAGE = 50


@login_required
def course_enrolments(request, pk):
    """Staff: who of their deputies takes the course, started or not, due when; assignments
    not started can be withdrawn here."""
    _staff_scope(request)
    course = get_object_or_404(CoursePage.objects.live(), pk=pk)
    search = request.GET.get("q", "").strip()[:50]
    enrolments = course_enrolments_of(course, deputies_in_care_of(request.user), search=search)
    page = Paginator(enrolments, ENROLMENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "course": course,
        "rows": enrolment_rows(course, page.object_list),
        "page_obj": page,
        "paginator": page.paginator,
        "is_paginated": page.has_other_pages(),
        "search": search,
        "query_string": urlencode({"q": search}) if search else "",
        "today": timezone.localdate(),
    }
    return render(request, "courses/course_enrolments.html", context)


@require_POST
@login_required
def withdraw(request, pk, deputy_pk):
    """Withdraw an assignment the deputy has not started. Deputies outside the user's scope
    do not exist here (404)."""
    _staff_scope(request)
    course = get_object_or_404(CoursePage.objects.live(), pk=pk)
    deputy = get_object_or_404(deputies_in_care_of(request.user).with_people(), pk=deputy_pk)
    enrolment = get_object_or_404(Enrolment.objects.filter(course=course, deputy=deputy))
    try:
        withdraw_assignment(enrolment=enrolment, by=request.user)
    except EnrolmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("“%(course)s” is withdrawn from %(name)s.")
            % {"course": course.title, "name": deputy.user.name},
        )
    return redirect("course_enrolments", pk=course.pk)
