"""Report exercises, the deputy's side: the live reports, a report's contents, a section to
read and remark on, a remark changed (saved as typed, or posted without the script) or
deleted, and all the deputy's remarks on a report. Only deputies have these pages; anyone else
gets a 404, and a deputy only ever finds their own remarks."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from deliberation.models import Remark
from deliberation.speeches.feedback import attach_feedback
from deputies.selectors import deputy_or_404

from . import selectors
from .forms import RemarkForm
from .services import RemarkError, StaleRemark, add_remark, delete_remark, save_remark


def _deputy(request):
    return deputy_or_404(request.user, "Only deputies practise deliberating reports")


def saved_label(remark: Remark) -> str:
    return _("Saved %(time)s") % {"time": timezone.localtime(remark.updated_at).strftime("%H:%M")}


def _remark_form(remark: Remark, data=None) -> RemarkForm:
    initial = {
        "kind": remark.kind,
        "text": remark.text,
        "quote": remark.quote,
        "department": remark.department,
        "saved_version": remark.saved_version,
    }
    return RemarkForm(data, initial=initial, auto_id=f"id_r{remark.pk}_%s")


@login_required
def report_list(request):
    deputy = _deputy(request)
    return render(
        request,
        "deliberation/reports/report_list.html",
        {"exercises": selectors.live_exercises(deputy)},
    )


@login_required
def report_detail(request, pk):
    deputy = _deputy(request)
    exercise = selectors.exercise_for(deputy, pk)
    return render(
        request,
        "deliberation/reports/report_detail.html",
        {"exercise": exercise, "sections": exercise.section_list},
    )


def _section_page(request, deputy, exercise, position, *, failed=None, status=200):
    """The section with a form under each paragraph, and each remark's form; `failed`:
    (paragraph key, bound form) of a new remark that was refused."""
    section = selectors.section_for(deputy, exercise, position)
    sections = exercise.section_list
    index = sections.index(section)
    rows = []
    for paragraph in section.paragraph_list:
        if failed and failed[0] == paragraph.key:
            form = failed[1]
        else:
            form = RemarkForm(auto_id=f"id_p{paragraph.key}_%s")
        rows.append(
            {
                "paragraph": paragraph,
                "form": form,
                "open": bool(failed and failed[0] == paragraph.key),
                "remarks": [
                    {"remark": remark, "form": _remark_form(remark)}
                    for remark in paragraph.own_remarks
                ],
            }
        )
    attach_feedback((item["remark"] for row in rows for item in row["remarks"]), exercise=exercise)
    context = {
        "exercise": exercise,
        "section": section,
        "rows": rows,
        "previous": sections[index - 1] if index > 0 else None,
        "next": sections[index + 1] if index + 1 < len(sections) else None,
        "count": len(sections),
        "number": index + 1,
    }
    return render(request, "deliberation/reports/section.html", context, status=status)


@login_required
@never_cache
def section_page(request, pk, position):
    deputy = _deputy(request)
    exercise = selectors.exercise_for(deputy, pk)
    return _section_page(request, deputy, exercise, position)


def _section_url(paragraph, anchor="") -> str:
    url = reverse(
        "deliberation:report_section", args=[paragraph.exercise_id, paragraph.section.position]
    )
    return f"{url}#{anchor or f'p-{paragraph.key}'}"


@require_POST
@login_required
def remark_add(request, pk, key):
    """A new remark on the paragraph; refused, the section comes back with the form open and
    the reason (400)."""
    deputy = _deputy(request)
    exercise = selectors.exercise_for(deputy, pk)
    paragraph = selectors.paragraph_for(exercise, key)
    form = RemarkForm(request.POST, auto_id=f"id_p{key}_%s")
    if form.is_valid():
        try:
            remark = add_remark(deputy=deputy, paragraph=paragraph, data=form.remark_data())
        except RemarkError as exc:
            form.add_error(exc.field, str(exc))
        else:
            messages.success(request, _("Remark saved."))
            return redirect(_section_url(paragraph, f"r-{remark.pk}"))
    return _section_page(
        request, deputy, exercise, paragraph.section.position, failed=(key, form), status=400
    )


@login_required
@never_cache
def remark_page(request, pk):
    """One remark, to change without the script (the section page's form posts here), or
    after a refusal."""
    deputy = _deputy(request)
    remark = selectors.own_remark(deputy, pk)
    status = 200
    form = _remark_form(remark, request.POST if request.method == "POST" else None)
    if request.method == "POST" and remark.paragraph is not None:
        if form.is_valid():
            version = form.cleaned_data["saved_version"]
            try:
                save_remark(
                    remark=remark,
                    data=form.remark_data(),
                    saved_version=remark.saved_version if version is None else version,
                )
            except RemarkError as exc:
                form.add_error(exc.field, str(exc))
                status = 409 if isinstance(exc, StaleRemark) else 400
            else:
                messages.success(request, _("Remark saved."))
                return redirect(_section_url(remark.paragraph, f"r-{remark.pk}"))
        else:
            status = 400
    context = {"remark": remark, "form": form}
    return render(request, "deliberation/reports/remark.html", context, status=status)


@require_POST
@login_required
def remark_autosave(request, pk):
    """The page's script (draft.js) sends the remark here as the deputy types, as a draft's
    parts: 400 for a remark that cannot be saved, 409 when it was saved elsewhere since."""
    deputy = _deputy(request)
    remark = selectors.own_remark(deputy, pk)
    try:
        body = json.loads(request.body)
        data, version = body["parts"], body["saved_version"]
        if not isinstance(version, int) or isinstance(version, bool):
            raise TypeError("saved_version is not a number")
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": _("The remark could not be read.")}, status=400)
    try:
        remark = save_remark(remark=remark, data=data, saved_version=version)
    except StaleRemark as exc:
        current = selectors.own_remark(deputy, pk)
        return JsonResponse(
            {
                "error": str(exc),
                "stale": True,
                "saved_version": current.saved_version,
                "parts": {
                    name: getattr(current, name) for name in ("kind", "text", "quote", "department")
                },
            },
            status=409,
        )
    except RemarkError as exc:
        return JsonResponse({"error": str(exc), "part": exc.field}, status=400)
    # The checker's findings on the text just saved, for the page to put in place of the old.
    attach_feedback([remark], exercise=remark.exercise)
    feedback = render_to_string("deliberation/speeches/feedback.html", {"remark": remark})
    return JsonResponse(
        {"saved_version": remark.saved_version, "saved": saved_label(remark), "feedback": feedback}
    )


@require_POST
@login_required
def remark_delete(request, pk):
    deputy = _deputy(request)
    remark = selectors.own_remark(deputy, pk)
    paragraph = remark.paragraph
    exercise_id = remark.exercise_id
    delete_remark(remark=remark)
    messages.success(request, _("Remark deleted."))
    if paragraph is None:
        return redirect("deliberation:my_remarks", pk=exercise_id)
    return redirect(_section_url(paragraph))


@login_required
def my_remarks(request, pk):
    deputy = _deputy(request)
    exercise = selectors.exercise_for(deputy, pk)
    groups, detached = selectors.remarks_by_section(deputy, exercise)
    attach_feedback(
        [*(remark for group in groups for remark in group["remarks"]), *detached],
        exercise=exercise,
    )
    context = {"exercise": exercise, "groups": groups, "detached": detached}
    return render(request, "deliberation/reports/my_remarks.html", context)
