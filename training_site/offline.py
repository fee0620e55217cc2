"""Offline use, as a progressive web app: the web app manifest, the service worker and the two
pages it keeps for when there is no connection.

The worker's code is a static file (static/js/sw.js), but it must be served from the site's
root to look after every page, and it must know the URLs of the files it keeps, which carry a
hash of their content in production (CompressedManifestStaticFilesStorage). So a view serves
it, with those URLs written in front of it as `self.OFFLINE_CONFIG`. Any change of a kept file
changes its URL, so the worker's text, so the browser installs the new worker, which drops the
old copies.
"""

import hashlib
import json
from functools import cache, wraps

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render, resolve_url
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

# The colour of the site's header (--red in static/css/site.css) and of its page background.
THEME_COLOUR = "#b3161b"
BACKGROUND_COLOUR = "#f5f5f2"

ICONS = [
    {"src": "icons/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
    {"src": "icons/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
    {
        "src": "icons/icon-maskable-512.png",
        "sizes": "512x512",
        "type": "image/png",
        "purpose": "maskable",
    },
]

# What the worker keeps when it is installed: the look of every page and the scripts that
# work without a connection (answers, drafts, keeping pages, an inspection's findings).
SHELL_FILES = [
    "css/site.css",
    "css/offline.css",
    "css/inspections.css",
    "js/confirm.js",
    "js/offline.js",
    "js/quiz.js",
    "js/draft.js",
    "js/findings.js",
    "js/reading.js",
    "js/readaloud.js",
    "icons/icon-192.png",
]

# Pages the worker never keeps a copy of, whoever asks: the content admin, signing in and out,
# settings that redirect, staff work on other people's data, exports and downloads. (Only
# pages are ever kept: JSON answers, PDFs and files never are, nor anything but GET.)
NEVER_KEPT = [
    "/admin/",
    "/accounts/",
    "/i18n/",
    "/display/",
    "/staff/",
    "/dashboard/",
    "/exports/",
    "/archive/deputies/",
    "/study/staff/",
    "/study/checkin/",
    "/verify/",
    "/documents/",
    "/healthz",
]


# Pages marked `no-store` that the worker keeps all the same: a draft (proposals' draft page
# is `never_cache`, so that the browser never shows an old one online), because without a
# connection an older copy is all there is, and static/js/draft.js puts back over it the newer
# text and version kept on the phone.
KEPT_DESPITE_NO_STORE = ["/proposals/drafts/"]


@require_GET
def manifest(request):
    """The web app manifest, in the language the page linking it was shown in (`?lang=`),
    else the reader's: the name under the icon on the home screen."""
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language()
    with translation.override(language):
        body = {
            "id": "/",
            "name": _("Deputy training platform"),
            "short_name": _("Deputy training"),
            "description": _(
                "Lessons, law texts, quizzes and writing practice for people's congress deputies."
            ),
            "lang": language,
            "dir": "ltr",
            "start_url": "/",
            "scope": "/",
            "display": "standalone",
            "theme_color": THEME_COLOUR,
            "background_color": BACKGROUND_COLOUR,
            "icons": [{**icon, "src": static(icon["src"])} for icon in ICONS],
        }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    response["Cache-Control"] = "no-cache"
    return response


@cache
def _worker_source() -> str:
    """static/js/sw.js as written (read once; DEBUG reads it on every request)."""
    path = finders.find("js/sw.js")
    if path:
        with open(path, encoding="utf-8") as source:
            return source.read()
    with staticfiles_storage.open("js/sw.js") as source:  # collected, no source tree
        return source.read().decode("utf-8")


def worker_config() -> dict:
    """What the worker must know of this site: the URLs it keeps at install, the offline pages,
    the sign-in page and the paths it never keeps. `version` changes with any of them."""
    config = {
        "shell": [static(name) for name in SHELL_FILES],
        "offlinePage": reverse("offline"),
        "keptPage": reverse("offline_kept"),
        "loginUrl": resolve_url(settings.LOGIN_URL),
        "staticUrl": settings.STATIC_URL,
        "mediaUrl": settings.MEDIA_URL,
        "neverKept": NEVER_KEPT,
        "keptDespiteNoStore": KEPT_DESPITE_NO_STORE,
    }
    if settings.DEBUG:
        _worker_source.cache_clear()
    digest = hashlib.sha256(json.dumps(config, sort_keys=True).encode())
    digest.update(_worker_source().encode())
    return {"version": digest.hexdigest()[:12], **config}


@require_GET
def service_worker(request):
    """/sw.js: at the root, so that it may look after every page of the site. `no-cache`: the
    browser asks each time whether it changed, so a deploy reaches phones at their next visit."""
    config = json.dumps(worker_config(), indent=1)
    body = f"self.OFFLINE_CONFIG = {config};\n\n{_worker_source()}"
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


def leaves_csrf_cookie(view):
    """The worker fetches the offline pages in the background (when it is installed, and when the
    reader changes language) with the cookies the phone has at that moment. On a slow line the
    answer can come after the reader has signed in, which gave the phone a new CSRF cookie; had
    the answer set the cookie again, it would put back the old one, and the next form the reader
    sends would be refused. These pages' forms are only ever sent from a fresh copy, so their
    answers never set the cookie."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        # Django's own flag (django.middleware.csrf.get_token): send the cookie with the answer.
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
        return response

    return wrapped


@leaves_csrf_cookie
def offline(request):
    """What a page not kept on this phone shows when there is no connection. The worker keeps
    it in the reader's language."""
    return render(request, "offline/offline.html")


@leaves_csrf_cookie
def kept(request):
    """The pages kept on this phone. The list lives in the phone's own storage, so the page's
    script fills it in; without the script the page says that keeping needs it."""
    return render(request, "offline/kept.html")
