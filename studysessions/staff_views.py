"""Group study, the staff's side: scheduling, changing and cancelling sessions, the session's
roll (replies and attendance, marked by hand), the check-in screen with its rotating QR code
and live list, the printed sign-in sheet and a station's history.

Only staff whose scope covers the session's station see it; anyone else gets 404. Views
coordinate: selectors read, services write.
"""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from deputies.selectors import (
    deputies_in_care_of,
    deputies_to_pick,
    staff_or_404,
    stations_visible_to,
)

from . import codes, selectors
from .attendance import mark_roll
from .forms import CancelForm, InviteMoreForm, ScheduleForm, SessionForm, initial_from
from .models import Attendance, RollMark, default_credit_hours
from .pdf import render_sign_in_sheet
from .services import (
    AlreadyCheckedIn,
    Repeat,
    StudySessionError,
    cancel_session,
    invite_more,
    schedule_session,
    update_session,
)


def _staff(request) -> None:
    staff_or_404(request.user, "Only staff schedule group study")


def _form_kwargs(request) -> dict:
    return {
        "stations": stations_visible_to(request.user).order_by("name"),
        "lessons": selectors.lesson_choices(),
    }


@login_required
def session_list(request):
    """Upcoming sessions of the stations in the user's scope, and the stations' histories."""
    _staff(request)
    context = {
        "sessions": selectors.staff_upcoming(request.user),
        "stations": list(stations_visible_to(request.user).order_by("name")),
    }
    return render(request, "studysessions/staff_list.html", context)


@login_required
def schedule(request):
    _staff(request)
    deputies = deputies_to_pick(request.user, stations_visible_to(request.user))
    form = ScheduleForm(request.POST or None, deputies=deputies, **_form_kwargs(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        station = data["station"]
        if data["invite"] == form.INVITE_STATION:
            invitees = deputies.filter(station=station)
        else:
            invitees = data["deputies"]
        repeat = (
            Repeat(data["repeat"], until=data["repeat_until"], count=data["repeat_count"])
            if data["repeat"]
            else None
        )
        try:
            sessions = schedule_session(
                station=station,
                created_by=request.user,
                invitees=invitees,
                whole_station=data["invite"] == form.INVITE_STATION,
                lessons=data["lessons"],
                repeat=repeat,
                **form.session_fields(),
            )
        except StudySessionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Scheduled %(count)d session(s); the invited deputies have been told.")
                % {"count": len(sessions)},
            )
            return redirect("studysessions:staff_session", pk=sessions[0].pk)
    return render(request, "studysessions/schedule.html", {"form": form})


@login_required
def session_page(request, pk):
    """The session, with every invitation's reply and who was there; marking by hand."""
    _staff(request)
    session = selectors.staff_session(request.user, pk)
    roll = selectors.session_roll(request.user, session)
    may_invite = not session.is_cancelled and session.ends_at > timezone.now()
    context = {
        "invite_form": InviteMoreForm(deputies=_not_invited(request.user, session))
        if may_invite
        else None,
        "session": session,
        "roll": roll,
        "marks": [RollMark.PRESENT, RollMark.ABSENT, RollMark.LEAVE],
        "unanswered": [i for i in roll if i.pk and i.reply == i.Reply.NONE],
        "present_count": sum(1 for i in roll if i.attendance),
        "lessons": list(session.lessons.all()),
        "cancel_form": CancelForm(),
        "is_past": session.ends_at < timezone.now(),
    }
    return render(request, "studysessions/staff_session.html", context)


def _not_invited(user, session):
    """Active deputies of the session's station in the user's care who are not invited yet."""
    return (
        deputies_in_care_of(user)
        .filter(station_id=session.station_id, is_active=True)
        .exclude(study_invitations__session=session)
        .select_related("user")
        .order_by("user__name")
    )


@require_POST
@login_required
def invite(request, pk):
    """Invite more deputies of the station to a session still to come."""
    _staff(request)
    session = selectors.staff_session(request.user, pk)
    form = InviteMoreForm(request.POST, deputies=_not_invited(request.user, session))
    if not form.is_valid():
        messages.error(request, _("Choose deputies of this station who are not invited yet."))
        return redirect(reverse("studysessions:staff_session", args=[pk]) + "#invite")
    try:
        count = invite_more(session=session, deputies=form.cleaned_data["deputies"])
    except StudySessionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d deputy invited and told.",
                "%(count)d deputies invited and told.",
                count,
            )
            % {"count": count},
        )
    return redirect("studysessions:staff_session", pk=pk)


