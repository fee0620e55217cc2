"""The content security policy: the site's pages allow only their own scripts and styles, none
inline; the content admin gets its looser policy; and no template this project serves holds an
inline script, style or event handler (the browser tests also fail on any CSP refusal)."""

import re
from pathlib import Path

from django.conf import settings
from django.test import RequestFactory
from django.views.defaults import server_error

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Rendered by WeasyPrint into PDFs, never sent to a browser: they may style themselves.
PDF_TEMPLATES = {
    "certificates/pdf.html",
    "deliberation/groups/summary_pdf.html",
    "reports/archive_pdf.html",
    "studysessions/sign_in_sheet.html",
}
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"\sstyle=\"", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+=\"", re.I), "an event-handler attribute"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_the_sites_pages_allow_only_their_own_files(client):
    rules = policy(client.get("/accounts/login/"))

    assert rules["script-src"] == ["'self'"]
    assert rules["style-src"] == ["'self'"]
    assert rules["default-src"] == ["'self'"]
    assert rules["frame-ancestors"] == ["'none'"]
    assert rules["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in str(rules) and "'unsafe-eval'" not in str(rules)


def test_the_content_admin_gets_its_own_policy(client, editor):
    client.force_login(editor)

    rules = policy(client.get("/admin/"))

    assert "script-src" not in rules  # Wagtail's inline scripts
    assert rules["object-src"] == ["'none'"] and rules["frame-ancestors"] == ["'self'"]


def test_no_served_template_holds_inline_script_or_style():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name in PDF_TEMPLATES:
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{name}: {what}" for pattern, what in INLINE if pattern.search(text)]
    assert not found, "\n".join(found)


def test_the_scan_finds_what_it_looks_for():
    samples = [
        "<script>alert(1)</script>",
        "<style>p{}</style>",
        '<p style="color:red">',
        '<a onclick="go()">',
        '<a href="javascript:go()">',
    ]
    for sample, (pattern, _what) in zip(samples, INLINE, strict=True):
        assert pattern.search(sample), sample
    assert not INLINE[0][0].search('<script src="/static/js/quiz.js" defer></script>')


def test_the_server_error_page_is_styled_by_the_site_stylesheet():
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert b"css/site" in response.content and b"style=" not in response.content
