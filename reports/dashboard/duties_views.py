"""The voters' matters and suggestions pages (接待选民与建议办理): a county's, a township's or a
station's reception days, matters and replies owed as of a day, and its overdue matters as a
spreadsheet. For the staff whose scope covers the place; for anyone else it does not exist
(404)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ..exports import safe_filename, xlsx_response
from ..tables import Table, exported_by
from ..xlsx import workbook_bytes
from .duties import duties_place, duties_report, duties_url
from .forms import AsOfForm


def _report(request, level, pk, **options):
    """The place, the form and the report; the report None when the day is refused."""
    place = duties_place(request.user, level, pk)
    form = AsOfForm(request.GET, today=timezone.localdate())
    if not form.is_valid():
        return place, form, None
    return place, form, duties_report(request.user, place, form.cleaned_data["as_of"], **options)


def _context(place, form, report, level, pk) -> dict:
    return {
        "place": place,
        "form": form,
        "report": report,
        "level": level,
        "dashboard_url": reverse(f"dashboard:{level}", args=[pk]),
        "export_url": duties_url(level, pk, export=True),
    }


@login_required
@never_cache
def place(request, level, pk):
    place, form, report = _report(request, level, pk)
    context = _context(place, form, report, level, pk)
    if report is None:
        return render(request, "reports/dashboard_duties.html", context, status=400)
    context["as_of_query"] = f"as_of={report.day.isoformat()}"
    return render(request, "reports/dashboard_duties.html", context)


@login_required
@never_cache
def overdue_export(request, level, pk):
    """Every overdue matter of the place, to chase the units: no voter's name, mobile or
    words, so nothing personal leaves (and nothing to audit, unlike the training list's
    mobile numbers)."""
    place, form, report = _report(request, level, pk, overdue_limit=None)
    if report is None:
        context = _context(place, form, None, level, pk)
        return render(request, "reports/dashboard_duties.html", context, status=400)
    notes = [
        _("%(place)s · voters' matters overdue as of %(date)s")
        % {"place": place.title, "date": report.day.isoformat()},
        exported_by(request.user.name),
    ]
    table = Table(
        title=_("Overdue matters"),
        columns=[
            _("Number"),
            _("Township"),
            _("Liaison station"),
            _("Category"),
            _("Date received"),
            _("Handling unit"),
            _("Answer due"),
            _("Days overdue"),
        ],
        rows=[
            [
                row.matter.case_number,
                row.matter.station.township.name,
                row.matter.station.name,
                row.matter.get_category_display(),
                row.matter.received_on,
                row.matter.unit,
                row.matter.due_on,
                row.days,
            ]
            for row in report.overdue
        ],
        notes=notes,
    )
    filename = _("Overdue matters %(place)s %(date)s.xlsx") % {
        "place": place.title,
        "date": report.day.isoformat(),
    }
    return xlsx_response(workbook_bytes([table]), safe_filename(filename))
