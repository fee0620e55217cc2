"""Submitted suggestions and their replies: the deputy's pages (their own, on the phone) and the
station's and township's (the deputies in their care). A suggestion's own pages (details, the
reply, the deputy's opinion, the second reply) answer its deputy and the staff whose scope
covers them alike; anyone else gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deputies.selectors import deputies_in_care_of, deputy_or_404, staff_or_404

from . import selectors, services
from .forms import (
    SatisfactionForm,
    SecondReplyForm,
    StaffSuggestionForm,
    SuggestionForm,
    SuggestionReplyForm,
)


def _deputy(request):
    return deputy_or_404(request.user, "Only deputies keep their own suggestions")


@login_required
def mine(request):
    deputy = _deputy(request)
    today = timezone.localdate()
    suggestions = selectors.with_countdowns(selectors.deputy_suggestions(deputy), on=today)
    return render(
        request,
        "receptions/suggestions/mine.html",
        {"suggestions": suggestions, "today": today},
    )


def _record(request, form, *, deputy, draft=None):
    try:
        suggestion = services.record_suggestion(
            deputy=deputy, by=request.user, draft=draft, **form.suggestion_fields()
        )
    except services.SuggestionError as exc:
        form.add_error(None, str(exc))
        return None
    messages.success(
        request,
        _("Recorded. The reply is due by %(date)s.") % {"date": suggestion.reply_due.isoformat()},
    )
    return redirect("receptions:suggestion", pk=suggestion.pk)


def _form_page(request, form, context=None, *, status=None):
    if status is None:
        status = 400 if request.method == "POST" else 200
    context = {"form": form, **(context or {})}
    return render(request, "receptions/suggestions/form.html", context, status=status)


@login_required
def add(request):
    deputy = _deputy(request)
    form = SuggestionForm(request.POST or None, initial={"level": deputy.level})
    if request.method == "POST" and form.is_valid():
        done = _record(request, form, deputy=deputy)
        if done:
            return done
    return _form_page(request, form, {"heading": _("Record a submitted suggestion")})


@login_required
def from_draft(request, draft_pk):
    """One tap from a practice draft of a suggestion: the form filled from it (title,
    suggested handling units, level), and the record keeps the link."""
    deputy = _deputy(request)
    draft = selectors.own_suggestion_draft(deputy, draft_pk)
    units = [u.strip() for u in draft.text_of("handler").splitlines() if u.strip()]
    initial = {
        "title": (draft.text_of("title").strip() or draft.exercise.title)[:120],
        "level": draft.exercise.level,
        "main_unit": units[0][:100] if units else "",
        "co_units": "\n".join(units[1:]),
    }
    form = SuggestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _record(request, form, deputy=deputy, draft=draft)
        if done:
            return done
    context = {"heading": _("Record as submitted"), "draft": draft}
    return _form_page(request, form, context)


@login_required
def detail(request, pk):
    suggestion = selectors.suggestion_for(request.user, pk)
    today = timezone.localdate()
    context = {
        "suggestion": suggestion,
        "co_units": suggestion.co_unit_names,
        "countdown": selectors.countdown(suggestion, on=today),
        "is_own": suggestion.deputy.user_id == request.user.pk,
    }
    return render(request, "receptions/suggestions/detail.html", context)


@login_required
def edit(request, pk):
    suggestion = selectors.suggestion_for(request.user, pk)
    if not suggestion.is_awaiting_reply:
        messages.error(request, _("The reply has been recorded: the details can no longer change."))
        return redirect("receptions:suggestion", pk=pk)
    form = SuggestionForm(request.POST or None, initial=SuggestionForm.initial_from(suggestion))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_suggestion(
                suggestion=suggestion, by=request.user, **form.suggestion_fields()
            )
        except services.SuggestionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("receptions:suggestion", pk=pk)
    context = {"heading": _("Change the details"), "suggestion": suggestion, "deletable": True}
    return _form_page(request, form, context)


@require_POST
@login_required
def delete(request, pk):
    suggestion = selectors.suggestion_for(request.user, pk)
    is_own = suggestion.deputy.user_id == request.user.pk
    try:
        services.delete_suggestion(suggestion=suggestion, by=request.user)
    except services.SuggestionError as exc:
        messages.error(request, str(exc))
        return redirect("receptions:suggestion", pk=pk)
    messages.success(request, _("Deleted."))
    return redirect("receptions:suggestions" if is_own else "receptions:suggestion_staff_list")


def _step(request, pk, *, ready, form_class, heading, write, done):
    """A step of the reply: the form while the suggestion is at the step, the service on a
    valid POST, back to the suggestion after."""
    suggestion = selectors.suggestion_for(request.user, pk)
    if not ready(suggestion):
        messages.error(request, _("This step is not open for this suggestion now."))
        return redirect("receptions:suggestion", pk=pk)
    form = form_class(request.POST or None, initial={"said_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            write(suggestion, form.cleaned_data)
        except services.SuggestionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect("receptions:suggestion", pk=pk)
    return _form_page(request, form, {"heading": heading, "suggestion": suggestion})


@login_required
def reply(request, pk):
    return _step(
        request,
        pk,
        ready=lambda s: s.is_awaiting_reply,
        form_class=SuggestionReplyForm,
        heading=_("Record the reply"),
        write=lambda s, data: services.record_reply(
            suggestion=s,
            by=request.user,
            replied_on=data["replied_on"],
            outcome=data["outcome"],
            summary=data["summary"],
        ),
        done=_("The reply is recorded. Now record whether the deputy is satisfied."),
    )


@login_required
def satisfaction(request, pk):
    return _step(
        request,
        pk,
        ready=lambda s: s.is_replied,
        form_class=SatisfactionForm,
        heading=_("Satisfied with the reply?"),
        write=lambda s, data: services.record_satisfaction(
            suggestion=s,
            by=request.user,
            satisfaction=data["satisfaction"],
            said_on=data["said_on"],
        ),
        done=_("The opinion is recorded."),
    )


@login_required
def second_reply(request, pk):
    return _step(
        request,
        pk,
        ready=lambda s: s.is_rehandling,
        form_class=SecondReplyForm,
        heading=_("Record the second reply"),
        write=lambda s, data: services.record_second_reply(
            suggestion=s,
            by=request.user,
            replied_on=data["replied_on"],
            outcome=data["outcome"],
            summary=data["summary"],
            satisfaction=data["satisfaction"],
        ),
        done=_("The second reply is recorded."),
    )


# The station's and township's pages ----------------------------------------------------------


def _staff(request) -> None:
    staff_or_404(request.user, "Only staff follow the deputies' suggestions")


@login_required
def staff_list(request):
    _staff(request)
    today = timezone.localdate()
    tab = request.GET.get("tab", "awaiting")
    if tab not in selectors.STAFF_TABS:
        tab = "awaiting"
    page = Paginator(selectors.staff_list(request.user, tab, on=today), 30).get_page(
        request.GET.get("page")
    )
    context = {
        "tab": tab,
        "counts": selectors.staff_tab_counts(request.user, on=today),
        "page_obj": page,
        "paginator": page.paginator,
        "is_paginated": page.has_other_pages(),
        "suggestions": selectors.with_countdowns(list(page), on=today),
    }
    return render(request, "receptions/suggestions/staff_list.html", context)


@login_required
def staff_add(request):
    _staff(request)
    deputies = deputies_in_care_of(request.user).active().with_people().order_by("user__name")
    form = StaffSuggestionForm(request.POST or None, deputies=deputies)
    if request.method == "POST" and form.is_valid():
        done = _record(request, form, deputy=form.cleaned_data["deputy"])
        if done:
            return done
    context = {"heading": _("Record a suggestion for a deputy"), "staff": True}
    return _form_page(request, form, context)
