"""Reading a budget, for deputies: the live budget exercises, and one exercise's table with its
changes, the livelihood share and how to read it. Views only coordinate: the reads are in
deliberation.budgets.selectors."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from deputies.selectors import deputy_or_404

from .budgets import selectors

WHY = "Only deputies read budget exercises"


@login_required
def budget_list(request):
    deputy_or_404(request.user, WHY)
    return render(
        request,
        "deliberation/budgets/list.html",
        {"exercises": list(selectors.live_exercises())},
    )


@login_required
def budget_detail(request, pk):
    deputy_or_404(request.user, WHY)
    exercise = selectors.live_exercise_or_none(pk)
    if exercise is None:
        raise Http404("No live budget exercise")
    context = {
        "exercise": exercise,
        "table": selectors.shown_table(exercise),
        "quiz": selectors.practice_quiz(exercise),
    }
    return render(request, "deliberation/budgets/detail.html", context)
