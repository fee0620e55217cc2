"""The wrong-answer book and the daily practice, for deputies. Views only coordinate:
quizzes.practice.selectors reads and quizzes.practice.services writes."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from deputies.selectors import deputy_or_404

from ..question_types import AnswerError
from . import selectors, services


def _deputy(request):
    return deputy_or_404(request.user, "Only deputies practise")


@login_required
def book(request):
    """The deputy's wrong-answer book: what is due, what waits for its day, what is mastered."""
    deputy = _deputy(request)
    context = {
        "book": selectors.book_for(deputy),
        "day": selectors.practice_day(deputy),
        "mastery_days": settings.PRACTICE_MASTERY_DAYS,
        "size": settings.DAILY_PRACTICE_SIZE,
    }
    return render(request, "quizzes/practice/book.html", context)


@login_required
def today(request):
    """The day's practice, one question a screen. The form posts here; a readable answer is
    kept and the deputy sent to its feedback, one that is not is shown again with the reason.
    Once every question of the day is answered, the summary."""
    deputy = _deputy(request)
    day = selectors.practice_day(deputy)
    error = None
    if request.method == "POST":
        question = day.get(request.POST.get("question"))
        if question is None:
            messages.warning(request, _("That question is not in today's practice."))
            return redirect("practice:today")
        if question.pk in day.answers:  # answered already: a second tap, or a reload
            return redirect("practice:feedback", question_id=question.pk)
        try:
            services.answer_practice(deputy=deputy, question=question, data=request.POST)
        except AnswerError as exc:
            error = exc.messages[0]
        else:
            return redirect("practice:feedback", question_id=question.pk)
    else:
        question = day.current
    if question is None:
        return render(request, "quizzes/practice/summary.html", {"day": day})
    context = {
        "day": day,
        "question": question,
        "options": day.options(question),
        "name": services.field_name(question),
        "position": day.position(question.pk),
        "from_book": question.pk in day.from_book,
        "error": error,
    }
    return render(request, "quizzes/practice/question.html", context, status=400 if error else 200)


@login_required
def feedback(request, question_id):
    """After an answer: right or not, the right answer, why, and the law behind it."""
    deputy = _deputy(request)
    day = selectors.practice_day(deputy)
    result = selectors.practice_feedback(deputy, question_id, question=day.get(question_id))
    if result is None:
        raise Http404("No practice answer to this question")
    context = {
        "feedback": result,
        "question": result.question,
        "name": services.field_name(result.question),
        "position": day.position(result.question.pk),
        "day": day,
        "mastery_days": settings.PRACTICE_MASTERY_DAYS,
    }
    return render(request, "quizzes/practice/feedback.html", context)