@login_required
def edit(request, pk):
    _staff(request)
    session = selectors.staff_session(request.user, pk)
    if session.is_cancelled:
        raise Http404("A cancelled session is not edited")
    form = SessionForm(request.POST or None, initial=initial_from(session), **_form_kwargs(request))
    form.fields["station"].disabled = True
    if request.method == "POST" and form.is_valid():
        fields = form.session_fields()
        if fields["credit_hours"] is None:
            minutes = int((fields["ends_at"] - fields["starts_at"]).total_seconds() // 60)
            fields["credit_hours"] = default_credit_hours(minutes)
        try:
            update_session(
                session=session,
                changed_by=request.user,
                lessons=form.cleaned_data["lessons"],
                **fields,
            )
        except StudySessionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Session saved."))
            return redirect("studysessions:staff_session", pk=session.pk)
    return render(request, "studysessions/edit.html", {"form": form, "session": session})


@require_POST
@login_required
def cancel(request, pk):
    _staff(request)
    session = selectors.staff_session(request.user, pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason: the deputies will read it."))
        return redirect("studysessions:staff_session", pk=pk)
    try:
        cancel_session(
            session=session, reason=form.cleaned_data["reason"], cancelled_by=request.user
        )
    except StudySessionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Session cancelled; the invited deputies have been told."))
    return redirect("studysessions:staff_session", pk=pk)


@require_POST
@login_required
def attendance(request, pk):
    """Mark a deputy on the roll: present (by hand, or from the signed sheet), absent or on
    leave; back to the deputy's card."""
    _staff(request)
    session = selectors.staff_session(request.user, pk)
    deputy = get_object_or_404(deputies_in_care_of(request.user), pk=request.POST.get("deputy"))
    try:
        mark = RollMark(request.POST.get("mark") or RollMark.PRESENT)
    except ValueError:
        return HttpResponseBadRequest(_("Choose present, absent or on leave."))
    method = (
        Attendance.Method.SHEET
        if request.POST.get("method") == Attendance.Method.SHEET
        else Attendance.Method.MANUAL
    )
    try:
        mark_roll(
            session=session, deputy=deputy, mark=mark, recorded_by=request.user, method=method
        )
    except AlreadyCheckedIn as exc:
        messages.info(request, str(exc))
    except StudySessionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(name)s: %(mark)s.") % {"name": deputy.user.name, "mark": mark.label},
        )
    url = reverse("studysessions:staff_session", args=[pk])
    return redirect(f"{url}#deputy-{deputy.pk}")


def _qr(request, session) -> dict:
    url = request.build_absolute_uri(
        reverse("studysessions:checkin", args=[session.pk, codes.current_code(session)])
    )
    # segno writes the SVG from the URL alone: nothing user-typed in it. A viewBox and no
    # fixed size, so that it scales to the projector view.
    svg = segno.make(url, error="m").svg_inline(scale=8, border=2, omitsize=True)
    return {"url": url, "svg": svg, "seconds_left": codes.seconds_left()}


@login_required
@never_cache
def screen(request, pk):
    """The check-in screen, shown on the station's display: the rotating QR code and who has
    checked in. static/js/checkin.js refreshes both. With ?screen=1 it is the projector view:
    no site header, menu or footer, and type large enough to read from the back of a room."""
    _staff(request)
    session = selectors.staff_session(request.user, pk)
    qr = _qr(request, session)
    context = {
        "projector": request.GET.get("screen") == "1",
        "session": session,
        "qr_svg": mark_safe(qr["svg"]),  # noqa: S308
        "qr_url": qr["url"],
        "present": selectors.present_list(request.user, session),
        "is_open": session.checkin_is_open(),
        "step_seconds": codes.STEP_SECONDS,
    }
    return render(request, "studysessions/screen.html", context)


@login_required
@never_cache
def screen_state(request, pk):
    """What the check-in screen polls: the current code and the live list."""
    _staff(request)
    session = selectors.staff_session(request.user, pk)
    present = selectors.present_list(request.user, session)
    data = _qr(request, session)
    data["present_count"] = len(present)
    data["present_html"] = render_to_string(
        "studysessions/_present_list.html", {"present": present}
    )
    return JsonResponse(data)


@login_required
def sign_in_sheet(request, pk):
    """The printable sign-in sheet: invited deputies and a column to sign."""
    _staff(request)
    session = selectors.staff_session(request.user, pk)
    roll = [i for i in selectors.session_roll(request.user, session) if i.pk]
    response = HttpResponse(render_sign_in_sheet(session, roll), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sign-in-{session.pk}.pdf"'
    return response


@login_required
def history(request, station_pk):
    _staff(request)
    station, sessions, overall = selectors.station_history(request.user, station_pk)
    return render(
        request,
        "studysessions/history.html",
        {"station": station, "sessions": sessions, "overall": overall},
    )
