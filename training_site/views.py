"""Site-wide views: the home page fitted to the role, display settings, health."""

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from certificates.selectors import expiring_soon
from courses.selectors import my_learning
from deputies.selectors import deputy_of, home_overview, scope_for
from quizzes.practice import due_today

from .context_processors import LARGE_FONT_COOKIE


@login_required
def home(request):
    user = request.user
    scope = scope_for(user)
    deputy = deputy_of(user)
    context = {
        "deputy": deputy,
        "learning": my_learning(deputy) if deputy else [],
        "practice_due": due_today(deputy).count() if deputy else 0,
        "expiring": expiring_soon(deputy) if deputy else [],
        "scope": scope,
        "overview": home_overview(user) if scope.is_staff else None,
    }
    return render(request, "training_site/home.html", context)


@require_POST
def toggle_large_font(request):
    """Switch large-font mode and go back where the reader was."""
    on = request.COOKIES.get(LARGE_FONT_COOKIE) != "1"
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = redirect(target)
    if on:
        response.set_cookie(
            LARGE_FONT_COOKIE, "1", max_age=60 * 60 * 24 * 365, samesite="Lax", httponly=True
        )
    else:
        response.delete_cookie(LARGE_FONT_COOKIE, samesite="Lax")
    return response


@never_cache
def healthz(request):
    """200 while the database answers, 503 when it does not (for load balancers and monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def too_many_requests(request, exception=None):
    """What a rate-limited page answers (django-ratelimit's RATELIMIT_VIEW): 429, with a page
    that says to wait rather than a bare error."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response
