"""Proposal practice, the deputy's side: the exercises, an exercise's brief, the draft (written,
saved as typed, checked and submitted) and its revisions. Views coordinate: selectors read,
services write. Only deputies have these pages; anyone else gets a 404, as in quizzes."""

import json

from django.conf import settings
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
from .forms import ConsentForm, DraftForm, PasteForm, part_guide
from .models import Draft, Genre
from .services import (
    DraftError,
    PartError,
    StaleDraft,
    check_draft,
    check_parts,
    save_draft,
    set_consent,
    split_for_draft,
    split_pasted,
    start_draft,
    submit_draft,
)
from .split import guess_genre


def _deputy(request):
    return deputy_or_404(request.user, "Only deputies practise writing proposals")


def saved_label(draft: Draft) -> str:
    return _("Saved %(time)s") % {"time": timezone.localtime(draft.updated_at).strftime("%H:%M")}


def list_lead(exercises) -> str:
    """The writing exercises' page's opening sentence: it names deliberation speeches too
    when the list holds some."""
    if any(exercise.genre == Genre.DELIBERATION for exercise in exercises):
        return _(
            "Each exercise tells what happened and asks you to write a suggestion or a motion "
            "about it, or gives a report to deliberate and asks for your speech on it "
            "(审议发言). Your text is saved as you write; the checker points out what the "
            "congress staff would send back, and why."
        )
    return _(
        "Each exercise tells what happened and asks you to write a suggestion or a motion "
        "about it. Your text is saved as you write; the checker points out what the "
        "congress staff would send back, and why."
    )


@login_required
def exercise_list(request):
    deputy = _deputy(request)
    exercises = selectors.live_exercises(deputy)
    context = {
        "exercises": exercises,
        "lead": list_lead(exercises),
        "drafts": selectors.own_drafts(deputy),
    }
    return render(request, "proposals/exercise_list.html", context)


def other_genre_warning(text: str, genre: str) -> str:
    """What to tell a deputy whose pasted title names the other genre (…的议案 pasted into a
    suggestion's exercise), or ""."""
    guessed = guess_genre(text)
    if guessed is None or guessed == genre:
        return ""
    if guessed == Genre.MOTION:
        return _(
            "Your title ends in “议案”, a motion, but this exercise practises a suggestion "
            "(建议). If you mean a suggestion, change the title to “关于……的建议” and write it "
            "as one."
        )
    return _(
        "Your title ends in “建议”, a suggestion, but this exercise practises a motion (议案). "
        "If you mean a motion, change the title to “关于……的议案” and write it as one."
    )


def _exercise_page(request, exercise, paste_form=None, status=200):
    context = {
        "exercise": exercise,
        "draft": exercise.draft,
        "guide": part_guide(exercise),
        "paste_form": paste_form or PasteForm(),
    }
    return render(request, "proposals/exercise.html", context, status=status)


@login_required
def exercise_detail(request, pk):
    return _exercise_page(request, selectors.exercise_for(_deputy(request), pk))


@require_POST
@login_required
def start(request, pk):
    """Start the deputy's draft, empty or with a whole text they pasted, split into parts and
    saved; the page then shows the checker's report on it. A text that cannot be split is
    refused on the exercise page, and no draft is made."""
    deputy = _deputy(request)
    exercise = selectors.exercise_for(deputy, pk)
    paste_form = PasteForm(request.POST)
    text = paste_form.cleaned_data["text"] if paste_form.is_valid() else ""
    pasted = bool(text.strip())
    if exercise.draft is not None:
        if pasted:
            messages.warning(
                request,
                _(
                    "You had already started this draft; it was left as it was. To split a "
                    "pasted text into it, paste it on the draft page."
                ),
            )
        return redirect("proposals:draft", pk=exercise.draft.pk)
    try:
        parts = split_pasted(genre=exercise.genre, text=text) if pasted else None
        draft = start_draft(deputy=deputy, exercise=exercise, parts=parts)
    except PartError as exc:
        paste_form.add_error("text", str(exc))
        return _exercise_page(request, exercise, paste_form, status=400)
    except DraftError as exc:
        messages.error(request, str(exc))
        return redirect("proposals:exercise", pk=exercise.pk)
    if not pasted:
        return redirect("proposals:draft", pk=draft.pk)
    messages.success(
        request,
        _(
            "Your text was split into parts and saved. Check each box: move any text that "
            "landed in the wrong box, then check again."
        ),
    )
    warning = other_genre_warning(text, exercise.genre)
    if warning:
        messages.warning(request, warning)
    return redirect(reverse("proposals:draft", args=[draft.pk]) + "?check=1#report")


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
    return _draft_page(request, draft, form=form, report=report, status=status)


