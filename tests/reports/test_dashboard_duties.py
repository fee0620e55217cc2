"""The voters' matters and suggestions pages (接待选民与建议办理): reception days, matters open,
overdue and closed, replies owed, per township and station as of a day; the overdue list with
no voter's data, its spreadsheet, the dashboard's card, scope and queries."""

import io
from datetime import date, datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from deputies.factories import DeputyFactory, LiaisonStationFactory, UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role
from receptions.matters import services
from receptions.matters.services import Voter
from receptions.models import Matter, ReceptionDay
from receptions.suggestions import services as suggestion_services
from receptions.suggestions.factories import submitted_suggestion
from reports.dashboard.duties import duties_report
from reports.dashboard.places import get_place

AS_OF = date(2026, 6, 30)
VOTER = Voter("周大妈", "13912340001", True)


def url(level, pk, export=False):
    return reverse(f"dashboard:{level}_duties{'_overdue' if export else ''}", args=[pk])


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(10)))


def matter(station, recorder, received_on, *, status="registered", due_on=None, finished=None):
    """A matter recorded through the service, then put at the stage and dates the test names
    (the services date a step today)."""
    made = services.record_matter(
        station=station,
        recorded_by=recorder,
        category="roads",
        raised="村口桥面塌了一块，下雨天孩子上学要绕路。",
        voter=VOTER,
        received_on=received_on,
    )
    Matter.objects.filter(pk=made.pk).update(
        status=status,
        unit="镇交通办" if due_on else "",
        due_on=due_on,
        finished_at=_at(finished) if finished else None,
    )
    return Matter.objects.get(pk=made.pk)


@pytest.fixture
def voters(
    station,
    other_station,
    deputy,
    other_station_deputy,
    other_township_deputy,
    other_county_deputy,
    station_staff,
):
    """递铺街道: 递铺站 held reception days on 03-09 and 06-09 (one last December does not
    count); 孝丰镇's day comes after the day counted to. As of 2026-06-30:

    - 递铺站: #1 received 05-01, due 05-20, overdue by 41 days; #2 received 06-01, due 07-10,
      open; #3 received 04-01, closed 07-02 (still open on 06-30); #4 received 07-05 (later).
    - 古城站: #5 received 02-01, closed 03-01; #6 received 2025-11-01, due 2025-12-01, overdue
      by 211 days (last year's: not recorded this year).
    - 德清县's matter is another county's.

    Suggestions: 王秀英's referred 01-10 (due 04-10, overdue); 李建国's referred 01-05 and
    replied 03-01; 张丽华's referred 05-01 (due 08-01)."""
    for day in (date(2025, 12, 9), date(2026, 3, 9), date(2026, 6, 9)):
        ReceptionDay.objects.create(station=station, day=day, place="接待室")
    ReceptionDay.objects.create(station=other_township_deputy.station, day=date(2026, 7, 9))
    recorder = deputy.user
    overdue = matter(
        station, recorder, date(2026, 5, 1), status="referred", due_on=date(2026, 5, 20)
    )
    matter(station, recorder, date(2026, 6, 1), status="referred", due_on=date(2026, 7, 10))
    matter(station, recorder, date(2026, 4, 1), status="closed", finished=date(2026, 7, 2))
    matter(station, recorder, date(2026, 7, 5))
    other = other_station_deputy.user
    matter(other_station, other, date(2026, 2, 1), status="closed", finished=date(2026, 3, 1))
    old = matter(
        other_station, other, date(2025, 11, 1), status="referred", due_on=date(2025, 12, 1)
    )
    matter(
        other_county_deputy.station,
        other_county_deputy.user,
        date(2026, 5, 1),
        status="referred",
        due_on=date(2026, 5, 2),
    )
    submitted_suggestion(deputy, assigned_on=date(2026, 1, 10), title="修缮村卫生室")
    replied = submitted_suggestion(other_station_deputy, assigned_on=date(2026, 1, 5))
    suggestion_services.record_reply(
        suggestion=replied,
        by=other_station_deputy.user,
        replied_on=date(2026, 3, 1),
        outcome="resolved",
        summary="",
    )
    submitted_suggestion(other_township_deputy, assigned_on=date(2026, 5, 1), title="修路")
    return {"overdue": overdue, "old": old}


