"""参学率 (participation): of the deputies in office, the share enrolled in at least one course (in
the chosen course: of those it is meant for). A place where nobody is enrolled is the one
furthest behind, not a place left out of the ranking.

The `land` county (conftest.py) has every deputy in office enrolled; these tests add a
deputy at 递铺 with no course, and a township, 梅溪镇, where none of its three deputies has one."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from deputies.factories import DeputyFactory, LiaisonStationFactory, TownshipFactory
from reports.dashboard.selectors import dashboard


@pytest.fixture
def unenrolled(land, county, station):
    meixi = TownshipFactory(county=county, name="梅溪镇")
    meixi_station = LiaisonStationFactory(township=meixi, name="梅溪代表联络站")
    newcomers = [
        DeputyFactory(station=meixi_station, user__mobile=f"1361000000{n}") for n in range(3)
    ]
    sun = DeputyFactory(station=station, user__name="孙新", user__mobile="13610000009")
    return {"meixi": meixi, "meixi_station": meixi_station, "newcomers": newcomers, "sun": sun}


def rows_of(board):
    return {row.label: row for row in board.rows}


def test_participation_counts_the_deputies_with_at_least_one_enrolment(
    unenrolled, county, county_officer
):
    board = dashboard(county_officer, "county", county.pk, as_of=date(2026, 4, 30))
    rows = rows_of(board)

    dipu = rows["递铺街道"].figures
    assert (dipu.deputies, dipu.participants, dipu.participation) == (5, 4, 80)
    meixi = rows["梅溪镇"].figures
    assert (meixi.deputies, meixi.enrolled, meixi.participants, meixi.participation) == (
        3,
        0,
        0,
        0,
    )
    assert meixi.completion is None  # nothing enrolled, nothing to complete
    assert rows["孝丰镇"].figures.participation == 100  # 吴明 left office: not counted
    assert (board.total.deputies, board.total.participants, board.total.participation) == (
        9,
        5,
        56,
    )


def test_a_township_where_nobody_is_enrolled_is_furthest_behind(unenrolled, county, county_officer):
    board = dashboard(county_officer, "county", county.pk, as_of=date(2026, 4, 30))

    assert board.least_advanced.label == "梅溪镇"
    assert [row.label for row in board.rows if row.highlight] == ["梅溪镇"]


def test_deputies_not_enrolled_count_as_behind_when_ranking(land, county, county_officer):
    """孝丰镇 (1 of 2 enrolments completed) is behind 递铺街道 (3 of 5) until 递铺 has three
    more deputies with no course: 3 done of 5 enrolments and 3 deputies to start is behind
    1 of 2."""
    board = dashboard(county_officer, "county", county.pk, as_of=date(2026, 4, 30))
    assert board.least_advanced.label == "孝丰镇"

    for n in range(3):
        DeputyFactory(
            township=land["deputies"]["赵志强"].township,
            station=None,
            user__mobile=f"1362000000{n}",
        )

    board = dashboard(county_officer, "county", county.pk, as_of=date(2026, 4, 30))
    assert rows_of(board)["递铺街道"].figures.participation == 57  # 4 of 7
    assert board.least_advanced.label == "递铺街道"


def test_participation_as_of_a_day_counts_the_enrolments_made_by_then(
    unenrolled, county, county_officer
):
    # Every enrolment of the land dates from 2026-01-05.
    before = dashboard(county_officer, "county", county.pk, as_of=date(2026, 1, 4))
    assert [row.figures.participation for row in before.rows] == [0, 0, 0]
    assert before.total.participation == 0
    # All at 0: furthest behind is the place with the most deputies yet to start.
    assert before.least_advanced.label == "递铺街道"


def test_in_one_course_participation_is_of_the_deputies_it_is_meant_for(
    unenrolled, land, county, county_officer, other_township
):
    law = dashboard(
        county_officer, "county", county.pk, course_id=land["law"].pk, as_of=date(2026, 4, 30)
    )
    # 王秀英, 李建国, 张丽华 take 代表法入门; 赵志强 and 孙新 do not.
    assert rows_of(law)["递铺街道"].figures.participation == 60

    supervision = land["supervision"]
    supervision.townships.set([other_township])  # only for 孝丰镇
    supervision.save()  # a page's many-to-many is written when the page is saved
    board = dashboard(
        county_officer, "county", county.pk, course_id=supervision.pk, as_of=date(2026, 4, 30)
    )
    rows = rows_of(board)
    # Townships the course is not meant for have no rate; one where nobody takes it is not
    # behind in it (递铺's two who enrolled before the course was limited still count).
    assert rows["递铺街道"].figures.participation is None
    assert rows["梅溪镇"].figures.participation is None
    assert rows["孝丰镇"].figures.participation == 100
    assert not rows["梅溪镇"].highlight


def test_on_a_stations_page_a_deputy_with_no_course_is_furthest_behind(
    unenrolled, station, county_officer
):
    board = dashboard(county_officer, "station", station.pk, as_of=date(2026, 4, 30))

    assert (board.total.deputies, board.total.participation) == (3, 67)
    assert board.least_advanced.label == "孙新"


def test_the_page_shows_participation_and_the_township_nobody_started(
    english, unenrolled, county, county_officer
):
    english.force_login(county_officer)

    page = english.get(
        reverse("dashboard:county", args=[county.pk]), {"as_of": "2026-04-30"}
    ).content.decode()

    assert (
        '<div class="kpi"><dt>Participation</dt><dd>56%<span class="kpi__note">5 / 9</span>' in page
    )
    assert "Least advanced:" in page and "梅溪镇</a> · 0% taking part · nobody enrolled yet" in page
    # The column, sortable, and a chart of its own.
    assert ">Participation</a></th>" in page
    assert "Participation: Townships" in page
    assert "梅溪镇: 0% 0/3 Behind" in page
    assert "梅溪镇: No data Behind" in page  # the completion chart: no 0/0
    assert "Participation: share of the deputies in office enrolled in at least one course" in page


def test_the_page_in_chinese(client, unenrolled, county, county_officer):
    client.force_login(county_officer)

    page = client.get(
        reverse("dashboard:county", args=[county.pk]), {"as_of": "2026-04-30"}
    ).content.decode()

    assert "<dt>参学率</dt><dd>56%" in page
    assert "参学率：各乡镇（街道）" in page
    assert "梅溪镇</a> · 参学率 0% · 尚无人参学" in page


def test_sorting_by_participation(client, unenrolled, county, county_officer):
    client.force_login(county_officer)
    address = reverse("dashboard:county", args=[county.pk])

    rows = client.get(address, {"as_of": "2026-04-30", "sort": "participation"})

    assert [row.label for row in rows.context["rows"]] == ["梅溪镇", "递铺街道", "孝丰镇"]


def test_the_export_has_participation_at_every_level(
    client, unenrolled, county, township, county_officer
):
    client.force_login(county_officer)
    response = client.get(
        reverse("dashboard:county_export", args=[county.pk]), {"as_of": "2026-04-30"}
    )
    book = load_workbook(io.BytesIO(response.content))
    overview = [row for row in book.worksheets[0].iter_rows(values_only=True) if any(row)]
    header = next(row for row in overview if row[0] == "乡镇（街道）")
    assert header[1:4] == ("在任代表", "参学代表", "参学率（%）")
    enrolled_at, rate_at = 2, 3
    by_name = {row[0]: row for row in overview}
    assert (by_name["梅溪镇"][enrolled_at], by_name["梅溪镇"][rate_at]) == (0, 0)
    assert (by_name["递铺街道"][enrolled_at], by_name["递铺街道"][rate_at]) == (4, 80)
    assert by_name["合计"][rate_at] == 56
    # A deputy's own sheet leaves out what only adds up over several.
    deputies = [row for row in book.worksheets[-1].iter_rows(values_only=True) if any(row)]
    assert not any("参学率（%）" in row for row in deputies)

    # A township's export: its stations' rates.
    response = client.get(
        reverse("dashboard:township_export", args=[township.pk]), {"as_of": "2026-04-30"}
    )
    overview = list(load_workbook(io.BytesIO(response.content)).worksheets[0].values)
    by_name = {row[0]: row for row in overview if row and row[0]}
    assert by_name["递铺代表联络站"][rate_at] == 67  # 王秀英, 李建国 of three with 孙新
