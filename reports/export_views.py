"""Exports: the user's own list of spreadsheets prepared in the background and their
downloads, and the group-study register's export page. Staff only; a place outside the user's
scope, or another user's export, does not exist (404)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from deputies.selectors import staff_or_404

from .export_forms import REGISTER_MAX_YEARS, RegisterPeriodForm
from .exports import XLSX_CONTENT_TYPE, content_disposition, respond
from .models import Export
from .register import register_place, register_size

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


@login_required
@never_cache
def register(request, level, pk):
    """The register's period (this year so far by default), then the spreadsheet: at once
    when small, else prepared in the background. A bad period gets a 400 saying why."""
    staff_or_404(request.user, "Only staff export registers")
    place = register_place(request.user, level, pk)
    today = timezone.localdate()
    context = {
        "place": place,
        "level_label": LEVEL_LABELS[place.level],
        "max_years": REGISTER_MAX_YEARS,
        "dashboard_url": reverse(f"dashboard:{level}", args=[pk]),
    }
    if "from" not in request.GET and "to" not in request.GET:
        context["form"] = RegisterPeriodForm(today=today)
        return render(request, "reports/register_export.html", context)
    form = RegisterPeriodForm(request.GET, today=today)
    if not form.is_valid():
        context["form"] = form
        return render(request, "reports/register_export.html", context, status=400)
    date_from, date_to = form.cleaned_data["from"], form.cleaned_data["to"]
    filename = _("Group study register %(place)s %(from)s to %(to)s") % {
        "place": place.name,
        "from": date_from.isoformat(),
        "to": date_to.isoformat(),
    }
    return respond(
        request,
        kind=Export.Kind.REGISTER,
        params={"level": level, "pk": pk, "date_from": date_from, "date_to": date_to},
        filename=filename,
        rows=register_size(place, date_from=date_from, date_to=date_to),
    )
