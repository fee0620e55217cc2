"""The initial-training pages (初任培训): a county's, a township's or a station's completion of a
programme in a term, and its list of overdue deputies as a spreadsheet. For the staff whose
scope covers the place; for anyone else the place does not exist (404)."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from audit.models import Action
from audit.services import record

from .dashboard.places import get_place
from .exports import safe_filename, xlsx_response
from .forms import TrainingForm
from .tables import Table, exported_by
from .terms import terms_in_view
from .training import LEVELS, OVERDUE_SHOWN, programmes_offered, training_report, training_url
from .xlsx import workbook_bytes


def _report(request, level, pk, *, overdue_limit=OVERDUE_SHOWN):
    """The place, the form and the report; the report None when the choices are refused."""
    if level not in LEVELS:
        raise Http404("No initial-training page at this level")
    place = get_place(request.user, level, pk)
    programmes = programmes_offered()
    terms = terms_in_view(level, place.obj)
    form = TrainingForm(request.GET, programmes=programmes, terms=terms)
    if not form.is_valid():
        return place, form, None
    report = training_report(
        request.user,
        place,
        programmes=programmes,
        programme_id=form.cleaned_data["programme"],
        terms=terms,
        term_id=form.cleaned_data.get("term"),
        overdue_limit=overdue_limit,
    )
    return place, form, report


@login_required
@never_cache
def place(request, level, pk):
    place, form, report = _report(request, level, pk)
    context = {
        "place": place,
        "form": form,
        "report": report,
        "level": level,
        "dashboard_url": reverse(f"dashboard:{level}", args=[pk]),
    }
    if report is None:
        return render(request, "reports/training.html", context, status=400)
    if report.programme is not None:
        query = {"programme": report.programme.pk}
        if report.term is not None:
            query["term"] = report.term.pk
        context["overdue_url"] = training_url(level, pk, export=True)
        context["overdue_query"] = urlencode(query)
    return render(request, "reports/training.html", context)


def _county_of(place):
    if place.level == "county":
        return place.obj
    if place.level == "township":
        return place.obj.county
    return place.obj.township.county


@login_required
@never_cache
def overdue_export(request, level, pk):
    """Every overdue deputy of the place with their mobile number, to call them: personal
    data, so the audit log records who took it and how many deputies it holds, as for the
    roster's export."""
    place, form, report = _report(request, level, pk, overdue_limit=None)
    if report is None:
        context = {"place": place, "form": form, "report": None, "level": level}
        return render(request, "reports/training.html", context, status=400)
    if report.programme is None:
        raise Http404("No programme")
    notes = [
        " · ".join(
            part
            for part in (
                place.title,
                report.programme.title,
                report.term_label,
                _("overdue as of %(date)s") % {"date": report.day.isoformat()},
            )
            if part
        ),
        exported_by(request.user.name),
    ]
    table = Table(
        title=_("Overdue"),
        columns=[
            _("Name"),
            _("Mobile number"),
            _("Township"),
            _("Liaison station"),
            _("Kind"),
            _("Due date"),
            _("Still to do"),
        ],
        rows=[
            [
                row.deputy.user.name,
                row.deputy.user.mobile,
                row.deputy.township.name,
                row.deputy.station.name if row.deputy.station else "",
                row.assignment.get_kind_display(),
                row.assignment.due_date,
                "; ".join(row.missing),
            ]
            for row in report.overdue
        ],
        notes=notes,
    )
    content = workbook_bytes([table])
    record(
        Action.ROSTER_EXPORTED,
        by=request.user,
        county=_county_of(place),
        count=len(table.rows),
        place=f"{place.title} · {report.programme.title}",
    )
    filename = _("Overdue %(programme)s %(place)s %(date)s.xlsx") % {
        "programme": report.programme.title,
        "place": place.title,
        "date": report.day.isoformat(),
    }
    return xlsx_response(content, safe_filename(filename))
