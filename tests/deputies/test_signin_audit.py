"""Password resets and sign-in codes are written to the audit log, in the same transaction as
the change, and the log page reads them in Chinese and in English."""

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from deputies.factories import PASSWORD
from deputies.models import SignInLink
from deputies.services import create_signin_link, reset_password

LOG = reverse("audit:log")


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


def test_a_password_reset_from_the_deputy_page_is_logged(client, station_staff, deputy):
    client.force_login(station_staff)

    assert client.post(reverse("deputy_reset_password", args=[deputy.pk])).status_code == 200

    (entry,) = entries(Action.PASSWORD_RESET)
    assert (entry.actor, entry.actor_name) == (station_staff, "站务员")
    assert (entry.deputy, entry.county) == (deputy, deputy.township.county)
    assert entry.detail == {"deputy": "王秀英"}


def test_a_sign_in_code_from_the_deputy_page_is_logged_with_its_expiry(
    client, township_staff, deputy
):
    client.force_login(township_staff)

    assert client.post(reverse("deputy_signin_link", args=[deputy.pk])).status_code == 200

    link = SignInLink.objects.get()
    (entry,) = entries(Action.SIGNIN_CODE_CREATED)
    assert (entry.actor, entry.deputy, entry.county) == (
        township_staff,
        deputy,
        deputy.township.county,
    )
    expires = timezone.localtime(link.expires_at).strftime("%Y-%m-%d %H:%M")
    assert entry.detail == {"deputy": "王秀英", "expires": expires, "note": ""}


def test_refused_resets_and_codes_leave_no_entry(client, station_staff, other_station_deputy):
    client.force_login(station_staff)

    client.post(reverse("deputy_reset_password", args=[other_station_deputy.pk]))
    client.post(reverse("deputy_signin_link", args=[other_station_deputy.pk]))

    assert not AuditEntry.objects.filter(
        action__in=[Action.PASSWORD_RESET, Action.SIGNIN_CODE_CREATED]
    ).exists()


def test_without_its_entry_a_reset_is_not_made(monkeypatch, deputy, station_staff):
    """Same transaction: when the entry cannot be written, the password stays as it was."""

    def broken(*args, **kwargs):
        raise RuntimeError("the log is full")

    monkeypatch.setattr("audit.services.AuditEntry.objects.create", broken)

    with pytest.raises(RuntimeError):
        reset_password(user=deputy.user, by=station_staff)
    with pytest.raises(RuntimeError):
        create_signin_link(user=deputy.user, created_by=station_staff)

    deputy.user.refresh_from_db()
    assert deputy.user.check_password(PASSWORD) and not deputy.user.must_change_password
    assert not SignInLink.objects.exists()


@pytest.fixture
def logged(deputy, station_staff):
    reset_password(user=deputy.user, by=station_staff)
    create_signin_link(user=deputy.user, created_by=station_staff)


def test_the_log_reads_resets_and_codes_in_chinese(client, county_officer, logged):
    client.force_login(county_officer)

    page = client.get(LOG).text

    assert "密码已重置" in page and "王秀英：已发放临时密码。" in page
    assert "生成登录码" in page and "王秀英：一次性登录码，有效期至" in page


def test_the_log_reads_resets_and_codes_in_english(english, county_officer, logged):
    english.force_login(county_officer)

    page = english.get(LOG).text

    assert "Password reset" in page and "王秀英: a temporary password was given." in page
    assert "Sign-in code created" in page and "王秀英: a one-time sign-in code, valid until" in page
