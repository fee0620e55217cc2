"""Roster files as county offices keep them, and the review before an import writes: the sheet
and header row found, columns not read, each refused row with the value found, the problems as
a workbook, and what an update changes, confirmed before anything is written."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import Action, AuditEntry
from deputies.models import Deputy, RosterImport, Township, User
from deputies.roster import read_roster

from .rosters import build_roster, county_office_roster, roster_row, roster_upload

UPLOAD = reverse("roster_upload")


def upload(client, content, county, name="roster.xlsx"):
    return client.post(UPLOAD, {"file": roster_upload(content, name), "county": county.pk})


def confirm(client, response):
    pending = response.context["upload"]
    return client.post(
        reverse("roster_confirm", args=[pending.pk]), {"digest": response.context["digest"]}
    )


@pytest.fixture
def places(county, township, station, other_station):
    return township


COUNTY_ROWS = [
    roster_row(name="王　芳", gender="女", mobile=13512340001.0, term=18),
    roster_row(
        name=" 陈 建 军 ",
        mobile="１３５ １２３４ ０００２",
        level="县级",
        term="第十八届",
        station="",
    ),
    roster_row(
        name="李桂兰",
        gender="女",
        mobile=13512340003,
        term="１８",
        township="递铺街道 ",
        station="古城代表联络站",
        card_number="Ａ-0012",
        active="",
    ),
]


def test_a_county_offices_roster_is_read_as_it_is_kept(county, places, in_english):
    content = county_office_roster(COUNTY_ROWS, numbered_to=40)

    plan = read_roster(content, townships=Township.objects.filter(county=county))

    assert plan.errors == []
    assert (plan.sheet, plan.header_row) == ("2026年名册", 3)
    assert plan.warnings == [
        "These columns are not read, and what they hold is not imported: 备注（K）."
    ]
    rows = [(r.row, r.name, r.mobile, r.action) for r in plan.rows]
    assert rows == [
        (4, "王芳", "13512340001", "create"),
        (5, "陈建军", "13512340002", "create"),
        (6, "李桂兰", "13512340003", "create"),
    ]
    li = plan.rows[2].deputy_fields
    assert (li["term"], li["card_number"], li["station"].name, li["is_active"]) == (
        18,
        "A-0012",
        "古城代表联络站",
        True,
    )


def test_a_hidden_sheet_is_not_read_and_the_page_says_which_sheet_was(
    english, county, places, county_officer
):
    english.force_login(county_officer)

    response = upload(english, county_office_roster(COUNTY_ROWS), county)

    # The column 备注 is not read: the file waits for a look before anything is written.
    assert response.status_code == 200
    assert "read the sheet “2026年名册”, column headings on row 3" in response.text
    assert "备注（K）" in response.text
    assert not Deputy.objects.exists()
    done = confirm(english, response)
    assert done.status_code == 200
    assert "Read from the sheet “2026年名册”, column headings on row 3." in done.text
    assert sorted(Deputy.objects.values_list("user__name", flat=True)) == [
        "李桂兰",
        "王芳",
        "陈建军",
    ]
    assert not User.objects.filter(name="旧名字").exists()


def test_an_update_shows_each_change_and_waits_for_a_confirmation(
    english, county, places, deputy, county_officer
):
    deputy.term = 8
    deputy.save()
    row = roster_row(
        name="王秀英",
        gender="女",
        mobile="13600000001",
        term=18,
        station="古城代表联络站",
        active="否",
    )
    new = roster_row(name="林小红", mobile="13512340005")
    english.force_login(county_officer)

    response = upload(english, build_roster([row, new]), county)

    assert response.status_code == 200
    assert "Importing changes 1 deputy" in response.text
    assert "Term: <del>8</del> → <ins>18</ins>" in response.text
    assert "Liaison station: <del>递铺代表联络站</del> → <ins>古城代表联络站</ins>" in response.text
    assert "In office: <del>In office</del> → <ins>Left office</ins>" in response.text
    assert "136****0001" in response.text
    assert "Import with these changes" in response.text
    deputy.refresh_from_db()
    assert (deputy.term, deputy.station.name, deputy.is_active) == (8, "递铺代表联络站", True)
    assert not Deputy.objects.filter(user__name="林小红").exists()
    assert not AuditEntry.objects.filter(action=Action.ROSTER_IMPORTED).exists()

    done = confirm(english, response)

    assert done.status_code == 200
    assert "Imported: 1 new, 1 updated, 0 unchanged." in done.text
    deputy.refresh_from_db()
    assert (deputy.term, deputy.station.name, deputy.is_active) == (18, "古城代表联络站", False)
    (entry,) = AuditEntry.objects.filter(action=Action.ROSTER_IMPORTED)
    assert (entry.detail["created"], entry.detail["updated"]) == (1, 1)


def test_the_changes_read_in_chinese(client, county, places, deputy, county_officer):
    deputy.term = 8
    deputy.save()
    client.force_login(county_officer)

    response = upload(
        client, build_roster([roster_row(name="王秀英", mobile="13600000001")]), county
    )

    assert "届次：<del>8</del> → <ins>18</ins>" in response.text
    assert "性别：<del>女</del> → <ins>男</ins>" in response.text


def test_a_plan_that_changed_since_the_review_is_shown_again_not_written(
    english, county, places, deputy, county_officer
):
    deputy.term = 8
    deputy.save()
    english.force_login(county_officer)
    row = roster_row(name="王秀英", gender="女", mobile="13600000001", term=18)
    response = upload(english, build_roster([row]), county)
    assert "Term: <del>8</del> → <ins>18</ins>" in response.text
    # A clerk corrects the deputy before the import is confirmed.
    Deputy.objects.filter(pk=deputy.pk).update(term=20)

    again = confirm(english, response)

    assert again.status_code == 409
    assert "The roster has changed since this file was checked." in again.text
    assert "Term: <del>20</del> → <ins>18</ins>" in again.text
    deputy.refresh_from_db()
    assert deputy.term == 20
    assert RosterImport.objects.get().applied_at is None

    assert confirm(english, again).status_code == 200
    deputy.refresh_from_db()
    assert deputy.term == 18


def test_a_confirmation_without_the_reviewed_plan_writes_nothing(
    client, county, places, county_officer
):
    client.force_login(county_officer)
    upload(client, build_roster([roster_row(), roster_row(mobile="123")]), county)

    response = client.post(reverse("roster_confirm", args=[RosterImport.objects.get().pk]))

    assert response.status_code == 409
    assert not Deputy.objects.exists()


def test_a_file_of_new_deputies_only_is_imported_at_once_and_again_as_all_unchanged(
    english, county, places, county_officer
):
    english.force_login(county_officer)
    content = build_roster([roster_row(), roster_row(name="林小红", mobile="13512340005")])

    first = upload(english, content, county)
    second = upload(english, content, county)

    assert first.status_code == second.status_code == 200
    assert (first.context["plan"].created, second.context["plan"].unchanged) == (2, 2)
    assert "Roster imported" in second.text
    assert not RosterImport.objects.exists()


def formula_cells(content: bytes):
    workbook = load_workbook(io.BytesIO(content))
    return [
        cell.coordinate
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def test_the_problems_download_has_row_column_value_and_reason_and_no_formulas(
    english, county, places, deputy, county_officer
):
    deputy.term = 8
    deputy.save()
    content = build_roster(
        [
            roster_row(name="王秀英", gender="女", mobile="13600000001"),
            roster_row(name="@SUM(1+1)", gender="+1", mobile="13512340002"),
            roster_row(name="林小红", mobile="@13512340003", term="下届"),
        ]
    )
    english.force_login(county_officer)
    response = upload(english, content, county)
    assert 'href="{}"'.format(reverse("roster_problems", args=[response.context["upload"].pk])) in (
        response.text
    )

    download = english.get(reverse("roster_problems", args=[response.context["upload"].pk]))

    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(download.content))
    problems = list(workbook["Problems"].iter_rows(min_row=2, values_only=True))
    assert problems == [
        ("Row", "Column", "Heading", "Value in the file", "Problem", "Name"),
        (3, "B", "性别", "'+1", "must be 男 or 女", "'@SUM(1+1)"),
        (4, "C", "手机号码", "'@13512340003", "not an 11-digit mainland mobile number", "林小红"),
        (4, "E", "届次", "下届", "must be a number such as 18 or 第十八届", "林小红"),
    ]
    changes = list(workbook["Changes"].iter_rows(min_row=3, values_only=True))
    assert changes == [(2, "王秀英", "136****0001", "Term", "8", "18")]
    assert formula_cells(download.content) == []


def test_the_review_lists_only_so_many_rows_and_points_to_the_download(
    english, county, places, county_officer, monkeypatch
):
    from deputies.views import roster as views

    monkeypatch.setattr(views, "REVIEW_LIMIT", 2)
    english.force_login(county_officer)
    rows = [roster_row(mobile=f"1351234000{n}", gender="?") for n in range(5)]

    response = upload(english, build_roster(rows), county)

    assert "5 rows cannot be imported" in response.text
    assert response.text.count("must be 男 or 女") == 2
    assert "The first 2 are listed here; the download has them all." in response.text


def test_review_pages_make_a_fixed_number_of_queries(
    english, county, places, county_officer, django_assert_max_num_queries
):
    english.force_login(county_officer)

    def rows(n):
        return [
            roster_row(mobile=f"135123{i:05d}", gender="?" if i % 2 else "男") for i in range(n)
        ]

    with django_assert_max_num_queries(16) as few:
        upload(english, build_roster(rows(4)), county)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = upload(english, build_roster(rows(60)), county)
    with django_assert_max_num_queries(len(few.captured_queries)):
        english.get(reverse("roster_problems", args=[response.context["upload"].pk]))
    # Confirming writes each new deputy with a few queries (the account, the deputy, and the
    # checks of full_clean); the rest is fixed.
    with django_assert_max_num_queries(20 + 7 * 30):
        assert confirm(english, response).status_code == 200
    assert Deputy.objects.count() == 30
