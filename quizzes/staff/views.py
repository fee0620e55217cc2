"""Staff: quiz results of the deputies they look after, and grading short answers. Every read
goes through deputies_in_care_of: an attempt outside one's scope is a 404."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Avg, Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deputies.selectors import deputies_in_care_of, staff_or_404

from .. import selectors
from ..models import Attempt, AttemptQuestion, GradeChange, Quiz
from ..services import QuizError, grade_answer


def _attempts_in_scope(user):
    staff_or_404(user, "Only staff see quiz results")
    return Attempt.objects.filter(deputy__in=deputies_in_care_of(user))


@login_required
def results(request):
    """Every quiz their deputies have attempted, with counts, pass rate and average."""
    attempts = _attempts_in_scope(request.user)
    finished = Q(attempts__in=attempts.finished())
    quizzes = (
        Quiz.objects.filter(attempts__in=attempts)
        .annotate(
            deputies=Count("attempts__deputy", filter=Q(attempts__in=attempts), distinct=True),
            graded=Count("attempts", filter=finished & Q(attempts__status="graded")),
            passed=Count("attempts", filter=finished & Q(attempts__passed=True)),
            awaiting=Count("attempts", filter=Q(attempts__in=attempts.awaiting_grading())),
            average=Avg("attempts__score", filter=finished & Q(attempts__status="graded")),
        )
        .distinct()
        .order_by("title")
    )
    waiting = AttemptQuestion.objects.filter(
        attempt__in=attempts.awaiting_grading(), score__isnull=True
    ).count()
    return render(request, "quizzes/staff/results.html", {"quizzes": quizzes, "waiting": waiting})


@login_required
def quiz_attempts(request, pk):
    attempts = _attempts_in_scope(request.user)
    quiz = get_object_or_404(Quiz, pk=pk)
    rows = (
        attempts.filter(quiz=quiz)
        .select_related("deputy__user", "deputy__township", "deputy__station")
        .order_by("deputy__township__name", "deputy__user__name", "number")
    )
    return render(request, "quizzes/staff/quiz_attempts.html", {"quiz": quiz, "attempts": rows})


@login_required
def grading(request):
    """Short answers waiting for a grade, oldest submission first."""
    attempts = _attempts_in_scope(request.user)
    items = (
        AttemptQuestion.objects.filter(attempt__in=attempts.awaiting_grading(), score__isnull=True)
        .select_related("attempt__quiz", "attempt__deputy__user", "question")
        .order_by("attempt__submitted_at", "position")
    )
    return render(request, "quizzes/staff/grading.html", {"items": items})


@login_required
def attempt_detail(request, pk):
    attempt = get_object_or_404(
        _attempts_in_scope(request.user).select_related("quiz", "deputy__user"), pk=pk
    )
    items = selectors.result_items(attempt)
    history = {}
    for change in GradeChange.objects.filter(item__attempt=attempt).select_related("changed_by"):
        history.setdefault(change.item_id, []).append(change)
    for item in items:
        item.history = history.get(item.pk, [])
    return render(request, "quizzes/staff/attempt.html", {"attempt": attempt, "items": items})


@require_POST
@login_required
def grade(request, pk):
    item = get_object_or_404(
        AttemptQuestion.objects.filter(attempt__in=_attempts_in_scope(request.user)), pk=pk
    )
    if item.question.get_real_instance().auto_graded:
        raise Http404("Only short answers are graded by staff")
    try:
        score = Decimal(request.POST.get("score", "").strip())
        if not score.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        messages.error(request, _("Give the score as a number, for example 1 or 0.5."))
        return redirect("quiz_staff:attempt", pk=item.attempt_id)
    try:
        comment = request.POST.get("comment", "").strip()
        grade_answer(item=item, score=score, comment=comment, by=request.user)
    except QuizError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Grade saved."))
    return redirect("quiz_staff:attempt", pk=item.attempt_id)
