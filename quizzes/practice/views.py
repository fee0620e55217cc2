"""The wrong-answer book and the daily practice, for deputies. Views only coordinate:
quizzes.practice.selectors reads and quizzes.practice.services writes."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from deputies.selectors import deputy_or_404

from ..question_types import AnswerError
from . import selectors, services


def _deputy(request):
    return deputy_or_404(request.user, "Only deputies practise")


def _next_due(deputy, day):
    """When the book's next entries fall due, for a day whose practice and due entries are all
    done (None otherwise, and when nothing else waits)."""
    if day.current is None and not day.more_due:
        return selectors.next_due_on(deputy, on=day.day)
    return None


@login_required
def book(request):
    """The deputy's wrong-answer book: what is due, what waits for its day, what is mastered;
    each entry opens to its question, the right answer, why, and the law behind it."""
    deputy = _deputy(request)
    day = selectors.practice_day(deputy)
    context = {
        "book": selectors.book_for(deputy, on=day.day),
        "day": day,
        "next_due": _next_due(deputy, day),
        "mastery_days": settings.PRACTICE_MASTERY_DAYS,
        "size": settings.DAILY_PRACTICE_SIZE,
    }
    return render(request, "quizzes/practice/book.html", context)


def _answer_or_show(request, deputy, day, *, url_name):
    """One question a screen of a round (the day's practice or a round of "Practise more").
    The form posts here; a readable answer is kept and the deputy sent to its feedback, one
    that is not is shown again with the reason. Returns the response, or None once every
    question of the round is answered (the caller shows the summary)."""
    error = None
    if request.method == "POST":
        question = day.get(request.POST.get("question"))
        if question is None:
            messages.warning(request, _("That question is not in today's practice."))
            return redirect(url_name)
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
        return None
    context = {
        "day": day,
        "question": question,
        "options": day.options(question),
        "name": services.field_name(question),
        "position": day.position(question.pk),
        "from_book": question.pk in day.from_book,
        "more": url_name == "practice:more",
        "error": error,
    }
    return render(request, "quizzes/practice/question.html", context, status=400 if error else 200)


@login_required
def today(request):
    """The day's practice, one question a screen; once every question is answered, the
    summary, with "Practise more" while book entries are still due."""
    deputy = _deputy(request)
    day = selectors.practice_day(deputy)
    response = _answer_or_show(request, deputy, day, url_name="practice:today")
    if response is not None:
        return response
    context = {
        "day": day,
        "next_due": _next_due(deputy, day),
        "size": settings.DAILY_PRACTICE_SIZE,
    }
    return render(request, "quizzes/practice/summary.html", context)


@login_required
def more(request):
    """ "Practise more" after the day's practice: another round of book entries due today, one
    question a screen, then its summary, which offers the next round while entries are due and
    says when the next fall due once none are. `?next` starts the next round once one is over.
    Before the day's practice is done, the day's practice comes first."""
    deputy = _deputy(request)
    day = selectors.practice_day(deputy)
    if day.current is not None:
        return redirect("practice:today")
    extra = selectors.practice_more(deputy, day=day, start_next="next" in request.GET)
    response = _answer_or_show(request, deputy, extra.round, url_name="practice:more")
    if response is not None:
        return response
    context = {
        "day": extra.round,
        "more": extra,
        "next_due": extra.next_due,
        "size": settings.DAILY_PRACTICE_SIZE,
    }
    return render(request, "quizzes/practice/summary.html", context)


@login_required
def feedback(request, question_id):
    """After an answer: right or not, the right answer, why, and the law behind it; then on to
    the next question of the round it was asked in."""
    deputy = _deputy(request)
    day = selectors.practice_day(deputy)
    question = day.get(question_id)
    position, next_url = day.position(question_id), reverse("practice:today")
    current = day
    if question is None and day.current is None:
        extra = selectors.practice_more(deputy, day=day)
        question = extra.round.get(question_id)
        if question is not None:
            current, position = extra.round, extra.round.position(question.pk)
            next_url = reverse("practice:more")
    result = selectors.practice_feedback(deputy, question_id, question=question)
    if result is None:
        raise Http404("No practice answer to this question")
    context = {
        "feedback": result,
        "question": result.question,
        "name": services.field_name(result.question),
        "position": position,
        "day": current,
        "next_url": next_url,
        "more": current is not day,
        "mastery_days": settings.PRACTICE_MASTERY_DAYS,
    }
    return render(request, "quizzes/practice/feedback.html", context)
