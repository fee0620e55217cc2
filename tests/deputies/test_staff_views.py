import re

import pytest
from django.urls import reverse

from deputies.factories import PASSWORD, DeputyFactory, LiaisonStationFactory, TownshipFactory
from deputies.models import SignInLink, StaffRole
from deputies.services import grant_role

LIST = reverse("deputy_list")


def detail(deputy):
    return reverse("deputy_detail", args=[deputy.pk])


def reset(deputy):
    return reverse("deputy_reset_password", args=[deputy.pk])


def signin_link(deputy):
    return reverse("deputy_signin_link", args=[deputy.pk])


@pytest.fixture
def everyone(deputy, other_station_deputy, other_township_deputy, other_county_deputy):
    return [deputy, other_station_deputy, other_township_deputy, other_county_deputy]


def names_listed(response):
    return {d.user.name for d in response.context["deputies"]}


@pytest.mark.parametrize(
    ("role", "listed"),
    [
        ("station_staff", {"王秀英"}),
        ("township_staff", {"王秀英", "李建国"}),
        ("county_officer", {"王秀英", "李建国", "张丽华"}),
        ("superuser", {"王秀英", "李建国", "张丽华", "赵志强"}),
    ],
)
def test_the_list_shows_only_deputies_in_scope(client, request, everyone, role, listed):
    client.force_login(request.getfixturevalue(role))

    response = client.get(LIST)

    assert response.status_code == 200
    assert names_listed(response) == listed
    for deputy in everyone:
        assert (deputy.user.name in response.text) == (deputy.user.name in listed)


@pytest.mark.parametrize(
    ("role", "where"),
    [
        ("station_staff", "other_station_deputy"),
        ("township_staff", "other_township_deputy"),
        ("county_officer", "other_county_deputy"),
    ],
)
def test_a_deputy_outside_the_scope_is_not_found(client, request, everyone, role, where):
    client.force_login(request.getfixturevalue(role))
    outsider = request.getfixturevalue(where)

    assert client.get(detail(everyone[0])).status_code == 200
    response = client.get(detail(outsider))
    assert response.status_code == 404
    assert outsider.user.mobile not in response.text


@pytest.mark.parametrize("who", ["deputy", "editor"])
def test_staff_pages_do_not_exist_for_deputies_and_editors(client, request, everyone, who):
    user = request.getfixturevalue(who)
    client.force_login(user.user if who == "deputy" else user)

    assert client.get(LIST).status_code == 404
    assert client.get(detail(everyone[0])).status_code == 404
    assert client.post(reset(everyone[1])).status_code == 404


def test_staff_pages_ask_an_anonymous_visitor_to_sign_in(client, deputy):
    response = client.get(detail(deputy))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_detail_page_shows_the_deputy(english, station_staff, deputy):
    english.force_login(station_staff)

    response = english.get(detail(deputy))

    assert response.status_code == 200
    for shown in ["王秀英", "13600000001", "递铺代表联络站", "Township deputy", "In office"]:
        assert shown in response.text


@pytest.fixture
def crowd(county, township, station, other_station, other_township):
    """Deputies with telling names, mobiles and places, for the filters."""
    DeputyFactory(station=station, user__name="陈建军", user__mobile="13512340001")
    DeputyFactory(station=other_station, user__name="陈美玲", user__mobile="13512340002")
    DeputyFactory(
        station=LiaisonStationFactory(township=other_township),
        user__name="周建军",
        user__mobile="13598760003",
    )


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ({}, {"陈建军", "陈美玲", "周建军"}),
        ({"q": "陈"}, {"陈建军", "陈美玲"}),
        ({"q": "建军"}, {"陈建军", "周建军"}),
        ({"q": "9876"}, {"周建军"}),
        ({"township": "other_township"}, {"周建军"}),
        ({"station": "other_station"}, {"陈美玲"}),
        ({"q": "陈", "township": "township"}, {"陈建军", "陈美玲"}),
        ({"q": "nobody"}, set()),
    ],
)
def test_the_list_filters(english, request, county_officer, crowd, query, listed):
    english.force_login(county_officer)
    params = {
        key: request.getfixturevalue(value).pk if key != "q" else value
        for key, value in query.items()
    }

    response = english.get(LIST, params)

    assert names_listed(response) == listed
    assert f"{len(listed)} deput" in response.text
    if not listed:
        assert "No deputies match." in response.text


def test_the_list_is_paged_and_keeps_the_filter(english, county_officer, township, station):
    DeputyFactory.create_batch(60, station=station)
    DeputyFactory.create_batch(3, station=LiaisonStationFactory(township=township))
    english.force_login(county_officer)

    first = english.get(LIST, {"station": station.pk})
    second = english.get(LIST, {"station": station.pk, "page": 2})

    assert len(first.context["deputies"]) == 50
    assert len(second.context["deputies"]) == 10
    assert "Page 1 of 2" in first.text
    assert f"?station={station.pk}&amp;page=2" in first.text
    assert not names_listed(first) & names_listed(second)


def test_a_password_reset_outside_the_scope_changes_nothing(
    client, station_staff, other_station_deputy
):
    client.force_login(station_staff)

    assert client.post(reset(other_station_deputy)).status_code == 404

    other_station_deputy.user.refresh_from_db()
    assert other_station_deputy.user.check_password(PASSWORD)
    assert not other_station_deputy.user.must_change_password


