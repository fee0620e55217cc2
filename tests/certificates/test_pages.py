import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.factories import CertificateFactory
from certificates.models import Certificate
from certificates.services import reissue, revoke


def strip_tokens(html):
    """A page's text without its CSRF tokens, which are masked afresh in every response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def sign_in(client, user):
    client.force_login(user)
    return client


def test_deputy_lists_and_downloads_own_certificates(
    english, deputy, certificate, django_assert_max_num_queries
):
    sign_in(english, deputy.user)
    with django_assert_max_num_queries(10):
        response = english.get(reverse("certificates:mine"))
    assert response.status_code == 200
    assert certificate.serial in response.text
    assert "Download PDF" in response.text
    response = english.get(reverse("certificates:download", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_listing_queries_do_not_grow(
    english, deputy, course, template, county_officer, django_assert_num_queries
):
    sign_in(english, deputy.user)
    english.get(reverse("certificates:mine"))  # warm the caches (section URLs)
    CertificateFactory(deputy=deputy, course=course, by=county_officer)
    with CaptureQueriesContext(connection) as one:
        english.get(reverse("certificates:mine"))
    reissue(certificate=Certificate.objects.get(), by=county_officer)
    reissue(certificate=Certificate.objects.valid().get(), by=county_officer)
    with django_assert_num_queries(len(one)):
        response = english.get(reverse("certificates:mine"))
    assert response.text.count("Verification page") == 3


def test_certificate_still_rendering_says_so(english, deputy, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(sha256="", pdf="")
    sign_in(english, deputy.user)
    response = english.get(reverse("certificates:mine"))
    assert "being prepared" in response.text
    download = english.get(reverse("certificates:download", args=[certificate.pk]))
    assert download.status_code == 404


def test_deputy_cannot_download_another_deputys_certificate(
    client, other_station_deputy, certificate
):
    sign_in(client, other_station_deputy.user)
    response = client.get(reverse("certificates:download", args=[certificate.pk]))
    assert response.status_code == 404


def test_signed_out_visitor_cannot_download(client, certificate):
    response = client.get(reverse("certificates:download", args=[certificate.pk]))
    assert response.status_code == 302


def test_verify_valid_without_signing_in(english, certificate, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = english.get(reverse("certificates:verify", args=[certificate.code]))
    assert response.status_code == 200
    assert "This certificate is valid." in response.text
    assert "王*英" in response.text
    assert "王秀英" not in response.text
    assert certificate.serial in response.text
    assert certificate.sha256 in response.text
    assert "代表法入门" in response.text


def test_verify_revoked(english, certificate, county_officer):
    revoke(
        certificate=certificate,
        category=Certificate.RevocationCategory.WRONG_DETAILS,
        reason="信息有误，已更正",
        by=county_officer,
    )
    response = english.get(reverse("certificates:verify", args=[certificate.code]))
    assert "was revoked on" in response.text
    assert "Reason: Wrong details" in response.text
    # The officer's own words are for staff (test_revocation.py).
    assert "已更正" not in response.text


def test_verify_replaced(english, certificate, county_officer):
    new = reissue(certificate=certificate, by=county_officer)
    old_page = english.get(reverse("certificates:verify", args=[certificate.code]))
    assert "replaced by a newer one" in old_page.text
    assert new.code not in old_page.text  # the old code does not lead to the new one
    assert (
        "This certificate is valid."
        in english.get(reverse("certificates:verify", args=[new.code])).text
    )


def test_verify_expired(english, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_on=timezone.localdate() - timezone.timedelta(days=1)
    )
    response = english.get(reverse("certificates:verify", args=[certificate.code]))
    assert "This certificate expired on" in response.text


def test_unknown_code_and_serial_are_the_same_404(client, certificate):
    unknown = client.get(reverse("certificates:verify", args=["A" * 22]))
    by_serial = client.get(reverse("certificates:verify", args=[certificate.serial]))
    nearly = client.get(reverse("certificates:verify", args=[certificate.code[:-1]]))
    assert unknown.status_code == by_serial.status_code == nearly.status_code == 404
    # Each page gives back what was typed; apart from that they are the same page.
    pages = [
        strip_tokens(r.text).replace(typed, "")
        for r, typed in zip(
            (unknown, by_serial, nearly),
            ("A" * 22, certificate.serial, certificate.code[:-1]),
            strict=True,
        )
    ]
    assert pages[0] == pages[1] == pages[2]


def test_code_form_leads_to_the_certificate(english, certificate):
    response = english.get(reverse("certificates:verify_form"), {"code": f" {certificate.code} "})
    assert response.status_code == 302
    assert response.url == reverse("certificates:verify", args=[certificate.code])


def full_width(text):
    """As a Chinese input method in full-width mode types it."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def test_typing_slips_are_forgiven_but_case_is_not(english, certificate):
    certificate.code = "Ab3-xY_9kLmN0pQrStUv-w"
    certificate.save(update_fields=["code"])
    url = reverse("certificates:verify", args=[certificate.code])
    form = reverse("certificates:verify_form")
    for typed in (
        "Ab3-xY_9 kLmN 0pQr StUv-w",  # read out in groups
        full_width(certificate.code) + "\u3000",  # full-width, with an ideographic space
        "Ab3\u2014xY_9kLmN0pQrStUv\u2013w",  # a word processor's dashes
        f"https://example.org{url}",  # the link itself, pasted
    ):
        response = english.get(form, {"code": typed})
        assert (response.status_code, response.url) == (302, url), typed
    # The code is base64: "ab3-..." is another code, so case is never folded.
    assert english.get(form, {"code": certificate.code.lower()}).status_code == 404
    # A code typed into the address bar with a slip leads to the proper address.
    slipped = english.get(url.replace(certificate.code, full_width(certificate.code)))
    assert (slipped.status_code, slipped.url) == (302, url)


