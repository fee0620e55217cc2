"""The dashboard's pages: who may open which place, the filters' bad input, the query counts."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from deputies.factories import DeputyFactory, LiaisonStationFactory, TownshipFactory, UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role


def url(name, *args):
    return reverse(f"dashboard:{name}", args=args)


@pytest.fixture
def places(county, township, station, other_station, other_township, other_county_deputy):
    return {
        "county": url("county", county.pk),
        "township": url("township", township.pk),
        "station": url("station", station.pk),
        "other_station": url("station", other_station.pk),
        "other_township": url("township", other_township.pk),
        "unassigned": url("unassigned", township.pk),
        "other_county": url("county", other_county_deputy.township.county_id),
        "all": url("all"),
    }


# Which places each user opens; every other place is a 404.
TOWNSHIP = {"township", "station", "other_station", "unassigned"}
COUNTY = TOWNSHIP | {"county", "other_township"}
OPENS = {
    "county_officer": COUNTY,
    "township_staff": TOWNSHIP,
    "station_staff": {"station"},
    "deputy": set(),
    "superuser": COUNTY | {"other_county", "all"},
}


@pytest.mark.parametrize("who", sorted(OPENS))
def test_each_user_opens_only_the_places_in_their_scope(client, places, who, request):
    user = request.getfixturevalue(who)
    client.force_login(getattr(user, "user", user))
    for name, address in places.items():
        expected = 200 if name in OPENS[who] else 404
        assert client.get(address).status_code == expected, (who, name)
        export = client.get(f"{address}export.xlsx")
        assert export.status_code == expected, (who, name, "export")


def test_visitors_are_sent_to_sign_in(client, places):
    response = client.get(places["county"])
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_home_goes_to_the_users_own_place(client, places, county_officer, station_staff):
    client.force_login(county_officer)
    assert client.get(url("home"))["Location"] == places["county"]
    client.force_login(station_staff)
    assert client.get(url("home"))["Location"] == places["station"]


def test_home_lists_the_places_of_someone_with_several(client, township, station, other_township):
    user = UserFactory(name="兼职干部", mobile="13700000077")
    grant_role(user=user, kind=StaffRole.Kind.TOWNSHIP, place=other_township)
    grant_role(user=user, kind=StaffRole.Kind.STATION, place=station)
    client.force_login(user)
    response = client.get(url("home"))
    assert response.status_code == 200
    assert [name for name, _ in response.context["places"]] == ["孝丰镇", "递铺代表联络站"]


def test_deputies_have_no_dashboard(client, deputy):
    client.force_login(deputy.user)
    assert client.get(url("home")).status_code == 404


def test_the_breadcrumbs_stop_where_the_scope_does(client, land, township_staff, station):
    client.force_login(township_staff)
    page = client.get(url("station", station.pk)).content.decode()
    assert url("township", station.township_id) in page
    assert url("county", station.township.county_id) not in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"as_of": "2026-02-30"}, "Enter a date such as 2026-01-31."),
        ({"as_of": "2999-01-01"}, "Figures can only be counted up to today"),
        ({"as_of": "1999-12-31"}, "Choose a day from 2000 on."),
        ({"course": "999999"}, "Select a valid choice."),
        ({"course": "abc"}, "Select a valid choice."),
        ({"sort": "salary"}, "Select a valid choice."),
    ],
)
def test_bad_filters_get_a_400_that_says_why(english, places, county_officer, query, message):
    english.force_login(county_officer)
    for address in (places["county"], f"{places['county']}export.xlsx"):
        response = english.get(address, query)
        assert response.status_code == 400
        assert message in response.content.decode()


def test_figures_on_the_page_and_the_least_advanced_named(english, land, county, county_officer):
    english.force_login(county_officer)
    page = english.get(url("county", county.pk), {"as_of": "2026-04-30"}).content.decode()
    assert "Least advanced:" in page and "孝丰镇" in page
    board = english.get(url("county", county.pk), {"as_of": "2026-04-30"}).context["board"]
    assert board.total.completion == 57


def test_sorting_by_completion_puts_the_least_advanced_first(client, land, county, county_officer):
    client.force_login(county_officer)
    rows = client.get(url("county", county.pk), {"as_of": "2026-04-30", "sort": "completion"})
    assert [row.label for row in rows.context["rows"]] == ["孝丰镇", "递铺街道"]
    rows = client.get(url("county", county.pk), {"as_of": "2026-04-30", "sort": "-completion"})
    assert [row.label for row in rows.context["rows"]] == ["递铺街道", "孝丰镇"]


def _add_county_people(county, n):
    """More townships, stations and deputies, with enrolments, so that the counts must not
    grow with them."""
    from courses.models import CoursePage, Enrolment

    courses = list(CoursePage.objects.live())
    for i in range(n):
        township = TownshipFactory(county=county, name=f"新镇{timezone.now().microsecond}{i}")
        station = LiaisonStationFactory(township=township, name=f"新站{i}")
        for j in range(3):
            deputy = DeputyFactory(station=station, user__mobile=f"1350{i:03d}{j:04d}")
            for course in courses:
                Enrolment.objects.create(deputy=deputy, course=course, source="assigned")


# Queries a page makes whatever the number of places, deputies and enrolments: the session,
# the user, their scope, the place, the live courses, the place's terms, the aggregates
# (participation, overdue and course hours in one pass over the enrolments, the weekly trend
# in the pass by course), the rows, the count of voters' matters overdue (the card leading to
# the voters' matters page), the menu (its sections in the cache). Every county's page has no
# terms nor voters' matters, and reads which county each township is in (its figures come by
# township).
PINNED = {"county": 18, "township": 18, "station": 18, "all": 15}
# The export adds the per-deputy sheet: the same aggregates again (participation aside),
# grouped by deputy, and names; its builder reads the place and its terms again, as a
# background export's would.
PINNED_EXPORT = {"county": 28, "township": 28, "station": 19, "all": 24}


@pytest.mark.parametrize("export", [False, True], ids=["page", "export"])
@pytest.mark.parametrize("level", ["county", "township", "station", "all"])
def test_the_query_count_does_not_grow_with_the_county(
    client, land, county, township, station, county_officer, superuser, level, export
):
    address = {
        "county": url("county", county.pk),
        "township": url("township", township.pk),
        "station": url("station", station.pk),
        "all": url("all"),
    }[level] + ("export.xlsx" if export else "")
    # Every county's page is a superuser's.
    client.force_login(superuser if level == "all" else county_officer)
    client.get(address)  # warm the caches a running site has
    counts = []
    for grow in (False, True):
        if grow:
            _add_county_people(county, 4)
            for j in range(5):
                DeputyFactory(station=station, user__mobile=f"1351000{j:04d}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        counts.append(len(queries))
    assert counts == [(PINNED_EXPORT if export else PINNED)[level]] * 2


def test_an_earlier_day_is_shown_on_the_page(english, land, county, county_officer):
    english.force_login(county_officer)
    day = (timezone.localdate() - timedelta(days=3)).isoformat()
    page = english.get(url("county", county.pk), {"as_of": day}).content.decode()
    assert f"figures as of {day}" in page


def test_the_export_neutralises_names_that_look_like_formulas(client, county, county_officer):
    """A place or a deputy named like a formula reaches the spreadsheet as text."""
    township = TownshipFactory(county=county, name='=HYPERLINK("http://x","y")')
    DeputyFactory(township=township, station=None, user__name="@SUM(A1)")
    client.force_login(county_officer)
    response = client.get(url("county_export", county.pk))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    cells = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and ("HYPERLINK" in cell.value or "SUM(A1)" in cell.value)
    ]
    assert {cell.value for cell in cells} == {'\'=HYPERLINK("http://x","y")', "'@SUM(A1)"}
    assert all(cell.data_type == "s" for cell in cells)
