"""Every URL of the project against every role, with the answer each must get (matrix.py).

A URL added without an entry in MATRIX fails `test_every_url_has_an_entry`, naming it.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .matrix import DENIALS, LOGIN, MATRIX, NOT_FOUND, OK, OUTSIDERS, REDIRECT, ROLES

# Includes with hundreds of URLs of their own: one entry each, asked with representative URLs.
WHOLE_INCLUDES = {"wagtail.admin.urls", "wagtail.documents.urls", "wagtail.urls"}

# Pages a visitor who has not signed in may open. Making another page public takes an edit
# here as well as in the matrix.
PUBLIC = {
    "favicon",
    "healthz",
    "manifest",
    "service_worker",
    "offline",
    "offline_kept",
    "search",
    "toggle_large_font",
    "set_language",
    "login",
    "logout",
    "signin_link",
    "studysessions:feed",
    "certificates:verify_form",
    "certificates:verify",
    "wagtail.documents.urls",
    "wagtail.urls",
    "page",
}

# Pages every signed-in person may open (their own notifications, certificates, the gallery).
SIGNED_IN_PAGES = {
    "home",
    "me",
    "password_change",
    "notifications:list",
    "notifications:mark_read",
    "proposals:gallery",
    "proposals:example",
    "certificates:mine",
}

# Pages no one of the nine may open: only a superuser.
SUPERUSER_ONLY = {
    "dashboard:all",
    "dashboard:all_export",
    "places:county_create",
    "places:county_delete",
    "places:editor_appoint",
}


def url_keys(resolver=None, namespace="", prefix="") -> dict[str, str]:
    """Every URL of the project: its `namespace:name` (or route, if unnamed) and its route."""
    resolver = resolver or get_resolver()
    keys = {}
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_name, "__name__", None)
            if module in WHOLE_INCLUDES:
                keys[module] = route
                continue
            inner = pattern.namespace
            inner = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            keys.update(url_keys(pattern, inner, route))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            keys[name or route] = route
    return keys


def test_every_url_has_an_entry():
    missing = sorted(set(url_keys()) - set(MATRIX))
    assert not missing, f"URLs without an entry in tests/security/matrix.py: {missing}"


def test_every_entry_is_a_url():
    gone = sorted(set(MATRIX) - set(url_keys()))
    assert not gone, f"Entries in tests/security/matrix.py for URLs that are gone: {gone}"


def answer_of(response) -> str:
    """What the person was answered, in the matrix's words."""
    if response.status_code == 200:
        return OK
    if response.status_code in (301, 302):
        target = urlsplit(response["Location"])
        to_sign_in = target.path in (reverse("login"), reverse("wagtailadmin_login"))
        # Sent to sign in and come back: a refusal. Signing out also ends on the sign-in page.
        return LOGIN if to_sign_in and "next=" in target.query else REDIRECT
    return str(response.status_code)


def ask(client, world, entry) -> list[tuple[str, bytes]]:
    """Send the entry's requests: what each was answered, and its body."""
    found = []
    for probe in entry.probes:
        send = getattr(client, probe.method)
        response = send(probe.path(world), probe.data(world) if probe.data else {})
        # A streamed file is read to the end: the test client closes it only then.
        streamed = response.streaming
        body = b"".join(response.streaming_content) if streamed else response.content
        found.append((answer_of(response), body))
    return found


def _cases():
    for key, entry in MATRIX.items():
        for role in ROLES:
            marks = ()
            if role in entry.bugs:
                marks = pytest.mark.xfail(strict=True, reason=f"BUG: {entry.bugs[role]}")
            yield pytest.param(key, role, id=f"{key}-{role}", marks=marks)


@pytest.mark.parametrize(("key", "role"), list(_cases()))
def test_access(client, world, db, settings, key, role):
    entry = MATRIX[key]
    for name, value in entry.settings.items():
        setattr(settings, name, value)
    expected = entry.expect[role]
    world.sign_in(client, role)
    found = ask(client, world, entry)
    answers = [answer for answer, _body in found]
    assert answers == [expected] * len(entry.probes), f"{key} for {role}: {entry.why}"
    if role in OUTSIDERS and not entry.names_the_deputy:
        # Let in or not, they learn nothing of the deputy: no name, no mobile number.
        deputy = world.deputy.user
        for _answer, body in found:
            text = body.decode(errors="replace")
            assert deputy.name not in text and deputy.mobile not in text, (key, role)


def test_superuser_only_pages(client, world, db, superuser):
    client.force_login(superuser)
    for key in SUPERUSER_ONLY:
        assert [answer for answer, _ in ask(client, world, MATRIX[key])] == [OK], key


def test_the_matrix_is_not_trivially_passable():
    """Each entry lets someone in and keeps someone out, and only the pages listed as public
    let an anonymous visitor in."""
    assert set(MATRIX) >= PUBLIC | SIGNED_IN_PAGES | SUPERUSER_ONLY
    for key, entry in MATRIX.items():
        assert set(entry.expect) == set(ROLES), key
        let_in = {role for role, answer in entry.expect.items() if answer not in DENIALS}
        assert let_in or key in SUPERUSER_ONLY, f"{key}: nobody gets in"
        if key in PUBLIC:
            assert "anonymous" in let_in, key
        else:
            assert entry.expect["anonymous"] == LOGIN, f"{key}: open to anonymous visitors"
        assert set(entry.bugs) <= set(ROLES), key
    # Personal and staff pages keep most people out: no entry outside the public and
    # signed-in ones lets every signed-in role in.
    for key, entry in MATRIX.items():
        members = {entry.expect[role] for role in ROLES if role != "anonymous"}
        if DENIALS.isdisjoint(members):
            assert key in PUBLIC or key in SIGNED_IN_PAGES, f"{key}: open to every role"
    assert {e.expect["deputy"] for e in MATRIX.values()} >= {OK, REDIRECT, NOT_FOUND}


def test_the_deputy_is_found_where_shown(client, world, db):
    """The check that outsiders learn nothing of the deputy looks for what a page shows."""
    world.sign_in(client, "county_officer")
    found = ask(client, world, MATRIX["deputy_detail"])
    assert found[0][0] == OK
    text = found[0][1].decode()
    assert world.deputy.user.name in text and world.deputy.user.mobile in text


def test_the_admin_keeps_editors_from_user_accounts(client, world, db):
    """The admin is one entry, asked at its home page; its one page of personal data, the
    user accounts, is not the editors'."""
    client.force_login(world.users["editor"])
    response = client.get("/admin/users/")
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
