"""Reports across terms: "as of" a day counts the deputies who held a seat that day."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports.dashboard.selectors import dashboard

from .records import at, attend
from .scenarios import CHANGE, LAST_OLD


def in_office(board):
    return {row.label: row.figures.deputies for row in board.rows}


def test_as_of_the_day_before_and_after_the_change(county_officer, county, change):
    before = dashboard(county_officer, "county", county.pk, as_of=LAST_OLD)
    after = dashboard(county_officer, "county", county.pk, as_of=CHANGE)
    # 老周 and 钱英 on the old term's last day; 钱英, 新甲, 新乙 on the new term's first.
    assert in_office(before) == {"递铺街道": 2, "孝丰镇": 1}
    assert in_office(after) == {"递铺街道": 3, "孝丰镇": 1}
    assert (before.total.deputies, after.total.deputies) == (3, 4)


def test_a_deputy_who_resigned_counts_until_their_last_day(county_officer, county, change):
    last_day = dashboard(county_officer, "county", county.pk, as_of=date(2021, 6, 30))
    next_day = dashboard(county_officer, "county", county.pk, as_of=date(2021, 7, 1))
    assert in_office(last_day)["递铺街道"] == 3  # 老周, 何军, 钱英
    assert in_office(next_day)["递铺街道"] == 2


def test_a_seat_whose_start_is_not_known_counts_on_any_day(county_officer, county, change):
    for day in (date(2001, 1, 1), LAST_OLD, CHANGE, date.today()):
        board = dashboard(county_officer, "county", county.pk, as_of=day)
        assert in_office(board)["孝丰镇"] == 1, day


def test_a_stations_rows_are_the_deputies_of_the_day(county_officer, station, change):
    def names(day):
        board = dashboard(county_officer, "station", station.pk, as_of=day)
        return sorted(row.label for row in board.rows)

    assert names(LAST_OLD) == ["老周", "钱英"]
    assert names(CHANGE) == ["新乙", "新甲", "钱英"]


def test_the_export_lists_the_deputies_of_the_day(client, county_officer, county, change):
    client.force_login(county_officer)
    address = reverse("dashboard:county_export", args=[county.pk])
    book = load_workbook(io.BytesIO(client.get(address, {"as_of": "2021-12-31"}).content))
    sheet = book.worksheets[-1]
    names = {row[0] for row in sheet.iter_rows(values_only=True)}
    assert {"老周", "钱英"} <= names
    assert not {"新甲", "新乙", "何军"} & names


# A term as the dashboard's filter ------------------------------------------------------------


def county_page(client, county, **query):
    return client.get(reverse("dashboard:county", args=[county.pk]), query)


def test_the_current_term_is_shown_by_default(english, county_officer, county, terms, change):
    english.force_login(county_officer)
    response = county_page(english, county)
    board = response.context["board"]
    assert board.term == terms["county_new"] and board.as_of == date.today()
    assert "Term 19 (from 2022-01-01, current)" in response.content.decode()


def test_a_past_term_counts_to_its_last_day(english, county_officer, county, terms, change):
    english.force_login(county_officer)
    response = county_page(english, county, term=terms["county_old"].pk)
    board = response.context["board"]
    assert (board.term, board.as_of, board.total.deputies) == (terms["county_old"], LAST_OLD, 3)
    page = response.content.decode()
    assert "Term 18 (2017-01-01 – 2021-12-31)" in page
    assert "figures as of 2021-12-31" in page


def test_a_day_inside_the_past_term_is_kept(english, county_officer, county, terms, change):
    english.force_login(county_officer)
    board = county_page(english, county, term=terms["county_old"].pk, as_of="2021-06-30").context[
        "board"
    ]
    assert (board.as_of, board.total.deputies) == (date(2021, 6, 30), 4)


def test_a_day_alone_shows_the_term_it_falls_in(english, county_officer, county, terms, change):
    english.force_login(county_officer)
    board = county_page(english, county, as_of="2020-05-01").context["board"]
    assert board.term == terms["county_old"]


def test_a_day_outside_the_term_chosen_is_refused(english, county_officer, county, terms):
    english.force_login(county_officer)
    for address in ("county", "county_export"):
        response = english.get(
            reverse(f"dashboard:{address}", args=[county.pk]),
            {"term": terms["county_old"].pk, "as_of": "2022-03-01"},
        )
        assert response.status_code == 400
        assert "2022-03-01 is not in Term 18 (2017-01-01 – 2021-12-31)" in response.content.decode()


def test_another_congresss_term_is_not_a_choice(english, county_officer, county, terms):
    english.force_login(county_officer)
    response = county_page(english, county, term=terms["old"].pk)  # 递铺街道's, not the county's
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()


def test_a_township_offers_its_own_congresss_terms(
    client, county_officer, township, station, other_township, terms
):
    client.force_login(county_officer)
    for address in (
        reverse("dashboard:township", args=[township.pk]),
        reverse("dashboard:station", args=[station.pk]),
    ):
        board = client.get(address).context["board"]
        assert board.terms == [terms["new"], terms["old"]]
    board = client.get(reverse("dashboard:township", args=[other_township.pk])).context["board"]
    assert board.terms == [terms["xiaofeng"]]


def test_the_export_carries_the_term(english, county_officer, county, terms, change):
    english.force_login(county_officer)
    response = english.get(
        reverse("dashboard:county_export", args=[county.pk]), {"term": terms["county_old"].pk}
    )
    book = load_workbook(io.BytesIO(response.content))
    overview = [row[0] for row in book.worksheets[0].iter_rows(values_only=True)]
    assert overview[0].endswith("as of 2021-12-31 · Term 18 (2017-01-01 – 2021-12-31)")
    names = {row[0] for row in book.worksheets[-1].iter_rows(values_only=True)}
    assert "老周" in names and "新甲" not in names


# The learning archive's seats and terms ----------------------------------------------------------


@pytest.fixture
def two_terms_of_study(change, station):
    """钱英, re-elected, studied in each term: 2021-03-10 (1.5 hours) and 2022-03-10 (2.0)."""
    qian = change["钱英"]
    attend(qian, station, topic="旧届集中学习", when=at(2021, 3, 10))
    attend(qian, station, topic="新届集中学习", when=at(2022, 3, 10), hours="2.0")
    return qian


def archive_of(deputy):
    return reverse("reports:deputy_archive", args=[deputy.pk])


def test_the_archive_lists_the_deputys_seats(english, county_officer, change, terms):
    english.force_login(county_officer)
    page = english.get(archive_of(change["钱英"])).content.decode()
    assert "Terms served" in page
    assert "Term 18 (from 2022-01-01, current)" in page
    assert "Term 17 (2017-01-01 – 2021-12-31)" in page
    assert "Term ended" in page and "re-elected" in page
    resigned = english.get(archive_of(change["何军"])).content.decode()
    assert "2017-01-01 – 2021-06-30" in resigned and "Resigned" in resigned


def test_the_archive_narrowed_to_a_term(english, county_officer, two_terms_of_study, terms):
    english.force_login(county_officer)
    address = archive_of(two_terms_of_study)
    whole = english.get(address).context["archive"]
    assert [s.topic for s in whole.sessions] == ["新届集中学习", "旧届集中学习"]
    assert whole.hours_total.study_hours == Decimal("3.5")
    old = english.get(address, {"term": terms["old"].pk})
    archive = old.context["archive"]
    assert [s.topic for s in archive.sessions] == ["旧届集中学习"]
    assert archive.hours_total.study_hours == Decimal("1.5")
    page = old.content.decode()
    assert "what happened between the term's first and last day" in page
    assert f"archive.pdf?term={terms['old'].pk}" in page
    new = english.get(address, {"term": terms["new"].pk}).context["archive"]
    assert [s.topic for s in new.sessions] == ["新届集中学习"]


def test_a_term_the_deputy_did_not_serve_is_refused(english, county_officer, change, terms):
    english.force_login(county_officer)
    for suffix in ("", "archive.pdf"):
        response = english.get(archive_of(change["新甲"]) + suffix, {"term": terms["old"].pk})
        assert response.status_code == 400
        assert "Choose one of the terms the deputy served in." in response.content.decode()


def test_the_terms_in_chinese(client, county_officer, county, terms, change):
    client.force_login(county_officer)
    page = client.get(reverse("dashboard:county", args=[county.pk])).content.decode()
    assert "第十八届（2017-01-01 — 2021-12-31）" in page
    assert "按所选日期（默认本届）" in page
    archive = client.get(archive_of(change["何军"])).content.decode()
    for text in ("任职届次", "递铺街道人民代表大会", "第十七届（2017-01-01 — 2021-12-31）", "辞职"):
        assert text in archive, text
