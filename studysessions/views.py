"""Group study, the deputy's side: their sessions and 学时 from attending, replying, the
calendar file of a session and the personal calendar feed, and checking in by scanning the
station's screen. Views coordinate: selectors read, services write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from deputies.selectors import deputy_of

from . import codes, ics, scans, selectors
from .attendance import already_message, check_in, expired_message, scan_moment
from .forms import ReplyForm
from .models import Attendance
from .services import AlreadyCheckedIn, StudySessionError, feed_for, reply, rotate_feed


def _deputy(request):
    deputy = deputy_of(request.user)
    if deputy is None:
        raise Http404("Only deputies are invited to group study")
    return deputy


@login_required
def my_sessions(request):
    deputy = _deputy(request)
    upcoming, past = selectors.deputy_sessions(deputy)
    feed = feed_for(deputy)
    feed_url = request.build_absolute_uri(reverse("studysessions:feed", args=[feed.token]))
    context = {
        "upcoming": upcoming,
        "past": past,
        "credit_hours": selectors.credit_hours_of(deputy),
        "attended": sum(1 for i in past if i.attended),
        "feed_url": feed_url,
        "webcal_url": ics.webcal_url(feed_url),
    }
    return render(request, "studysessions/my_sessions.html", context)


@login_required
def detail(request, pk):
    invitation = selectors.deputy_invitation(request.user, pk)
    return _detail(request, invitation, ReplyForm(initial=_current_reply(invitation)))


def _current_reply(invitation) -> dict:
    """The reply already sent, chosen again in the form that changes it."""
    if invitation.reply == invitation.Reply.NONE:
        return {}
    attend = "yes" if invitation.reply == invitation.Reply.ATTEND else "no"
    return {"attend": attend, "reason": invitation.decline_reason}


def _detail(request, invitation, form, status=200):
    session = invitation.session
    context = {
        "invitation": invitation,
        "session": session,
        "lessons": list(session.lessons.all()),
        "attendance": Attendance.objects.filter(session=session, deputy=invitation.deputy).first(),
        "form": form,
        "is_past": session.ends_at < timezone.now(),
    }
    return render(request, "studysessions/detail.html", context, status=status)


@require_POST
@login_required
def reply_view(request, pk):
    invitation = selectors.deputy_invitation(request.user, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            reply(
                invitation=invitation,
                attend=form.cleaned_data["attend"],
                reason=form.cleaned_data["reason"],
            )
        except StudySessionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you: your reply has been sent to the station."))
            return redirect("studysessions:detail", pk=pk)
    return _detail(request, invitation, form, status=400)


def _url_for(request):
    return lambda session: request.build_absolute_uri(
        reverse("studysessions:detail", args=[session.pk])
    )


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def session_ics(request, pk):
    invitation = selectors.deputy_invitation(request.user, pk)
    body = ics.session_calendar(
        invitation.session, url_for=_url_for(request), domain=request.get_host()
    )
    return _calendar_response(body, f"study-{pk}.ics")


@never_cache
def feed(request, token):
    """The personal feed calendar apps subscribe to: no sign-in, the secret token is the key."""
    _feed, sessions = selectors.feed_sessions(token)
    body = ics.feed_calendar(sessions, url_for=_url_for(request), domain=request.get_host())
    return _calendar_response(body, "group-study.ics")


@require_POST
@login_required
def rotate_feed_view(request):
    rotate_feed(deputy=_deputy(request))
    messages.success(request, _("Your calendar address has changed; the old one no longer works."))
    return redirect("studysessions:mine")


@never_cache
def checkin(request, pk, code):
    """The page the screen's QR code opens. GET only shows the session and a button, so a
    chat app's link preview cannot check anyone in; POST checks in. Someone signed out is sent
    to sign in and back, the moment of their scan kept (`scans`); a deputy who may not attend
    gets 404, and nothing of the session."""
    now = timezone.now()
    if not request.user.is_authenticated:
        session = selectors.scanned_session(pk)
        if session is not None:
            scans.remember(request, session, code, now)
        messages.info(request, _("Sign in to check in."))
        return redirect_to_login(request.get_full_path())
    deputy = _deputy(request)
    session = selectors.checkin_session(deputy, pk)
    if request.method != "POST":
        scans.remember(request, session, code, now)
    scanned = scans.scanned_at(request, session, code)
    moment = scan_moment(scanned_at=scanned, now=now)
    context = {"session": session, "code": code, "attendance": None, "error": None}
    if request.method == "POST":
        try:
            context["attendance"] = check_in(
                session=session, deputy=deputy, code=code, now=now, scanned_at=scanned
            )
        except AlreadyCheckedIn as exc:
            context["already"] = str(exc)
        except StudySessionError as exc:
            context["error"] = str(exc)
        else:
            context["credit_hours"] = selectors.credit_hours_of(deputy)
    elif earlier := selectors.attendance_of(session, deputy):
        context["already"] = already_message(earlier)
    elif not codes.is_valid(session, code, moment.timestamp()):
        context["error"] = expired_message()
    return render(request, "studysessions/checkin.html", context)