def figures(report):
    return {
        row.label: (
            row.figures.reception_days,
            row.figures.recorded,
            row.figures.open,
            row.figures.overdue,
            row.figures.closed,
            row.figures.referred,
            row.figures.awaiting,
            row.figures.reply_overdue,
            row.figures.replied,
        )
        for row in report.rows
    }


def test_the_county_counts_each_township_as_of_the_day(voters, county, county_officer):
    place = get_place(county_officer, "county", county.pk)
    report = duties_report(county_officer, place, AS_OF)
    assert figures(report) == {
        "递铺街道": (2, 4, 4, 2, 1, 2, 1, 1, 1),
        "孝丰镇": (0, 0, 0, 0, 0, 1, 1, 0, 0),
    }
    assert report.total.overdue == 2 and report.total.awaiting == 2
    # The longest overdue first, each with its days overdue as of the day.
    assert [(row.matter.pk, row.days) for row in report.overdue] == [
        (voters["old"].pk, 211),
        (voters["overdue"].pk, 41),
    ]
    # The replies due soonest: the overdue one, then 张丽华's.
    assert [(s.title, s.days_left_then) for s in report.nearest] == [
        ("修缮村卫生室", -81),
        ("修路", 32),
    ]


def test_a_township_sees_each_station(voters, township, township_staff):
    place = get_place(township_staff, "township", township.pk)
    report = duties_report(township_staff, place, AS_OF)
    assert figures(report) == {
        "古城代表联络站": (0, 1, 1, 1, 1, 1, 0, 0, 1),
        "递铺代表联络站": (2, 3, 3, 1, 0, 1, 1, 1, 0),
    }


def test_today_counts_what_has_happened_since(voters, station, station_staff):
    """On the last day of the year counted: #3 closed in July, #4 recorded, 07-10 passed."""
    place = get_place(station_staff, "station", station.pk)
    report = duties_report(station_staff, place, date(2026, 12, 31))
    assert figures(report) == {"递铺代表联络站": (2, 4, 3, 2, 1, 1, 1, 1, 0)}


def test_the_page_shows_overdue_matters_in_red_with_words_and_no_voter(
    english, voters, county, county_officer
):
    english.force_login(county_officer)
    response = english.get(url("county", county.pk), {"as_of": AS_OF.isoformat()})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Voters' matters and suggestions: 安吉县" in page
    assert "Overdue by 211 days" in page and "Overdue by 41 days" in page
    assert 'class="matter-row--overdue"' in page
    assert reverse("receptions:matter", args=[voters["overdue"].pk]) in page
    assert "2026-05-20" in page and "镇交通办" in page
    # Nothing of the voter: not their name, their mobile nor what they raised.
    for secret in ("周大妈", "13912340001", "1391234", "村口桥面"):
        assert secret not in page
    # The replies due soonest, the overdue one said in words.
    assert "修缮村卫生室" in page and "Overdue by 81 days" in page and "32 days left" in page


def test_the_dashboard_card_counts_the_overdue_and_leads_to_the_page(
    english, voters, county, county_officer
):
    english.force_login(county_officer)
    page = english.get(
        reverse("dashboard:county", args=[county.pk]), {"as_of": AS_OF.isoformat()}
    ).content.decode()
    assert "2 matters overdue" in page
    assert f"{url('county', county.pk)}?as_of=2026-06-30#duties-overdue" in page


def test_a_day_after_today_is_refused(english, voters, county, county_officer):
    english.force_login(county_officer)
    response = english.get(url("county", county.pk), {"as_of": "2999-01-01"})
    assert response.status_code == 400
    assert "Figures can only be counted up to today" in response.content.decode()
    assert english.get(url("county", county.pk), {"as_of": "x"}).status_code == 400


