"""The certificate as a PDF: HTML and CSS (templates/certificates/pdf.html) laid out by
WeasyPrint, with a TrueType CJK font embedded and subset, and a QR code to the public
verification page.

The font is Debian's AR PL UKai (楷体), found by `common.fonts` and embedded by `common.pdfs`.
"""

import base64
from decimal import Decimal
from urllib.parse import urljoin

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.safestring import mark_safe

from common.pdfs import write_pdf


def public_base_url() -> str:
    """Where the site is reached from outside: CERTIFICATES_BASE_URL, Wagtail's base URL, or the
    default Site. Never the request's host: rendering runs in a worker, without a request."""
    base = getattr(settings, "CERTIFICATES_BASE_URL", "") or getattr(
        settings, "WAGTAILADMIN_BASE_URL", ""
    )
    if not base:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
        base = site.root_url if site else "http://localhost"
    return base.rstrip("/") + "/"


def verification_url(certificate) -> str:
    return urljoin(public_base_url(), reverse("certificates:verify", args=[certificate.code]))


def hours_text(hours: Decimal) -> str:
    """1.0 → "1", 1.5 → "1.5"."""
    return format(hours.quantize(Decimal("0.1")).normalize(), "f")


def _seal_data_uri(template) -> str | None:
    if template.seal is None:
        return None
    rendition = template.seal.get_rendition("max-400x400|format-png")
    with rendition.file.open("rb") as f:
        data = f.read()
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def render_pdf(certificate) -> bytes:
    """The certificate's PDF, in the site's default language (the certificate is an official
    Chinese document whatever language the deputy reads the site in)."""
    template = certificate.template
    url = verification_url(certificate)
    with translation.override(settings.LANGUAGE_CODE):
        issued_on = timezone.localtime(certificate.issued_at).date()
        date_text = formats.date_format(issued_on, "DATE_FORMAT")
        # The body's {date} is when the course was done: for a certificate issued by hand, the
        # training's date; the signature below carries the day of issue.
        body = template.fill(
            name=certificate.holder_name,
            course=certificate.course_title,
            hours=hours_text(certificate.credit_hours),
            date=formats.date_format(certificate.completed_on, "DATE_FORMAT"),
        )
        # A template whose body does not give the date still says when the training was.
        training_text = (
            formats.date_format(certificate.trained_on, "DATE_FORMAT")
            if certificate.trained_on and "{date}" not in template.body
            else ""
        )
        qr = segno.make(url, error="m")
        html = render_to_string(
            "certificates/pdf.html",
            {
                "certificate": certificate,
                "template": template,
                "body": body,
                "date_text": date_text,
                "training_text": training_text,
                "expires_text": formats.date_format(certificate.expires_on, "DATE_FORMAT")
                if certificate.expires_on
                else "",
                # segno writes the SVG itself, from the URL alone: nothing user-typed in it.
                "qr_svg": mark_safe(qr.svg_inline(scale=3, border=0, dark="#000")),  # noqa: S308
                "verify_url": url,
                "seal": _seal_data_uri(template),
                "landscape": template.orientation == template.Orientation.LANDSCAPE,
            },
        )
    return write_pdf(html)
