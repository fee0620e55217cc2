"""Learning actions: report reading time, enrol in an elective. Views only coordinate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deputies.selectors import (
    deputies_in_care_of,
    deputy_or_404,
    staff_or_404,
    stations_visible_to,
    townships_visible_to,
)

from .forms import AssignForm
from .models import CoursePage, LessonPage
from .selectors import courses_for_staff
from .services import EnrolmentError, assign_course, enrol, record_reading, required_seconds


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
    return JsonResponse(
        {
            "seconds": progress.seconds,
            "required": required_seconds(lesson),
            "reached_end": progress.reached_end,
            "complete": progress.completed_at is not None,
        }
    )


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
    their scope."""
    _staff_scope(request)
    course = get_object_or_404(CoursePage.objects.live(), pk=pk)
    user = request.user
    visible = deputies_in_care_of(user).filter(is_active=True)
    form = AssignForm(
        request.POST if request.method == "POST" else None,
        townships=townships_visible_to(user).order_by("name"),
        stations=stations_visible_to(user).select_related("township").order_by("name"),
        deputies=visible.with_people().order_by("township__name", "user__name"),
        audience_size=course.audience(visible).count(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        wanted = (
            Q(township__in=data.get("townships", []))
            | Q(station__in=data.get("stations", []))
            | Q(pk__in=[d.pk for d in data["deputies"]])
        )
        if data["audience"]:
            wanted |= Q(pk__in=course.audience(visible).values("pk"))
        chosen = visible.filter(wanted)
        added, already = assign_course(course=course, deputies=chosen, assigned_by=user)
        messages.success(
            request,
            _("Assigned “%(course)s”: %(added)d deputies added, %(already)d already taking it.")
            % {"course": course.title, "added": added, "already": already},
        )
        return redirect("course_overview")
    status = 400 if request.method == "POST" else 200
    context = {"course": course, "form": form, "audience_text": course.audience_text()}
    return render(request, "courses/assign.html", context, status=status)
