"""The learning archive as a PDF: the same archive as the page, laid out by WeasyPrint on A4
portrait with the CJK font embedded and subset (`common.fonts`).

Printed in the reader's language: it is the deputy's own copy of their record (to keep, or to
hand to their congress), not an official document like a certificate.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from common.fonts import font_path


def render_archive_pdf(archive) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "reports/archive_pdf.html",
        {"archive": archive, "printed_at": timezone.localtime(), "font_url": font_path().as_uri()},
    )
    return HTML(string=html).write_pdf()
