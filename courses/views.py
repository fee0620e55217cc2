"""Learning actions: report reading time, enrol in an elective. Views only coordinate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import CoursePage, LessonPage
from .services import EnrolmentError, enrol, record_reading, required_seconds


def _deputy(request):
    deputy = getattr(request.user, "deputy", None)
    if deputy is None:
        raise Http404("Only deputies record learning")
    return deputy


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
    except EnrolmentError:
        messages.error(request, _("Required courses are assigned by the county congress."))
        return redirect(course.url)
    messages.success(request, _("You are enrolled. The course is now in “My learning”."))
    return redirect(course.url)
