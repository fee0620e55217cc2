"""Taking a quiz: its page, an attempt's questions, saving answers as they are given, submitting,
and the result. Views only coordinate: quizzes.services writes, quizzes.selectors reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deputies.selectors import deputy_or_404

from . import selectors
from .models import Attempt, Quiz
from .services import (
    AnswerError,
    QuizError,
    expire_if_due,
    save_answer,
    start_attempt,
    submit_attempt,
)


def _deputy(request):
    return deputy_or_404(request.user, "Only deputies take quizzes")


@login_required
def quiz_detail(request, pk):
    deputy = _deputy(request)
    quiz, attempts = selectors.quiz_for_deputy(deputy, pk)
    for attempt in attempts:
        expire_if_due(attempt)
    open_attempt = next((a for a in attempts if a.status == Attempt.Status.IN_PROGRESS), None)
    used = len(attempts)
    context = {
        "quiz": quiz,
        "attempts": attempts,
        "open_attempt": open_attempt,
        "questions": quiz.picks.count() + sum(d.count for d in quiz.draws.all()),
        "can_start": quiz.is_open
        and open_attempt is None
        and (not quiz.attempts_allowed or used < quiz.attempts_allowed),
        "attempts_left": quiz.attempts_allowed - used if quiz.attempts_allowed else None,
    }
    return render(request, "quizzes/quiz_detail.html", context)


@require_POST
@login_required
def start(request, pk):
    deputy = _deputy(request)
    quiz = selectors.open_quiz(pk)
    try:
        attempt = start_attempt(quiz=quiz, deputy=deputy)
    except QuizError as exc:
        messages.error(request, str(exc))
        return redirect("quizzes:detail", pk=quiz.pk)
    return redirect("quizzes:take", pk=attempt.pk)


@login_required
def take(request, pk):
    """The attempt's questions: one a screen (?q=N) or all on one page. Without JavaScript the
    form posts here and the answers are saved; with it, each answer is saved as it is given."""
    attempt = expire_if_due(selectors.own_attempt(request.user, pk))
    if attempt.status != Attempt.Status.IN_PROGRESS:
        return redirect("quizzes:result", pk=attempt.pk)
    feedback = attempt.quiz.show_answers == Quiz.ShowAnswers.AFTER_EACH
    # Questions whose right answer was shown after answering keep showing it.
    items = selectors.result_items(attempt) if feedback else selectors.attempt_items(attempt)
    for item in items:
        item.fraction = item.question.fraction(item.response) if item.locked else None
    one_per_page = attempt.quiz.layout == Quiz.Layout.ONE_PER_PAGE
    try:
        position = min(max(int(request.GET.get("q", "1")), 1), len(items))
    except ValueError:
        position = 1
    shown = [items[position - 1]] if one_per_page else items
    errors = {}
    if request.method == "POST":
        for item in shown:
            try:
                save_answer(attempt=attempt, item=item, data=request.POST)
            except AnswerError as exc:
                errors[item.pk] = exc.messages[0]
            except QuizError as exc:
                messages.error(request, str(exc))
                return redirect("quizzes:take", pk=attempt.pk)
        if not errors:
            go = request.POST.get("go", "next")
            if go == "submit":
                submit_attempt(attempt=attempt)
                return redirect("quizzes:result", pk=attempt.pk)
            target = position + (1 if go == "next" else -1 if go == "previous" else 0)
            url = reverse("quizzes:take", args=[attempt.pk])
            if one_per_page:
                url += f"?q={min(max(target, 1), len(items))}"
            return redirect(url)
    for item in shown:
        item.error = errors.get(item.pk)
    seconds_left = None
    if attempt.deadline:
        seconds_left = max(0, int((attempt.deadline - timezone.now()).total_seconds()))
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "items": items,
        "shown": shown,
        "position": position,
        "one_per_page": one_per_page,
        "answered": sum(1 for item in items if item.response is not None),
        "seconds_left": seconds_left,
        "clock": f"{seconds_left // 60}:{seconds_left % 60:02d}"
        if seconds_left is not None
        else "",
    }
    return render(request, "quizzes/take.html", context, status=400 if errors else 200)


# The highest change number an answer may carry: far above what a deputy makes, far below
# where the database's integer ends (a form posted without the script adds one to it).
MAX_ANSWER_SEQ = 1_000_000_000


@require_POST
@login_required
def answer(request, pk):
    """The page's script saves each answer here as it is given (JSON in, JSON out). It numbers
    its changes to each answer (`seq`): a repeat, or a change overtaken by a later one, is
    acknowledged with `stale` and saves nothing."""
    item = selectors.answerable_item(request.user, pk, request.POST.get("item", ""))
    if item is None:
        # Not a deputy, or not their attempt: 404, as on the other pages; else a bad question.
        selectors.own_attempt(request.user, pk)
        return JsonResponse({"error": _("No such question in this attempt.")}, status=400)
    seq = request.POST.get("seq")
    if seq is not None and not (seq.isdigit() and 0 < int(seq) <= MAX_ANSWER_SEQ):
        return JsonResponse({"error": _("This answer could not be read.")}, status=400)
    attempt = item.attempt
    try:
        saved = save_answer(
            attempt=attempt, item=item, data=request.POST, seq=int(seq) if seq else None
        )
    except AnswerError as exc:
        return JsonResponse({"error": exc.messages[0]}, status=400)
    except QuizError as exc:
        attempt.refresh_from_db()
        over = attempt.status != Attempt.Status.IN_PROGRESS
        body = {"error": str(exc), "over": over}
        if over:
            body["result_url"] = reverse("quizzes:result", args=[attempt.pk])
        return JsonResponse(body, status=409)
    if saved.stale:
        body = {"saved": False, "stale": True, "seq": item.answer_seq}
    else:
        answered = selectors.answered_count(attempt)
        body = {"saved": True, "answered_count": answered}
        if seq:
            body["seq"] = item.answer_seq
    if saved.feedback:
        [shown] = selectors.result_items(attempt, only=item.pk)
        # A repeat gets the feedback the first answer got.
        shown.fraction = shown.question.fraction(shown.response) if saved.stale else saved.fraction
        body["feedback"] = render(
            request, "quizzes/feedback.html", {"item": shown}
        ).content.decode()
    return JsonResponse(body)


@require_POST
@login_required
def submit(request, pk):
    attempt = selectors.own_attempt(request.user, pk)
    submit_attempt(attempt=attempt)
    return redirect("quizzes:result", pk=attempt.pk)


@login_required
def result(request, pk):
    attempt = expire_if_due(selectors.own_attempt(request.user, pk))
    if attempt.status == Attempt.Status.IN_PROGRESS:
        return redirect("quizzes:take", pk=attempt.pk)
    items = selectors.result_items(attempt)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "items": items,
        "answers_shown": selectors.answers_shown(attempt),
        "right": sum(1 for item in items if item.is_right),
        "awaiting": sum(1 for item in items if item.is_right is None),
    }
    return render(request, "quizzes/result.html", context)
