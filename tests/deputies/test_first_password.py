"""A deputy whose account the roster import made has no password: after signing in with a
printed code they are offered to choose one, with no old password to give."""

from django.test import Client
from django.urls import reverse

from deputies.factories import DeputyFactory
from deputies.models import User
from deputies.services import create_signin_link

CHANGE = reverse("password_change")


def signed_in_with_a_code(station, station_staff):
    user = User.objects.create_user(mobile="13512340001", name="陈建军")
    DeputyFactory(user=user, station=station)
    _link, token = create_signin_link(user=user, created_by=station_staff)
    client = Client()
    response = client.post(reverse("signin_link", args=[token]))
    assert response.status_code == 302
    return client, response, user


def test_a_new_account_chooses_its_first_password_without_an_old_one(station, station_staff):
    client, response, user = signed_in_with_a_code(station, station_staff)

    assert response.url == CHANGE
    page = client.get(CHANGE).text
    assert "您还没有密码" in page and 'name="old_password"' not in page
    chosen = client.post(CHANGE, {"new_password1": "qingxi-2026", "new_password2": "qingxi-2026"})

    assert chosen.status_code == 302 and chosen.url == reverse("home")
    user.refresh_from_db()
    assert user.check_password("qingxi-2026")
    assert client.get(reverse("home")).status_code == 200  # still signed in
    again = Client()
    signed = again.post(reverse("login"), {"username": "13512340001", "password": "qingxi-2026"})
    assert signed.status_code == 302 and int(again.session["_auth_user_id"]) == user.pk


def test_choosing_can_wait(station, station_staff):
    client, _response, _user = signed_in_with_a_code(station, station_staff)

    assert client.get(reverse("home")).status_code == 200


def test_an_account_with_a_password_must_still_give_the_old_one(client, deputy):
    client.force_login(deputy.user)

    page = client.get(CHANGE).text
    refused = client.post(CHANGE, {"new_password1": "qingxi-2026", "new_password2": "qingxi-2026"})

    assert 'name="old_password"' in page and "您还没有密码" not in page
    assert refused.status_code == 200
    deputy.user.refresh_from_db()
    assert not deputy.user.check_password("qingxi-2026")
