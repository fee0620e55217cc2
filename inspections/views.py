"""Inspections' pages. Staff (of the station's scope): the list, creating an inspection from
the plan template, and its page (plan, stops, findings with photos, report). Deputies who take
part: their list and the on-site page (pick the stop, write, take a photo; kept on the phone
without a connection and sent when it returns), the report, and a finding turned into a
suggestion. Views coordinate: selectors read, services write."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deputies.selectors import deputies_to_pick, deputy_or_404, staff_or_404, stations_visible_to
from proposals.checker import PART_LABELS

from . import selectors
from .forms import FindingForm, InspectionForm
from .services import (
    InspectionError,
    compose_report,
    create_inspection,
    finding_to_suggestion,
    record_finding,
)


def _staff(request):
    staff_or_404(request.user, "Only staff manage inspections")


def _deputy(request):
    return deputy_or_404(request.user, "Only deputies take part in inspections")


def _parts(draft) -> list[tuple[str, str]]:
    """A draft's parts with their labels, for reading."""
    if draft is None:
        return []
    return [(str(PART_LABELS[name]), draft.text_of(name)) for name in draft.exercise.part_names]


@login_required
def staff_list(request):
    _staff(request)
    context = {"inspections": selectors.staff_listing(request.user)}
    return render(request, "inspections/staff_list.html", context)


@login_required
def create(request):
    _staff(request)
    stations = stations_visible_to(request.user).order_by("name")
    deputies = deputies_to_pick(request.user, stations)
    form = InspectionForm(request.POST or None, stations=stations, deputies=deputies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        inspection = create_inspection(
            user=request.user,
            station=data["station"],
            kind=data["kind"],
            title=data["title"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            organiser=data["organiser"],
            deputies=data["deputies"],
            stops=data["stops"],
        )
        messages.success(
            request,
            _("The inspection is created; %(name)s can now finish its plan.")
            % {"name": inspection.organiser.user.name},
        )
        return redirect("inspections:detail", inspection.pk)
    return render(request, "inspections/create.html", {"form": form})


@login_required
def detail(request, pk):
    _staff(request)
    inspection = selectors.staff_inspection(request.user, pk)
    context = {
        "inspection": inspection,
        "by_stop": selectors.by_stop(inspection),
        "plan_parts": _parts(inspection.plan),
        "report_parts": _parts(inspection.report),
        "deputies": sorted(d.user.name for d in inspection.deputies.all()),
    }
    return render(request, "inspections/detail.html", context)


@login_required
def my_inspections(request):
    deputy = _deputy(request)
    context = {"inspections": selectors.deputy_inspections(deputy)}
    return render(request, "inspections/my_inspections.html", context)


@login_required
def on_site(request, pk):
    # Not never_cache: the service worker keeps a copy to open without a connection on site;
    # the page's script gives each finding a new UUID.
    deputy = _deputy(request)
    inspection = selectors.deputy_inspection(deputy, pk)
    stops = list(inspection.stops.all())
    context = {
        "inspection": inspection,
        "form": FindingForm(stops=stops, initial={"uuid": uuid.uuid4()}),
        "by_stop": selectors.by_stop(inspection),
        "deputy": deputy,
        "is_organiser": inspection.organiser_id == deputy.pk,
        "questions": inspection.plan.text_of("focus_questions") if inspection.plan else "",
    }
    return render(request, "inspections/on_site.html", context)


def _wants_json(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


@login_required
@require_POST
def record(request, pk):
    """A finding, from the form or from the phone's queue (X-Requested-With: fetch, answered
    with JSON: 200 when recorded or already recorded, 400 with the reason otherwise)."""
    deputy = _deputy(request)
    inspection = selectors.deputy_inspection(deputy, pk)
    form = FindingForm(request.POST, request.FILES, stops=list(inspection.stops.all()))
    error = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            finding, created = record_finding(
                deputy=deputy,
                inspection=inspection,
                stop_id=data["stop"],
                text=data["text"],
                uuid=data["uuid"],
                photo=data["photo"],
                keep_location=data["keep_location"],
            )
        except InspectionError as refused:
            error = str(refused)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if _wants_json(request):
        if error:
            return JsonResponse({"ok": False, "error": error}, status=400)
        return JsonResponse({"ok": True, "uuid": str(finding.uuid), "created": created})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your finding is recorded."))
    return redirect("inspections:on_site", inspection.pk)


@login_required
@require_POST
def write_report(request, pk):
    deputy = _deputy(request)
    inspection = selectors.deputy_inspection(deputy, pk)
    if inspection.organiser_id != deputy.pk:
        messages.error(
            request,
            _("The report is written by %(name)s.") % {"name": inspection.organiser.user.name},
        )
        return redirect("inspections:on_site", inspection.pk)
    draft = compose_report(inspection=inspection)
    return redirect("proposals:draft", draft.pk)


@login_required
@require_POST
def suggest(request, pk):
    deputy = _deputy(request)
    finding = selectors.own_finding(deputy, pk)
    draft = finding_to_suggestion(finding=finding)
    return redirect("proposals:draft", draft.pk)


@login_required
def photo(request, pk):
    kept = selectors.visible_photo(request.user, pk)
    response = FileResponse(kept.image.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=86400"
    return response