def _draft_page(
    request, draft: Draft, *, form: DraftForm, report: dict | None, status=200, **extra
):
    """The draft page around the given form and report (None: no check asked for)."""
    exercise = draft.exercise
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
        "paste_form": PasteForm(),
        **extra,
    }
    return render(request, "proposals/draft.html", context, status=status)


@require_POST
@login_required
def paste(request, pk):
    """A whole text pasted on the draft page, split into the parts and shown in their boxes
    with the checker's report on it, NOT saved: the deputy moves what landed in the wrong box,
    then saves or checks with the form's buttons. Nothing is written here; text that cannot be
    split, or a read-only draft, gets the page back with the reason (400)."""
    draft = selectors.own_draft(_deputy(request), pk)
    exercise = draft.exercise
    paste_form = PasteForm(request.POST)
    text = paste_form.cleaned_data["text"] if paste_form.is_valid() else ""
    initial = {**draft.parts, "saved_version": draft.saved_version}
    try:
        parts = split_for_draft(draft=draft, text=text)
    except DraftError as exc:
        paste_form.add_error("text", str(exc))
        form = DraftForm(exercise=exercise, initial=initial)
        return _draft_page(
            request,
            draft,
            form=form,
            report=None,
            status=400,
            paste_form=paste_form,
            page_error=str(exc),
        )
    form = DraftForm(exercise=exercise, initial={**initial, **parts})
    checked = check_parts(
        genre=exercise.genre,
        level=exercise.level,
        parts=parts,
        roster=selectors.congress_roster(draft),
        **exercise.checker_context,
    )
    return _draft_page(
        request,
        draft,
        form=form,
        report=selectors.report_view(checked.as_dict(), genre=exercise.genre),
        pasted=True,
        genre_warning=other_genre_warning(text, exercise.genre),
    )


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
        # The text the server has, so that the page can tell a save of its own whose reply was
        # lost from one made elsewhere, without asking again (a second request on a poor
        # connection may be answered by the service worker's older copy of the page).
        current = selectors.own_draft(_deputy(request), pk)
        return JsonResponse(
            {
                "error": str(exc),
                "stale": True,
                "saved_version": current.saved_version,
                "parts": current.parts,
            },
            status=409,
        )
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
        # An earlier revision that was reviewed and returned has its review instead.
        **(_what_happens_next(request, draft) if review is None else {}),
        **shown,
    }
    return render(request, "proposals/revision.html", context)


def _what_happens_next(request, draft: Draft) -> dict:
    """For a draft waiting for staff review: who reviews it (staff whose scope covers the
    deputy, `deputies.selectors.deputies_in_care_of`: the station's, the township's, the
    county's), and whether the notification of the decision (`reviews._tell_the_author`) also
    goes by e-mail. No time is promised: no rule sets one; the queue is first come, first
    reviewed."""
    if draft.status != Draft.Status.SUBMITTED:
        return {"waiting_for_staff": False}
    return {
        "waiting_for_staff": True,
        "station": draft.deputy.station,
        "township": draft.deputy.township,
        "by_email": settings.NOTIFICATIONS_EMAIL and bool(request.user.email),
    }


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
