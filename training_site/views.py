"""Site-wide views: the home page fitted to the role, display settings, health."""

import logging

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from certificates.selectors import expiring_soon
from common.pages import site_for
from courses.programme_selectors import my_programmes
from courses.selectors import my_learning
from deputies.selectors import deputy_of, home_overview, scope_for, with_places
from quizzes.practice.selectors import due_today

from .context_processors import LARGE_FONT_COOKIE

logger = logging.getLogger(__name__)


@login_required
def home(request):
    user = request.user
    scope = scope_for(user)
    deputy = deputy_of(user)
    if deputy is not None:
        with_places(deputy)  # the heading names both
        site_for(request)  # the links to their lessons find the site in the cache
    context = {
        "deputy": deputy,
        "learning": my_learning(deputy) if deputy else [],
        "programmes": my_programmes(deputy) if deputy else [],
        "practice_due": due_today(deputy).count() if deputy else 0,
        "expiring": expiring_soon(deputy) if deputy else [],
        "scope": scope,
        "overview": home_overview(user) if scope.is_staff else None,
    }
    return render(request, "training_site/home.html", context)


@login_required
def me(request):
    """我的: on a phone, everything the bottom tab bar leaves out, as large rows grouped by
    purpose (training_site/menu.py), with the account's own actions at the end."""
    # The sections come with the menu's own flags (`nav.me_sections`, from the context
    # processor), so the page reads the page tree and the unread count once, as every page does.
    return render(request, "training_site/me.html", {"deputy": deputy_of(request.user)})


def favicon(request):
    """Browsers ask for /favicon.ico on every site whatever the page says: send them to the
    icon among the static files, where WhiteNoise serves it with its long cache headers."""
    return redirect(static("icons/favicon.ico"), permanent=True)


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


# A write every engine must accept and that touches no row: the table is always there once
# migrated; `WHERE 1 = 0` matches nothing, so no row is locked, written or left behind, and no
# table grows. The database still refuses it where it refuses writes: SQLite takes its write
# lock for it (SQLITE_READONLY on a read-only file or disk), PostgreSQL checks a read-only
# transaction (a hot standby, default_transaction_read_only) before looking at any row.
_WRITE_PROBE = "UPDATE {table} SET app = app WHERE 1 = 0"


def _unavailable(database: str, reason: str) -> JsonResponse:
    return JsonResponse(
        {"status": "unavailable", "database": database, "reason": reason}, status=503
    )


@never_cache
def healthz(request):
    """200 while the database reads and accepts a write; 503 with a short reason when either
    fails (for load balancers and monitors). The write is rolled back. The reason is the same
    few words whatever the error: the page is public, and the error may name hosts."""
    table = connection.ops.quote_name(MigrationRecorder.Migration._meta.db_table)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")  # noqa: S608 (a model's table)
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("Health check: the database does not answer a read: %s", exc)
        return _unavailable("down", "the database does not answer")
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_WRITE_PROBE.format(table=table))
            transaction.set_rollback(True)
    except DatabaseError as exc:
        logger.warning("Health check: the database refuses a write: %s", exc)
        return _unavailable("refuses writes", "the database refuses writes")
    return JsonResponse({"status": "ok", "database": "up"})


def too_many_requests(request, exception=None):
    """What a rate-limited page answers (django-ratelimit's RATELIMIT_VIEW): 429, with a page
    that says to wait rather than a bare error."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response
