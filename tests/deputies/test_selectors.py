import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from deputies.factories import DeputyFactory, LiaisonStationFactory, TownshipFactory, UserFactory
from deputies.models import StaffRole, User
from deputies.selectors import deputies_visible_to, get_visible_deputy, home_overview
from deputies.services import grant_role


@pytest.fixture
def everyone(deputy, other_station_deputy, other_township_deputy, other_county_deputy):
    """One deputy in each place: own station, other station, other township, other county."""
    return {
        "own station": deputy,
        "other station": other_station_deputy,
        "other township": other_township_deputy,
        "other county": other_county_deputy,
    }


def visible(user, everyone):
    seen = set(deputies_visible_to(user))
    return {where for where, deputy in everyone.items() if deputy in seen}


def test_station_staff_see_only_their_station(station_staff, everyone):
    assert visible(station_staff, everyone) == {"own station"}


def test_township_staff_see_every_station_of_their_township(township_staff, everyone):
    assert visible(township_staff, everyone) == {"own station", "other station"}


def test_a_county_officer_sees_their_county_and_not_another(county_officer, everyone):
    assert visible(county_officer, everyone) == {"own station", "other station", "other township"}


def test_a_deputy_sees_only_themself(everyone):
    assert list(deputies_visible_to(everyone["own station"].user)) == [everyone["own station"]]


def test_an_editor_sees_no_deputies(editor, everyone):
    assert visible(editor, everyone) == set()


def test_a_superuser_sees_every_deputy(superuser, everyone):
    assert visible(superuser, everyone) == set(everyone)


def test_an_anonymous_visitor_sees_nobody(everyone):
    assert visible(AnonymousUser(), everyone) == set()


def test_roles_in_two_places_add_up(station_staff, other_county, everyone):
    grant_role(user=station_staff, kind=StaffRole.Kind.COUNTY, place=other_county)

    assert visible(station_staff, everyone) == {"own station", "other county"}


def test_a_closed_staff_account_sees_nobody_else(station_staff, everyone):
    station_staff.is_active = False
    station_staff.save()

    assert visible(station_staff, everyone) == set()


def test_getting_a_deputy_outside_the_scope_is_not_found(station_staff, everyone):
    assert get_visible_deputy(station_staff, everyone["own station"].pk) == everyone["own station"]
    with pytest.raises(Http404):
        get_visible_deputy(station_staff, everyone["other station"].pk)


def test_county_overview_counts_deputies_in_office(county_officer, county, township, station):
    DeputyFactory.create_batch(2, station=station)
    DeputyFactory(station=station, is_active=False)
    second = TownshipFactory(county=county, name="孝丰镇")
    DeputyFactory(station=LiaisonStationFactory(township=second))
    DeputyFactory(station=None, township=second)

    overview = home_overview(county_officer)

    [row] = overview["counties"]
    assert row == county
    assert row.deputy_count == 4
    assert {(t.name, t.deputy_count) for t in row.township_rows} == {("递铺街道", 2), ("孝丰镇", 2)}
    assert overview["townships"] == []
    assert overview["stations"] == []


def test_township_overview_counts_each_station(township_staff, township, station, other_station):
    DeputyFactory.create_batch(3, station=station)
    DeputyFactory(station=other_station)
    DeputyFactory(station=other_station, is_active=False)

    overview = home_overview(township_staff)

    [row] = overview["townships"]
    assert row.deputy_count == 4
    assert {(s.name, s.deputy_count) for s in row.station_rows} == {
        ("递铺代表联络站", 3),
        ("古城代表联络站", 1),
    }
    assert overview["counties"] == []
    assert overview["stations"] == []


def test_station_overview_shows_only_their_station(station_staff, station, other_station):
    DeputyFactory.create_batch(2, station=station)
    DeputyFactory(station=other_station)

    overview = home_overview(station_staff)

    assert [(s, s.deputy_count) for s in overview["stations"]] == [(station, 2)]
    assert overview["counties"] == overview["townships"] == []


@pytest.mark.parametrize("who", ["deputy", "editor"])
def test_people_without_a_place_get_no_overview(db, request, who):
    user = request.getfixturevalue(who)
    user = user.user if who == "deputy" else user

    assert home_overview(user) == {"counties": [], "townships": [], "stations": []}


def grow(county, township, station, size):
    """More of everything: townships with stations in the county, stations in the township,
    deputies everywhere."""
    for n in range(size):
        new_township = TownshipFactory(county=county)
        for _ in range(2):
            DeputyFactory(station=LiaisonStationFactory(township=new_township))
        DeputyFactory(station=LiaisonStationFactory(township=township))
        DeputyFactory(station=station, is_active=n % 2 == 0)


def total(overview):
    rows = [*overview["counties"], *overview["townships"], *overview["stations"]]
    return sum(row.deputy_count for row in rows)


# The scope (one query; none for a superuser), then one aggregate for each level of places
# the role covers.
@pytest.mark.parametrize(
    ("role", "queries"),
    [("county_officer", 3), ("township_staff", 3), ("station_staff", 2), ("superuser", 2)],
)
def test_overview_queries_do_not_grow_with_the_places(
    request, county, township, station, role, queries, django_assert_num_queries
):
    user_pk = request.getfixturevalue(role).pk
    grow(county, township, station, size=1)
    fresh = User.objects.get(pk=user_pk)
    with django_assert_num_queries(queries):
        small = total(home_overview(fresh))

    grow(county, township, station, size=8)
    fresh = User.objects.get(pk=user_pk)
    with django_assert_num_queries(queries):
        large = total(home_overview(fresh))

    assert large > small


def test_a_user_with_no_role_and_no_deputy_record_sees_nobody(deputy, other_station_deputy):
    nobody = UserFactory()

    assert list(deputies_visible_to(nobody)) == []
