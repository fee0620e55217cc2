"""Proposal practice, the deputy's side: the exercises, an exercise's brief, the draft (written,
saved as typed, checked and submitted) and its revisions. Views coordinate: selectors read,
services write. Only deputies have these pages; anyone else gets a 404, as in quizzes."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from deputies.selectors import deputy_or_404

from . import selectors
from .forms import ConsentForm, DraftForm, part_guide
from .models import Draft
from .services import (
    DraftError,
    PartError,
    StaleDraft,
    check_draft,
    save_draft,
    set_consent,
    start_draft,
    submit_draft,
)


def _deputy(request):
    return deputy_or_404(request.user, "Only deputies practise writing proposals")


def saved_label(draft: Draft) -> str:
    return _("Saved %(time)s") % {"time": timezone.localtime(draft.updated_at).strftime("%H:%M")}


@login_required
def exercise_list(request):
    deputy = _deputy(request)
    context = {
        "exercises": selectors.live_exercises(deputy),
        "drafts": selectors.own_drafts(deputy),
    }
    return render(request, "proposals/exercise_list.html", context)


@login_required
def exercise_detail(request, pk):
    exercise = selectors.exercise_for(_deputy(request), pk)
    context = {"exercise": exercise, "draft": exercise.draft, "guide": part_guide(exercise)}
    return render(request, "proposals/exercise.html", context)


@require_POST
@login_required
def start(request, pk):
    deputy = _deputy(request)
    exercise = selectors.exercise_for(deputy, pk)
    try:
        draft = start_draft(deputy=deputy, exercise=exercise)
    except DraftError as exc:
        messages.error(request, str(exc))
        return redirect("proposals:exercise", pk=exercise.pk)
    return redirect("proposals:draft", pk=draft.pk)


@login_required
@never_cache
def draft_page(request, pk):
    """The draft: one box per part. The page's script saves as the deputy types; without it,
    the form's buttons post here to save, check or submit. `?check=1` shows the checker's
    report on the saved text beside each part."""
    draft = selectors.own_draft(_deputy(request), pk)
    exercise = draft.exercise
    initial = {**draft.parts, "saved_version": draft.saved_version}
    data = request.POST if request.method == "POST" else None
    form = DraftForm(data, exercise=exercise, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "save")
        parts, version = form.parts(), form.cleaned_data["saved_version"]
        try:
            if action == "submit":
                revision = submit_draft(draft=draft, parts=parts, saved_version=version)
                messages.success(
                    request,
                    _("Submitted as revision %(number)d.") % {"number": revision.number},
                )
                return redirect("proposals:revision", pk=draft.pk, number=revision.number)
            save_draft(draft=draft, parts=parts, saved_version=version)
        except PartError as exc:
            form.add_error(exc.part, str(exc))
            status = 400
        except DraftError as exc:
            form.add_error(None, str(exc))
            status = 409 if isinstance(exc, StaleDraft) else 400
        else:
            url = reverse("proposals:draft", args=[draft.pk])
            if action == "check":
                return redirect(f"{url}?check=1#report")
            messages.success(request, _("Saved."))
            return redirect(url)
    elif request.method == "POST":
        form.add_error(None, _("The draft could not be read."))
        status = 400
    report = None
    if draft.editable and request.method == "GET" and request.GET.get("check"):
        report = selectors.report_view(check_draft(draft).as_dict(), genre=exercise.genre)
    # A returned draft shows what the reviewer said, beside the parts it concerns.
    review = report_revision = None
    if draft.status == Draft.Status.RETURNED:
        review = selectors.review_view(selectors.latest_review(draft), genre=exercise.genre)
        if report is None:
            # Until the deputy checks again, the findings the returned revision had.
            report_revision = draft.revisions.order_by("-number").first()
            if report_revision is not None:
                report = selectors.report_view(report_revision.report, genre=exercise.genre)
    context = {
        "draft": draft,
        "exercise": exercise,
        "form": form,
        "review": review,
        "report_revision": report_revision,
        "rows": _rows(form, draft, report, review),
        "report": report,
        "revisions": selectors.revisions_of(draft),
        "saved_label": saved_label(draft),
        "consent_form": ConsentForm(initial={"consent": draft.consent_to_publish}),
    }
    return render(request, "proposals/draft.html", context, status=status)


def _rows(form: DraftForm, draft: Draft, report: dict | None, review: dict | None) -> list[dict]:
    """Each part: its field (or, read-only, its text) with the reviewer's comment and the
    report's findings on it."""
    by_part = report["by_part"] if report else {}
    comments = review["comments"] if review else {}
    return [
        {
            "field": field,
            "text": draft.text_of(field.name),
            "comment": comments.get(field.name, ""),
            "findings": by_part.get(field.name, []),
        }
        for field in form.part_fields
    ]


@require_POST
@login_required
def autosave(request, pk):
    """The page's script sends the parts here as the deputy types (JSON in, JSON out): 400 for
    text that cannot be saved, 409 when the draft was saved elsewhere or is read-only."""
    draft = selectors.own_draft(_deputy(request), pk)
    try:
        body = json.loads(request.body)
        parts, version = body["parts"], body["saved_version"]
        if not isinstance(version, int) or isinstance(version, bool):
            raise TypeError("saved_version is not a number")
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": _("The draft could not be read.")}, status=400)
    try:
        draft = save_draft(draft=draft, parts=parts, saved_version=version)
    except PartError as exc:
        return JsonResponse({"error": str(exc), "part": exc.part}, status=400)
    except StaleDraft as exc:
        return JsonResponse({"error": str(exc), "stale": True}, status=409)
    except DraftError as exc:
        return JsonResponse({"error": str(exc), "closed": True}, status=409)
    return JsonResponse({"saved_version": draft.saved_version, "saved": saved_label(draft)})


@login_required
def revision_page(request, pk, number):
    """A submitted revision, read-only, with the findings kept with it."""
    revision = selectors.own_revision(_deputy(request), pk, number)
    draft = revision.draft
    shown = selectors.revision_view(revision)
    review = selectors.review_view(selectors.review_of(revision), genre=revision.genre)
    for row in shown["rows"]:
        row["comment"] = review["comments"].get(row["name"], "") if review else ""
    context = {
        "revision": revision,
        "draft": draft,
        "exercise": draft.exercise,
        "revisions": selectors.revisions_of(draft),
        "review": review,
        **shown,
    }
    return render(request, "proposals/revision.html", context)


@require_POST
@login_required
def consent(request, pk):
    draft = selectors.own_draft(_deputy(request), pk)
    form = ConsentForm(request.POST)
    given = form.is_valid() and form.cleaned_data["consent"]
    set_consent(draft=draft, consent=given)
    if given:
        messages.success(request, _("Thank you: if it is accepted, it may be shown as an example."))
    else:
        messages.success(request, _("Your draft will not be shown to other deputies."))
    return redirect(reverse("proposals:draft", args=[draft.pk]) + "#consent")
