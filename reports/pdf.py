"""The learning archive as a PDF: the same archive as the page, laid out by WeasyPrint on A4
portrait with the CJK font embedded and subset (`common.pdfs`).

Printed in the reader's language: it is the deputy's own copy of their record (to keep, or to
hand to their congress), not an official document like a certificate.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from common.pdfs import write_pdf


def render_archive_pdf(archive) -> bytes:
    html = render_to_string(
        "reports/archive_pdf.html",
        {"archive": archive, "printed_at": timezone.localtime()},
    )
    return write_pdf(html)
