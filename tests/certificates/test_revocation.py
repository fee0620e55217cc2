"""Revoking: the officer chooses a category, which the public verification page shows, and
writes a reason for staff, which it never shows."""

import importlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import revoke

INTERNAL = "身份证号录错，经张科长核实后收回"


def revoke_on_the_page(client, officer, certificate, **data):
    client.force_login(officer)
    return client.post(reverse("certificates:staff_revoke", args=[certificate.pk]), data)


def verify_page(certificate, language="en"):
    """The public page, as a visitor who is not signed in reads it."""
    visitor = Client()
    visitor.cookies["django_language"] = language
    return visitor.get(reverse("certificates:verify", args=[certificate.code]))


@pytest.mark.parametrize(
    ("category", "english_label", "chinese_label"),
    [
        ("error", "Issued in error", "误发"),
        ("details", "Wrong details", "信息有误"),
        ("reissued", "Re-issued", "重新颁发"),
        ("other", "Other", "其他"),
    ],
)
def test_the_public_page_shows_the_category_and_never_the_internal_reason(
    english, county_officer, certificate, category, english_label, chinese_label
):
    revoke_on_the_page(english, county_officer, certificate, category=category, reason=INTERNAL)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED

    in_english = verify_page(certificate)
    in_chinese = verify_page(certificate, "zh-hans")

    for page in (in_english, in_chinese):
        assert INTERNAL not in page.text
        assert "张科长" not in page.text
    assert "was revoked on" in in_english.text
    assert f"Reason: {english_label}" in in_english.text
    assert f"原因：{chinese_label}" in in_chinese.text


def test_staff_see_the_category_and_the_internal_reason(english, county_officer, certificate):
    revoke_on_the_page(english, county_officer, certificate, category="details", reason=INTERNAL)

    page = english.get(reverse("certificates:staff_deputy", args=[certificate.deputy_id]))

    assert "Revoked · Wrong details" in page.text
    assert INTERNAL in page.text


def test_the_form_asks_for_a_category_and_a_reason(english, county_officer, certificate):
    for data in (
        {"reason": INTERNAL},
        {"category": "no-such-category", "reason": INTERNAL},
        {"category": "error", "reason": " "},
    ):
        response = revoke_on_the_page(english, county_officer, certificate, **data)
        assert response.status_code == 302
        page = english.get(response["Location"])
        assert "Choose why the certificate is revoked and give the reason" in page.text
        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.VALID


def test_the_form_offers_the_four_categories_and_says_who_sees_what(
    english, county_officer, certificate
):
    english.force_login(county_officer)

    page = english.get(reverse("certificates:staff_deputy", args=[certificate.deputy_id]))

    for label in ("Issued in error", "Wrong details", "Re-issued", "Other"):
        assert f">{label}</option>" in page.text
    assert "Shown on the public verification page." in page.text
    assert "Staff see it; the verification page does not." in page.text


def test_revoking_records_the_category_in_the_audit_log(certificate, county_officer):
    from audit.models import AuditEntry

    revoke(certificate=certificate, category="error", reason=INTERNAL, by=county_officer)

    entry = AuditEntry.objects.get(action="certificate_revoked")
    assert entry.detail["category"] == "error"
    assert entry.detail["reason"] == INTERNAL


def test_existing_revocations_become_other_and_keep_their_text_internal(
    english, certificate, county_officer
):
    revoke(certificate=certificate, reason=INTERNAL, by=county_officer)
    # As a revocation made before categories existed: no category.
    Certificate.objects.filter(pk=certificate.pk).update(revoked_category="")
    migration = importlib.import_module("certificates.migrations.0005_revocation_category")

    migration.existing_revocations_are_other(apps, schema_editor=None)

    certificate.refresh_from_db()
    assert certificate.revoked_category == "other"
    assert certificate.revoked_reason == INTERNAL
    page = verify_page(certificate)
    assert "Reason: Other" in page.text
    assert INTERNAL not in page.text
    # Certificates never revoked keep no category.
    assert not Certificate.objects.exclude(status="revoked").exclude(revoked_category="").exists()