def test_a_signin_link_outside_the_scope_is_not_made(client, county_officer, other_county_deputy):
    client.force_login(county_officer)

    assert client.post(signin_link(other_county_deputy)).status_code == 404

    assert not SignInLink.objects.exists()


def test_a_password_reset_shows_a_new_password_that_works(english, station_staff, deputy):
    english.force_login(station_staff)

    response = english.post(reset(deputy))

    assert response.status_code == 200
    assert "Give 王秀英 this temporary password" in response.text
    password = re.search(r"<code>([a-z0-9]{10})</code>", response.text).group(1)
    deputy.user.refresh_from_db()
    assert deputy.user.check_password(password)
    assert not deputy.user.check_password(PASSWORD)
    assert deputy.user.must_change_password


def test_a_signin_link_shows_a_qr_code_for_the_deputy(client, township_staff, deputy):
    client.force_login(township_staff)

    response = client.post(signin_link(deputy))

    assert response.status_code == 200
    assert "<svg" in response.text
    token = re.search(r"/accounts/link/([\w-]+)/", response.text).group(1)
    link = SignInLink.objects.get()
    assert (link.user, link.created_by) == (deputy.user, township_staff)
    assert link.token_hash == SignInLink.hash_token(token)


def test_resets_and_links_need_a_post(client, station_staff, deputy):
    client.force_login(station_staff)

    assert client.get(reset(deputy)).status_code == 405
    assert client.get(signin_link(deputy)).status_code == 405
    deputy.user.refresh_from_db()
    assert deputy.user.check_password(PASSWORD)
    assert not SignInLink.objects.exists()


@pytest.fixture
def deputy_who_is_a_county_officer(deputy, county):
    """A deputy of the station who also works for the county congress."""
    grant_role(user=deputy.user, kind=StaffRole.Kind.COUNTY, place=county)
    return deputy


@pytest.mark.parametrize("power", ["county role", "admin access"])
def test_station_staff_cannot_take_over_a_more_powerful_account(
    client, station_staff, deputy, county, power
):
    if power == "county role":
        grant_role(user=deputy.user, kind=StaffRole.Kind.COUNTY, place=county)
    else:
        deputy.user.is_superuser = deputy.user.is_staff = True
        deputy.user.save()
    client.force_login(station_staff)

    assert client.post(reset(deputy)).status_code == 403
    assert client.post(signin_link(deputy)).status_code == 403

    deputy.user.refresh_from_db()
    assert deputy.user.check_password(PASSWORD)
    assert not SignInLink.objects.exists()


def test_a_superuser_can_reset_a_staff_member_who_is_a_deputy(
    client, superuser, deputy_who_is_a_county_officer
):
    client.force_login(superuser)

    assert client.post(reset(deputy_who_is_a_county_officer)).status_code == 200
    assert client.post(signin_link(deputy_who_is_a_county_officer)).status_code == 200


def make_deputies(county, township, station, count):
    """`count` deputies, with more stations in the township and more townships in the county
    as the count grows."""
    stations = [station, LiaisonStationFactory(township=township)]
    for _ in range(count // 10):
        stations.append(LiaisonStationFactory(township=township))
        stations.append(LiaisonStationFactory(township=TownshipFactory(county=county)))
    for n in range(count):
        DeputyFactory(station=stations[n % len(stations)], is_active=n % 7 != 0)


# The same bound with 5 and with 60 deputies: the page must not query once per row. Every page
# pays 3 queries for the session, the user and their roles, and 1 for the main navigation's
# law-library link.
@pytest.mark.parametrize("count", [5, 60])
def test_the_list_makes_a_fixed_number_of_queries(
    client, county, township, station, county_officer, count, django_assert_max_num_queries
):
    make_deputies(county, township, station, count)
    client.force_login(county_officer)

    # Two for the menu: is the user also a deputy, and how many notifications are unread.
    with django_assert_max_num_queries(10):
        response = client.get(LIST)

    assert len(response.context["deputies"]) == min(count, 50)


@pytest.mark.parametrize("count", [5, 60])
@pytest.mark.parametrize(
    ("role", "queries"),
    [
        # More: "my learning", the practice due, certificates expiring, training programmes.
        ("deputy", 12),
        # Staff: +1 each for the unread-notifications badge in the menu.
        ("station_staff", 7),
        ("township_staff", 8),
        ("county_officer", 8),
        ("editor", 6),
        ("superuser", 7),
    ],
)
def test_each_home_page_makes_a_fixed_number_of_queries(
    client, request, county, township, station, role, queries, count, django_assert_max_num_queries
):
    make_deputies(county, township, station, count)
    user = request.getfixturevalue(role)
    client.force_login(user.user if role == "deputy" else user)

    with django_assert_max_num_queries(queries):
        response = client.get(reverse("home"))

    assert response.status_code == 200


def test_detail_offers_sign_in_help_only_where_it_is_allowed(client, station, station_staff):
    plain = DeputyFactory(station=station, user__mobile="13600000011")
    officer = DeputyFactory(station=station, user__mobile="13600000012")
    grant_role(user=officer.user, kind=StaffRole.Kind.COUNTY, place=station.township.county)
    client.force_login(station_staff)

    plain_page = client.get(reverse("deputy_detail", args=[plain.pk])).content.decode()
    officer_page = client.get(reverse("deputy_detail", args=[officer.pk])).content.decode()

    assert reverse("deputy_reset_password", args=[plain.pk]) in plain_page
    assert reverse("deputy_reset_password", args=[officer.pk]) not in officer_page
    assert reverse("deputy_signin_link", args=[officer.pk]) not in officer_page
