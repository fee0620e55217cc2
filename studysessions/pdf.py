"""The printed sign-in sheet (签到表): the session, then one row per invited deputy with a
column to sign, laid out by WeasyPrint with the CJK font embedded and subset.

Printed in the site's default language: it is a paper record kept at the station.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from common.pdfs import write_pdf


def render_sign_in_sheet(session, invitations) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        starts = timezone.localtime(session.starts_at)
        ends = timezone.localtime(session.ends_at)
        html = render_to_string(
            "studysessions/sign_in_sheet.html",
            {
                "session": session,
                "rows": invitations,
                "when": f"{formats.date_format(starts, 'DATE_FORMAT')} {starts:%H:%M}–{ends:%H:%M}",
            },
        )
    return write_pdf(html)