@pytest.mark.parametrize(
    ("who", "level"),
    [
        ("station_staff", "county"),
        ("station_staff", "township"),
        ("township_staff", "county"),
        ("deputy", "station"),
        ("other_county_officer", "county"),
        ("other_county_officer", "station"),
        ("other_township_staff", "station"),
    ],
)
def test_outside_the_scope_the_place_does_not_exist(
    client, request, voters, county, township, station, other_county_deputy, who, level
):
    if who == "other_county_officer":
        user = UserFactory(mobile="13700000071")
        grant_role(user=user, kind=StaffRole.Kind.COUNTY, place=other_county_deputy.township.county)
    elif who == "other_township_staff":
        user = UserFactory(mobile="13700000072")
        grant_role(user=user, kind=StaffRole.Kind.TOWNSHIP, place=other_county_deputy.township)
    else:
        user = request.getfixturevalue(who)
        user = getattr(user, "user", user)
    place = {"county": county, "township": township, "station": station}[level]
    client.force_login(user)
    assert client.get(url(level, place.pk)).status_code == 404
    assert client.get(url(level, place.pk, export=True)).status_code == 404


def test_the_overdue_list_downloads_with_no_voter(english, voters, county, county_officer):
    english.force_login(county_officer)
    response = english.get(url("county", county.pk, export=True), {"as_of": AS_OF.isoformat()})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [row for row in sheet.iter_rows(values_only=True) if any(row)]
    header = rows.index(next(r for r in rows if r[0] == "Number"))
    assert [r[1:3] + r[5:] for r in rows[header + 1 :]] == [
        ("递铺街道", "古城代表联络站", "镇交通办", datetime(2025, 12, 1), 211),
        ("递铺街道", "递铺代表联络站", "镇交通办", datetime(2026, 5, 20), 41),
    ]
    everything = repr(rows)
    assert "周大妈" not in everything and "1391234" not in everything


def test_the_overdue_list_neutralises_formulas(client, voters, county, county_officer):
    Matter.objects.filter(pk=voters["overdue"].pk).update(unit="=HYPERLINK(1)")
    client.force_login(county_officer)
    response = client.get(url("county", county.pk, export=True), {"as_of": AS_OF.isoformat()})
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)]
    assert [c.value for c in cells] == ["'=HYPERLINK(1)"]


# Session, user, scope, place, then the report's queries: the rows, the reception days, the
# matters' figures and the overdue ones by place, the suggestions' by place, the overdue list
# and the replies due soonest; then the menu's two (its sections are in the cache).
PINNED = {"county": 13, "township": 13, "station": 12}


@pytest.mark.parametrize("level", ["county", "township", "station"])
def test_the_queries_do_not_grow_with_the_matters(
    client, voters, county, township, station, other_station, county_officer, level
):
    place = {"county": county, "township": township, "station": station}[level]
    address = url(level, place.pk)
    client.force_login(county_officer)
    client.get(address)  # warm the caches a running site has
    counts = []
    for grow in (False, True):
        if grow:
            more = LiaisonStationFactory(township=township, name="新站")
            for n in range(6):
                where = (station, other_station, more)[n % 3]
                recorder = DeputyFactory(station=where, user__mobile=f"1353000{n:04d}").user
                matter(
                    where,
                    recorder,
                    date(2026, 3, n + 1),
                    status="referred",
                    due_on=date(2026, 4, 1),
                )
                submitted_suggestion(recorder.deputy, assigned_on=date(2026, 2, n + 1))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        counts.append(len(queries))
    assert counts == [PINNED[level]] * 2


def test_the_page_in_chinese(client, voters, county, county_officer):
    client.force_login(county_officer)
    page = client.get(url("county", county.pk), {"as_of": AS_OF.isoformat()}).content.decode()
    for text in ("安吉县", "逾期", "递铺街道"):
        assert text in page