def test_a_mistyped_code_gets_the_form_back_with_what_was_typed(
    client, certificate, django_assert_max_num_queries
):
    typed = certificate.code[:-1] + ("x" if certificate.code[-1] != "x" else "y")
    # The lookup, and Wagtail's redirects (site, redirect by path twice) as on any 404.
    with django_assert_max_num_queries(4):
        response = client.get(reverse("certificates:verify_form"), {"code": f" {typed} "})
    assert response.status_code == 404
    assert "未找到该核验码，请核对。" in response.text
    assert f'value=" {typed} "' in response.text  # what was typed, to correct it
    assert 'autocapitalize="none"' in response.text
    assert '<meta name="robots" content="noindex">' in response.text
    # Reached by address (an old link, a code typed in the address bar): the same answer.
    by_address = client.get(reverse("certificates:verify", args=[typed]))
    assert by_address.status_code == 404
    assert "未找到该核验码，请核对。" in by_address.text
    assert f'value="{typed}"' in by_address.text
    # The form still works from there.
    assert "请核对" not in client.get(reverse("certificates:verify_form")).text


def _upload(client, certificate, data):
    return client.post(
        reverse("certificates:verify", args=[certificate.code]),
        {"file": SimpleUploadedFile("c.pdf", data, content_type="application/pdf")},
    )


def test_upload_of_the_issued_pdf_matches(english, certificate):
    with certificate.pdf.open("rb") as f:
        data = f.read()
    response = _upload(english, certificate, data)
    assert "exactly the issued certificate" in response.text


