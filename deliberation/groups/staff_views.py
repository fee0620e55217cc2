"""The group deliberation, the station's side: open one for a report at a group-study session,
show the remarks of the deputies present on the projector, tick those to carry forward, close
it, and download the 审议意见汇总.

Staff reach a deliberation through the sessions in their scope, as on group study's own staff
pages; anyone else gets 404. A download of the summary is recorded in the audit log: with the
deputies named it is personal data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import record
from deputies.selectors import staff_or_404
from studysessions.selectors import staff_session

from . import documents, selectors, services
from .forms import GroupForm, MarksForm

FORMATS = {
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        documents.render_docx,
    ),
    "pdf": ("application/pdf", documents.render_pdf),
}


def _staff(request) -> None:
    staff_or_404(request.user, "Only staff hold group deliberations")


@login_required
def create(request, session_pk):
    _staff(request)
    session = staff_session(request.user, session_pk)
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.open_group(
                session=session, created_by=request.user, **form.group_fields()
            )
        except services.GroupError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("The group deliberation is open: the deputies checked in see it on the session."),
            )
            return redirect("deliberation:group_manage", pk=group.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "deliberation/groups/group_form.html",
        {"form": form, "session": session},
        status=status,
    )


@login_required
@never_cache
def manage(request, pk):
    """The clerk's page: every remark of the deputies present, a tick each to carry it into
    the summary (a plain form: it works without JavaScript), and the downloads."""
    _staff(request)
    group = selectors.staff_group(request.user, pk)
    rows = selectors.remarks(group)
    if request.method == "POST":
        form = MarksForm(request.POST, remarks=rows)
        if form.is_valid():
            try:
                count = services.set_marks(
                    group=group, remark_ids=form.cleaned_data["carried"], notes=form.notes()
                )
            except services.GroupError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("Marks saved: %(count)s remarks carried forward.") % {"count": count}
                )
                return redirect("deliberation:group_manage", pk=pk)
        carried = {int(pk) for pk in form.data.getlist("carried") if pk.isdigit()}
        status = 400
    else:
        initial = {f"note-{pk}": text for pk, text in selectors.notes(group).items()}
        form = MarksForm(initial=initial, remarks=rows)
        carried, status = selectors.carried_ids(group), 200
    sections = selectors.grouped(rows)
    for section in sections:
        if section.pk is not None:
            section.note_field = form[f"note-{section.pk}"]
    context = {
        "group": group,
        "session": group.session,
        "sections": sections,
        "count": len(rows),
        "carried": carried,
        "errors": form.non_field_errors() + form.errors.get("carried", []),
    }
    return render(request, "deliberation/groups/manage.html", context, status=status)


@require_POST
@login_required
def close_view(request, pk):
    _staff(request)
    group = selectors.staff_group(request.user, pk)
    try:
        services.close_group(group=group)
    except services.GroupError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("The deliberation is closed. You can still mark remarks and download the summary."),
        )
    return redirect("deliberation:group_manage", pk=pk)


@login_required
@never_cache
def screen(request, pk):
    """The shared screen: the remarks of the deputies present, by section and kind, in large
    type; names only when the deliberation is attributed. While it is open the page refreshes
    its remarks every few seconds (static/js/votes.js, as the vote's result does)."""
    _staff(request)
    group = selectors.staff_group(request.user, pk)
    rows = selectors.remarks(group)
    context = {
        "group": group,
        "session": group.session,
        "sections": selectors.grouped(rows),
        "count": len(rows),
        "deputies": len({r.deputy_id for r in rows}),
    }
    return render(request, "deliberation/groups/screen.html", context)


@login_required
def summary(request, pk, fmt):
    """The 审议意见汇总 as .docx or PDF, recorded in the audit log."""
    _staff(request)
    group = selectors.staff_group(request.user, pk)
    content_type, render_file = FORMATS[fmt]
    content = render_file(group)
    record(
        Action.OPINIONS_EXPORTED,
        by=request.user,
        county=group.session.station.township.county,
        title=group.exercise.title,
        session=group.session.topic,
        format=fmt,
        count=len(selectors.carried_ids(group)),
        names=_("the deputies named") if group.attributed else _("without names"),
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, documents.filename(group, fmt)
    )
    add_never_cache_headers(response)
    return response
