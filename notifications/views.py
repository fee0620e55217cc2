"""The notification centre: the user's own notifications, opening one, marking them read; and
staff sending a notice to the deputies in their scope. Views coordinate: selectors read,
services write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from deputies.selectors import staff_or_404

from . import selectors, services
from .forms import NoticeForm, sending_token
from .models import is_site_path

# The centre shows this many; older ones are rarely wanted and would make a long page on a
# slow phone connection.
LIST_LIMIT = 50


@login_required
@never_cache
def notification_list(request):
    notifications = selectors.recent(request.user, limit=LIST_LIMIT)
    context = {
        "notifications": notifications,
        "limited": len(notifications) == LIST_LIMIT,
        "limit": LIST_LIMIT,
    }
    return render(request, "notifications/notification_list.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def open_notification(request, pk):
    """Mark one of the user's notifications read and go where it points. A plain link (GET)
    so it works from the centre and from an e-mail alike; marking one's own notification read
    is harmless if a page makes the browser do it. Only paths on this site are followed."""
    notification = selectors.own_notification(request.user, pk)
    services.mark_read(request.user, [notification.pk])
    if notification.url and is_site_path(notification.url):
        return redirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_read(request):
    """Mark all the user's notifications read, or only those posted as `notification`."""
    chosen = request.POST.getlist("notification")
    if chosen:
        services.mark_read(request.user, [int(value) for value in chosen if _is_id(value)])
    else:
        count = services.mark_read(request.user)
        if count:
            messages.success(
                request,
                ngettext(
                    "%(count)d notification marked as read.",
                    "%(count)d notifications marked as read.",
                    count,
                )
                % {"count": count},
            )
    return redirect("notifications:list")


def _is_id(value: str) -> bool:
    # Fits a bigint: a forged, longer number would be a database error, not a 404.
    return value.isascii() and value.isdigit() and len(value) <= 18


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def send_notice(request):
    """Staff write a short notice and choose deputies in their scope; the first submission
    previews how many and who, the confirming one (carrying the preview's digest) sends it,
    once (the form's token is the notice's key)."""
    staff_or_404(request.user, "Only staff send notices")
    posted = request.method == "POST"
    form = NoticeForm(request.POST if posted else None, user=request.user)
    token = sending_token(request.POST if posted else None)
    preview = digest = None
    if posted and form.is_valid():
        title, body = form.cleaned_data["title"], form.cleaned_data["body"]
        preview = selectors.audience_preview(form.chosen())
        digest = preview.digest(title, body, token)
        confirmed = request.POST.get("confirm")
        if confirmed == digest and preview.total:
            sent = services.send_notice(
                sender=request.user, audience=preview, title=title, body=body, token=token
            )
            if sent:
                messages.success(
                    request,
                    ngettext(
                        "The notice was sent to %(count)d deputy.",
                        "The notice was sent to %(count)d deputies.",
                        sent,
                    )
                    % {"count": sent},
                )
            else:
                messages.warning(request, _("This notice was sent already: nothing more was sent."))
            return redirect("send_notice")
        if confirmed:
            messages.warning(
                request,
                _("The notice or its readers changed since the preview: check it and send again."),
            )
    context = {"form": form, "token": token, "preview": preview, "digest": digest}
    status = 400 if posted and form.errors else 200
    return render(request, "notifications/send_notice.html", context, status=status)