def test_tampered_pdf_is_detected(english, certificate):
    with certificate.pdf.open("rb") as f:
        data = bytearray(f.read())
    data[len(data) // 2] ^= 0x01
    response = _upload(english, certificate, bytes(data))
    assert "not the issued file" in response.text


def test_oversized_upload_is_refused(english, certificate):
    response = _upload(english, certificate, b"%PDF-" + b"0" * (2 * 1024 * 1024 + 1))
    assert "too large" in response.text
    assert "exactly the issued" not in response.text


def test_county_officer_revokes_and_reissues(english, county_officer, certificate):
    sign_in(english, county_officer)
    page = english.get(reverse("certificates:staff_deputy", args=[certificate.deputy_id]))
    assert page.status_code == 200
    assert "Revoke" in page.text
    english.post(reverse("certificates:staff_reissue", args=[certificate.pk]))
    new = Certificate.objects.valid().get()
    english.post(
        reverse("certificates:staff_revoke", args=[new.pk]),
        {"category": "reissued", "reason": "重复颁发"},
    )
    new.refresh_from_db()
    assert new.status == Certificate.Status.REVOKED
    assert new.revoked_by == county_officer


def test_staff_list_query_count(
    english, county_officer, certificate, django_assert_max_num_queries
):
    sign_in(english, county_officer)
    english.get(reverse("certificates:staff_list"))  # warm the caches (site, content types)
    with django_assert_max_num_queries(11):  # +1: the unread-notifications badge in the menu
        response = english.get(reverse("certificates:staff_list"))
    assert certificate.serial in response.text


def test_staff_outside_scope_cannot_see_or_revoke(
    client, other_county_deputy, course, template, certificate, county_officer
):
    from deputies.factories import UserFactory
    from deputies.models import StaffRole
    from deputies.services import grant_role

    outsider = UserFactory(name="外县干部", mobile="13700000099")
    grant_role(user=outsider, kind=StaffRole.Kind.COUNTY, place=other_county_deputy.township.county)
    sign_in(client, outsider)
    assert (
        client.get(reverse("certificates:staff_deputy", args=[certificate.deputy_id])).status_code
        == 404
    )
    assert client.get(reverse("certificates:download", args=[certificate.pk])).status_code == 404
    response = client.post(
        reverse("certificates:staff_revoke", args=[certificate.pk]), {"reason": "x"}
    )
    assert response.status_code == 404
    assert (
        client.post(reverse("certificates:staff_reissue", args=[certificate.pk])).status_code == 404
    )
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID


def test_station_staff_see_but_cannot_revoke(client, station_staff, certificate):
    sign_in(client, station_staff)
    page = client.get(reverse("certificates:staff_deputy", args=[certificate.deputy_id]))
    assert page.status_code == 200
    response = client.post(
        reverse("certificates:staff_revoke", args=[certificate.pk]), {"reason": "x"}
    )
    assert response.status_code == 404


def test_deputy_cannot_reach_staff_pages(client, deputy, other_certificate):
    sign_in(client, deputy.user)
    assert client.get(reverse("certificates:staff_list")).status_code == 404
    assert (
        client.get(
            reverse("certificates:staff_deputy", args=[other_certificate.deputy_id])
        ).status_code
        == 404
    )


def test_verification_is_rate_limited_per_address(english, certificate, settings):
    settings.VERIFY_RATE = "3/m"
    url = reverse("certificates:verify", args=[certificate.code])
    for _ in range(3):
        assert english.get(url).status_code == 200
    refused = english.get(url)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "Too many requests" in refused.text
    # Guessing codes counts against the same limit, and another address is not held back.
    assert english.get(reverse("certificates:verify", args=["x" * 22])).status_code == 429
    assert english.get(reverse("certificates:verify_form")).status_code == 429
    assert english.get(url, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_uploads_have_their_own_lower_limit(english, certificate, settings):
    settings.VERIFY_UPLOAD_RATE = "2/m"
    for _ in range(2):
        assert _upload(english, certificate, b"%PDF-1.7 not ours").status_code == 200
    assert _upload(english, certificate, b"%PDF-1.7 not ours").status_code == 429
    # Reading the record is still allowed.
    assert english.get(reverse("certificates:verify", args=[certificate.code])).status_code == 200
