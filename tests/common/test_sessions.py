"""common.sessions: a late request carrying a session that signing in replaced does not make the
browser forget the new one; signing out still removes the cookie."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from deputies.factories import DeputyFactory

pytestmark = pytest.mark.django_db
COOKIE = settings.SESSION_COOKIE_NAME


def signed_out_with_a_session(client) -> str:
    """A browser nobody is signed in on that has a session all the same (a check-in code
    scanned before signing in keeps its moment there)."""
    session = SessionStore()
    session["checkin-scans"] = {"1": ["code", 0]}
    session.create()
    client.cookies[COOKIE] = session.session_key
    return session.session_key


def test_a_request_that_comes_with_the_session_signing_in_replaced_keeps_the_new_cookie(client):
    old = signed_out_with_a_session(client)
    client.force_login(DeputyFactory().user)
    assert client.cookies[COOKIE].value != old
    assert not Session.objects.filter(session_key=old).exists()

    # The service worker's fetch of the offline page, sent with the old cookie just before the
    # sign-in, answered after it: the page reads who is signed in (its menu).
    late = Client()
    late.cookies[COOKIE] = old
    response = late.get(reverse("offline"))
    assert response.status_code == 200
    assert COOKIE not in response.cookies  # neither deleted nor replaced
    assert "Cookie" in response["Vary"]

    # The browser's own next request, with the new cookie: still signed in.
    response = client.get(reverse("offline"))
    assert response.wsgi_request.user.is_authenticated


def test_signing_out_still_deletes_the_cookie(client):
    client.force_login(DeputyFactory().user)
    response = client.post(reverse("logout"))
    assert response.cookies[COOKIE].value == ""
    assert response.cookies[COOKIE]["max-age"] == 0
