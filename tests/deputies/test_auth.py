import hashlib
import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deputies.factories import PASSWORD
from deputies.models import SignInLink, User
from deputies.services import create_signin_link, reset_password

LOGIN = reverse("login")


def signed_in_as(client):
    """The pk of the user this client's session belongs to, or None."""
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


def sign_in(client, mobile, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": mobile, "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("typed", ["13600000001", "136 0000 0001", "+86 136-0000-0001"])
def test_a_deputy_signs_in_with_mobile_and_password(client, deputy, typed):
    response = sign_in(client, typed, PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert signed_in_as(client) == deputy.user.pk


def test_a_wrong_password_says_so(english, deputy):
    response = sign_in(english, "13600000001", "not-the-password")

    assert response.status_code == 200
    assert "The mobile number or the password is wrong" in response.text
    assert signed_in_as(english) is None


def test_a_malformed_number_gets_a_field_error_and_changes_nothing(english, deputy):
    users_before = list(User.objects.values_list("pk", "last_login"))

    response = sign_in(english, "1360000", PASSWORD)

    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "Enter an 11-digit mainland mobile number starting with 1, such as 13812345678."
    ]
    assert "11-digit mainland mobile number" in response.text
    assert signed_in_as(english) is None
    assert list(User.objects.values_list("pk", "last_login")) == users_before
    assert not AccessAttempt.objects.exists()


def fail_five_times(client, mobiles, address="10.0.0.1"):
    """Five wrong passwords: the form comes back four times, the fifth locks the address."""
    statuses = [
        sign_in(client, mobile, "not-the-password", address=address).status_code
        for mobile in mobiles
    ]
    assert statuses == [200, 200, 200, 200, 429]


def test_after_five_failures_even_the_right_password_is_refused(english, deputy):
    # Each try from its own address, so only the number's own count can lock it.
    for n in range(5):
        sign_in(english, "13600000001", "not-the-password", address=f"10.0.1.{n}")

    response = sign_in(english, "13600000001", PASSWORD, address="10.0.2.1")

    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert "Signing in failed too many times" in response.text
    assert signed_in_as(english) is None


def test_a_number_typed_in_different_ways_is_counted_as_one(client, deputy):
    full_width = "13600000001".translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    spellings = ["13600000001", "136 0000 0001", "+8613600000001", "0086-136-0000-0001", full_width]
    for n, spelling in enumerate(spellings):
        sign_in(client, spelling, "not-the-password", address=f"10.0.1.{n}")

    response = sign_in(client, "13600000001", PASSWORD, address="10.0.2.1")

    assert response.status_code == 429
    assert signed_in_as(client) is None


def test_failures_over_many_numbers_lock_the_address(client, deputy, other_station_deputy):
    fail_five_times(client, [f"1350000000{n}" for n in range(5)], address="10.0.0.7")

    locked = sign_in(client, "13600000002", PASSWORD, address="10.0.0.7")
    assert locked.status_code == 429
    assert signed_in_as(client) is None

    elsewhere = sign_in(client, "13600000002", PASSWORD, address="10.0.0.8")
    assert elsewhere.status_code == 302
    assert signed_in_as(client) == other_station_deputy.user.pk


def test_a_locked_number_does_not_stop_another_number_from_another_address(
    client, deputy, other_station_deputy
):
    fail_five_times(client, ["13600000001"] * 5, address="10.0.0.1")
    assert sign_in(client, "13600000001", PASSWORD, address="10.0.0.9").status_code == 429

    response = sign_in(client, "13600000002", PASSWORD, address="10.0.0.9")

    assert response.status_code == 302
    assert signed_in_as(client) == other_station_deputy.user.pk


def test_sign_out_is_a_post(client, deputy):
    client.force_login(deputy.user)

    assert client.get(reverse("logout")).status_code == 405
    assert signed_in_as(client) == deputy.user.pk

    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url == LOGIN
    assert signed_in_as(client) is None


def change_password(client, old, new):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_a_user_changes_their_password(english, deputy):
    english.force_login(deputy.user)

    response = change_password(english, PASSWORD, "green-hills-42")

    assert response.status_code == 302
    assert response.url == reverse("home")
    deputy.user.refresh_from_db()
    assert deputy.user.check_password("green-hills-42")
    assert signed_in_as(english) == deputy.user.pk  # the session survives the change
    assert "Your password has been changed." in english.get(reverse("home")).text


def test_a_wrong_old_password_changes_nothing(english, deputy):
    english.force_login(deputy.user)

    response = change_password(english, "not-the-password", "green-hills-42")

    assert response.status_code == 200
    assert "old password was entered incorrectly" in response.text
    deputy.user.refresh_from_db()
    assert deputy.user.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("gr33n", "This password is too short. It must contain at least 8 characters."),
        ("password123", "This password is too common."),
        ("20261126", "This password is entirely numeric."),
        ("x13600000001", "The password is too similar to the mobile number."),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(english, deputy, new, message):
    deputy.user.mobile = "13600000001"
    deputy.user.save(update_fields=["mobile"])
    english.force_login(deputy.user)

    response = change_password(english, PASSWORD, new)

    assert response.status_code == 200
    assert message in response.text
    deputy.user.refresh_from_db()
    assert deputy.user.check_password(PASSWORD)


def test_after_a_staff_reset_every_page_asks_for_a_new_password(client, deputy, station_staff):
    client.force_login(station_staff)
    reset = client.post(reverse("deputy_reset_password", args=[deputy.pk]))
    temporary = re.search(r"<code>([a-z0-9]+)</code>", reset.text).group(1)
    client.logout()

    assert sign_in(client, "13600000001", temporary).status_code == 302
    for path in [reverse("home"), reverse("deputy_list"), "/admin/", "/some/page/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url == reverse("password_change")
    assert client.get(reverse("password_change")).status_code == 200

    assert change_password(client, temporary, "green-hills-42").url == reverse("home")

    deputy.user.refresh_from_db()
    assert deputy.user.must_change_password is False
    assert deputy.user.check_password("green-hills-42")
    assert client.get(reverse("home")).status_code == 200


def link_url(token):
    return reverse("signin_link", args=[token])


@pytest.fixture
def link(deputy, station_staff):
    """A fresh sign-in link for the deputy and its token."""
    return create_signin_link(user=deputy.user, created_by=station_staff)


def test_opening_a_link_asks_first_and_does_not_spend_it(english, deputy, link):
    _, token = link

    response = english.get(link_url(token))

    assert response.status_code == 200
    assert "Sign in as 王秀英" in response.text
    assert signed_in_as(english) is None
    assert SignInLink.objects.usable().count() == 1


def test_a_link_signs_in_once(client, deputy, link):
    _, token = link

    response = client.post(link_url(token))

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert signed_in_as(client) == deputy.user.pk
    assert SignInLink.objects.get().used_at is not None


def test_a_used_link_is_gone(client, deputy, link):
    _, token = link
    client.post(link_url(token))
    later = Client()
    later.cookies["django_language"] = "en"

    again = later.post(link_url(token))

    assert again.status_code == 410
    assert "This code no longer works" in again.text
    assert signed_in_as(later) is None
    assert later.get(link_url(token)).status_code == 410


def test_an_expired_link_is_gone(client, link):
    signin_link, token = link
    signin_link.expires_at = timezone.now() - timedelta(seconds=1)
    signin_link.save()

    assert client.get(link_url(token)).status_code == 410
    assert client.post(link_url(token)).status_code == 410
    assert signed_in_as(client) is None


def test_an_unknown_token_is_gone(client, link):
    assert client.post(link_url("made-up-token")).status_code == 410
    assert signed_in_as(client) is None


def test_a_new_link_makes_the_older_one_unusable(client, deputy, station_staff, link):
    _, old_token = link
    _, new_token = create_signin_link(user=deputy.user, created_by=station_staff)

    assert client.post(link_url(old_token)).status_code == 410
    assert signed_in_as(client) is None
    assert client.post(link_url(new_token)).status_code == 302


def test_a_password_reset_makes_open_links_unusable(client, deputy, link):
    _, token = link

    reset_password(user=deputy.user)

    assert client.post(link_url(token)).status_code == 410
    assert signed_in_as(client) is None


def test_a_closed_account_cannot_use_its_link(client, deputy, link):
    _, token = link
    deputy.user.is_active = False
    deputy.user.save()

    assert client.get(link_url(token)).status_code == 410
    assert client.post(link_url(token)).status_code == 410
    assert signed_in_as(client) is None


def test_only_a_hash_of_the_token_is_stored(link):
    _, token = link

    stored = SignInLink.objects.values().get()
    assert token not in {str(value) for value in stored.values()}
    assert stored["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
