"""Exports: the user's own list of spreadsheets prepared in the background and their
downloads, and the activity register's page (活动台账): the spreadsheet, or the page to print.
Staff only; a place outside the user's scope, or another user's export, does not exist
(404)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.cache import never_cache

from common.numerals import law_number
from deputies.selectors import staff_or_404

from .export_forms import REGISTER_MAX_YEARS, RegisterPeriodForm
from .exports import XLSX_CONTENT_TYPE, content_disposition, respond
from .models import Export
from .register import activity_register, register_place, register_size

# The list shows this many of the user's latest exports (older ones are purged anyway).
LIST_LENGTH = 50

LEVEL_LABELS = {
    "county": gettext_lazy("County"),
    "township": gettext_lazy("Township"),
    "station": gettext_lazy("Liaison station"),
}


@login_required
@never_cache
def export_list(request):
    staff_or_404(request.user, "Only staff have exports")
    exports = list(
        Export.objects.requested_by(request.user).order_by("-created_at", "-pk")[:LIST_LENGTH]
    )
    context = {
        "exports": exports,
        "in_progress": any(export.in_progress for export in exports),
        "keep_days": settings.REPORTS_EXPORT_KEEP_DAYS,
    }
    return render(request, "reports/exports_list.html", context)


@login_required
@never_cache
def download(request, pk):
    """The file, for the user who asked for it; anyone else gets a 404."""
    staff_or_404(request.user, "Only staff have exports")
    export = get_object_or_404(Export.objects.requested_by(request.user), pk=pk)
    if not export.available:
        raise Http404("The export is not ready, or it was deleted")
    response = FileResponse(export.file.open("rb"), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(export.filename)
    return response


def _period_page(request, place, level, pk):
    """The register's period from the query, or the export page to answer with: unbound when
    no period was asked for, with the errors (400) when it was wrong."""
    today = timezone.localdate()
    context = {
        "place": place,
        "level_label": LEVEL_LABELS[place.level],
        "max_years": REGISTER_MAX_YEARS,
        "dashboard_url": reverse(f"dashboard:{level}", args=[pk]),
        "print_url": reverse("exports:register_print", args=[level, pk]),
    }
    if "from" not in request.GET and "to" not in request.GET:
        context["form"] = RegisterPeriodForm(today=today)
        return None, render(request, "reports/register_export.html", context)
    form = RegisterPeriodForm(request.GET, today=today)
    if not form.is_valid():
        context["form"] = form
        return None, render(request, "reports/register_export.html", context, status=400)
    return (form.cleaned_data["from"], form.cleaned_data["to"]), None


@login_required
@never_cache
def register(request, level, pk):
    """The register's period (this year so far by default), then the spreadsheet: at once
    when small, else prepared in the background. A bad period gets a 400 saying why."""
    staff_or_404(request.user, "Only staff export registers")
    place = register_place(request.user, level, pk)
    period, page = _period_page(request, place, level, pk)
    if page is not None:
        return page
    date_from, date_to = period
    filename = _("Activity register %(place)s %(from)s to %(to)s") % {
        "place": place.name,
        "from": date_from.isoformat(),
        "to": date_to.isoformat(),
    }
    return respond(
        request,
        kind=Export.Kind.REGISTER,
        params={"level": level, "pk": pk, "date_from": date_from, "date_to": date_to},
        filename=filename,
        rows=register_size(place, request.user, date_from=date_from, date_to=date_to),
    )


@login_required
@never_cache
def register_print(request, level, pk):
    """The register as a page to print on A4, as county offices keep it: the place and the
    period, each kind of activity as a table, and lines to sign. Without a period, the export
    page asks for one; a bad period gets that page with a 400 saying why."""
    staff_or_404(request.user, "Only staff print registers")
    place = register_place(request.user, level, pk)
    period, page = _period_page(request, place, level, pk)
    if page is not None:
        return page
    date_from, date_to = period
    register = activity_register(
        request.user, level=level, pk=pk, date_from=date_from, date_to=date_to
    )
    page_url = reverse("exports:register", args=[level, pk])
    context = {
        "register": register,
        # Numbered as county offices number a register's parts: 一、汇总 / 1. Summary.
        "sections": [
            (
                pgettext("numbered heading", "%(number)s. %(title)s")
                % {"number": law_number(n), "title": section.title},
                section,
            )
            for n, section in enumerate(register.sections, start=1)
        ],
        "export_url": f"{page_url}?{urlencode({'from': date_from, 'to': date_to})}",
        "back_url": page_url,
    }
    return render(request, "reports/register_print.html", context)
