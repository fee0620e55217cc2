"""The register's pages: recording a matter on the phone, the register (a station's, or a
township's across its stations), a matter with its steps and the next step's form, turning a
matter into a suggestion draft, and reception days. Views coordinate: selectors read, services
write, `permissions` says who may do what."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import record
from deputies.selectors import (
    deputies_to_pick,
    deputy_of,
    scope_for,
    staff_or_404,
    stations_visible_to,
)

from ..models import Category, Matter
from . import permissions, selectors, services
from .forms import STEP_FORMS, ReceptionDayForm, RecordForm
from .services import MatterError, Voter


@login_required
def register(request):
    """The register: a staff member's stations (a township's across its stations), or the
    matters a deputy received."""
    staff = scope_for(request.user).is_staff
    if not staff and deputy_of(request.user) is None:
        raise Http404("The register is for deputies and staff")
    show = request.GET.get("show", selectors.SHOW_OPEN)
    if show not in (
        selectors.SHOW_OPEN,
        selectors.SHOW_OVERDUE,
        selectors.SHOW_FINISHED,
        selectors.SHOW_ALL,
    ):
        show = selectors.SHOW_OPEN
    category = request.GET.get("category", "")
    if category not in Category.values:
        category = ""
    stations = selectors.register_stations(request.user)
    station = None
    if request.GET.get("station", "").isdigit():
        station = next((s for s in stations if s.pk == int(request.GET["station"])), None)
    context = {
        "matters": selectors.register(request.user, show=show, category=category, station=station),
        "show": show,
        "shows": [
            (selectors.SHOW_OPEN, _("Open")),
            (selectors.SHOW_OVERDUE, _("Overdue")),
            (selectors.SHOW_FINISHED, _("Closed")),
            (selectors.SHOW_ALL, _("All")),
        ],
        "category": category,
        "categories": Category.choices,
        "stations": stations,
        "station": station,
        "staff": staff,
        "may_record": staff or deputy_of(request.user) is not None,
    }
    return render(request, "receptions/register.html", context)


@login_required
def record_matter(request):
    """The phone form a deputy on duty (or the clerk) fills in for each matter."""
    stations = selectors.recording_stations(request.user)
    form = RecordForm(request.POST or None, stations=stations)
    if not form.fields["station"].queryset.exists():
        raise Http404("Only deputies of a station and its staff record matters")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            matter = services.record_matter(
                station=data["station"],
                recorded_by=request.user,
                category=data["category"],
                raised=data["raised"],
                said_on_spot=data["said_on_spot"],
                voter=Voter(data["voter_name"], data["voter_mobile"], data["mobile_consent"]),
            )
        except MatterError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Matter %(number)s is in the register.") % {"number": matter.case_number},
            )
            return redirect("receptions:matter", matter.pk)
    return render(request, "receptions/record.html", {"form": form})


def _matter_context(request, matter, forms=None) -> dict:
    forms = forms or {}
    steps = permissions.next_steps(request.user, matter)
    today = timezone.localdate()
    shows_mobile = selectors.sees_mobile(request.user, matter)
    if shows_mobile:
        record(
            Action.VOTER_MOBILE_VIEWED,
            by=request.user,
            county=matter.station.township.county,
            matter=matter.case_number,
            station=matter.station.name,
        )
    return {
        "matter": matter,
        "mobile": matter.voter_mobile if shows_mobile else matter.masked_mobile,
        "overdue_days": matter.days_overdue(today),
        "step_forms": [(kind, forms.get(kind) or STEP_FORMS[kind](prefix=kind)) for kind in steps],
        "may_draft": permissions.is_receiver(request.user, matter)
        and matter.status != Matter.Status.REJECTED,
        "default_due": services.default_due(today),
    }


@never_cache
@login_required
def matter_page(request, pk):
    matter = selectors.matter_for(request.user, pk)
    return render(request, "receptions/matter.html", _matter_context(request, matter))


@require_POST
@login_required
def take_step(request, pk, kind):
    """Take one step of the matter's handling: refused with 403 to whoever may see the matter
    but not take that step, with a message when the matter has moved on."""
    matter = selectors.matter_for(request.user, pk)
    if kind not in STEP_FORMS:
        raise Http404("No such step")
    if kind not in permissions.allowed_steps(request.user, matter):
        raise PermissionDenied
    form = STEP_FORMS[kind](request.POST, prefix=kind)
    if not form.is_valid():
        context = _matter_context(request, matter, {kind: form})
        return render(request, "receptions/matter.html", context, status=200)
    data = form.cleaned_data
    by = request.user
    try:
        if kind == "refer":
            services.refer(
                matter=matter, by=by, unit=data["unit"], due_on=data["due_on"], note=data["note"]
            )
        elif kind == "follow_up":
            services.follow_up(matter=matter, by=by, note=data["note"], due_on=data["due_on"])
        elif kind == "answer":
            services.record_answer(matter=matter, by=by, answer=data["answer"])
        elif kind == "visit":
            services.record_visit(
                matter=matter, by=by, satisfaction=data["satisfaction"], note=data["note"]
            )
        elif kind == "close":
            services.close(matter=matter, by=by, closure=data["closure"], note=data["note"])
        else:
            services.reject(matter=matter, by=by, reason=data["reason"])
    except MatterError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved."))
    return redirect("receptions:matter", matter.pk)


@require_POST
@login_required
def make_suggestion(request, pk):
    """Turn the matter into a suggestion draft (one tap) and open the draft."""
    matter = selectors.matter_for(request.user, pk)
    if not permissions.is_receiver(request.user, matter):
        raise PermissionDenied
    try:
        draft = services.turn_into_suggestion(matter=matter, by=request.user)
    except MatterError as exc:
        messages.error(request, str(exc))
        return redirect("receptions:matter", matter.pk)
    return redirect("proposals:draft", draft.pk)


@login_required
def reception_days(request):
    """The reception days of the staff member's stations, or those a deputy is on duty."""
    staff = scope_for(request.user).is_staff
    if not staff and deputy_of(request.user) is None:
        raise Http404("Reception days are for deputies and staff")
    context = {"days": selectors.reception_days(request.user), "staff": staff}
    return render(request, "receptions/days.html", context)


@login_required
def schedule_day(request):
    """Schedule a reception day with the deputies on duty, who are told."""
    staff_or_404(request.user, "Only staff schedule reception days")
    stations = stations_visible_to(request.user).order_by("name")
    deputies = deputies_to_pick(request.user, stations)
    form = ReceptionDayForm(request.POST or None, stations=stations, deputies=deputies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.schedule_reception_day(
                station=data["station"],
                created_by=request.user,
                day=data["day"],
                hours=data["hours"],
                place=data["place"],
                on_duty=data["on_duty"],
                months=data["months"],
            )
        except MatterError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("The reception day is scheduled; the deputies on duty are told.")
            )
            return redirect("receptions:days")
    return render(request, "receptions/schedule_day.html", {"form": form})
