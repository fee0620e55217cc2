"""Django's session middleware, but a request that comes with a session already gone leaves the
browser's session cookie alone: only the request that emptied the session (signing out) deletes
the cookie.

Why: signing in replaces the session (a new key; the old session deleted). A request the browser
sent with the old cookie a moment before reaches the server after that and finds no session;
Django answers it by deleting the cookie, and if that answer arrives after the sign-in's, the
browser forgets the new session as well: the reader is signed out again at the next step. On
this site the old cookie is that of someone signed out who scanned a check-in code (the scan is
kept in their session), and the request is the service worker keeping the offline pages while
the sign-in page is open: the likely cause of a deputy who signed in, tapped "Check in" and got
the sign-in page again (tests/e2e/test_group_study.py failed so, 1 run in 5).

A cookie left that names no session costs nothing more than Django's own handling of it: each
request looks the key up, finds nothing and carries on signed out, until the cookie's own age
ends it or a sign-in replaces it.
"""

from django.conf import settings
from django.contrib.sessions import middleware
from django.utils.cache import patch_vary_headers


class SessionMiddleware(middleware.SessionMiddleware):
    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if (
            session is not None
            and settings.SESSION_COOKIE_NAME in request.COOKIES
            and not session.modified  # emptied by this request (flush, clear) is modified
            and session.is_empty()  # a key was sent, and found no session
        ):
            if session.accessed:
                patch_vary_headers(response, ("Cookie",))
            return response
        return super().process_response(request, response)
