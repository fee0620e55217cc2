"""The current roster exported in the import template's layout: edited and uploaded again, or
uploaded unchanged (all unchanged); full mobile numbers only to those who see them on the
deputies' pages; drop-down lists to pick from."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import Action, AuditEntry
from deputies.factories import DeputyFactory, LiaisonStationFactory
from deputies.models import Deputy, RosterImport, StaffRole
from deputies.services import grant_role

from .rosters import roster_upload

EXPORT = reverse("roster_export")
UPLOAD = reverse("roster_upload")


@pytest.fixture
def roster(county, deputy, other_station_deputy, other_township_deputy, other_county_deputy):
    """The county's deputies as the demo might have them: one without a station, one out of
    office with a card number that reads like a formula, one whose name was stored padded."""
    DeputyFactory(
        station=None,
        township=deputy.township,
        level=Deputy.Level.COUNTY,
        gender=Deputy.Gender.MALE,
        term=17,
        user__name="周海",
        user__mobile="13600000011",
    )
    DeputyFactory(
        station=deputy.station,
        is_active=False,
        card_number="=HYPERLINK(1)",
        user__name="-林",
        user__mobile="13600000012",
    )
    DeputyFactory(station=deputy.station, user__name="王 芳", user__mobile="13600000013")
    return Deputy.objects.filter(township__county=county)


def rows_of(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return list(sheet.iter_rows(min_row=3, values_only=True))


def export(client, **query):
    response = client.get(EXPORT, query)
    assert response.status_code == 200, response.status_code
    assert response["Content-Disposition"].startswith('attachment; filename="roster-330523-')
    return response.content


def test_an_exported_roster_uploaded_unchanged_is_all_unchanged(
    english, county, roster, county_officer
):
    english.force_login(county_officer)
    content = export(english)
    before = list(roster.values_list("pk", "updated_at", "user__name").order_by("pk"))

    response = english.post(UPLOAD, {"file": roster_upload(content), "county": county.pk})

    assert response.status_code == 200
    plan = response.context["plan"]
    assert (plan.created, plan.updated, plan.unchanged, plan.errors) == (0, 0, 6, [])
    assert "Roster imported" in response.text
    assert list(roster.values_list("pk", "updated_at", "user__name").order_by("pk")) == before


def test_the_export_holds_the_county_in_full_and_nothing_else(
    county, roster, county_officer, client, other_county_deputy
):
    client.force_login(county_officer)

    rows = rows_of(export(client))

    assert len(rows) == 6
    by_mobile = {row[2]: row for row in rows}
    assert set(by_mobile) == set(roster.values_list("user__mobile", flat=True))
    assert other_county_deputy.user.mobile not in by_mobile
    assert by_mobile["13600000011"] == ("周海", "男", "13600000011", "县级", 17, "递铺街道", None,
                                        None, "是")  # fmt: skip
    # Text that would read as a formula is written as text.
    assert by_mobile["13600000012"][0] == "'-林"
    assert by_mobile["13600000012"][7:] == ("'=HYPERLINK(1)", "否")
    # Taking the mobile numbers away is in the audit log.
    (entry,) = AuditEntry.objects.filter(action=Action.ROSTER_EXPORTED)
    assert (entry.actor, entry.county, entry.detail) == (
        county_officer,
        county,
        {"count": 6, "place": "安吉县"},
    )
    assert entry.description == "6名安吉县代表，含手机号码。"


def test_township_staff_export_their_township_with_the_numbers_they_see(
    client, county, roster, township_staff, other_township_deputy
):
    client.force_login(township_staff)

    rows = rows_of(export(client))

    assert {row[5] for row in rows} == {"递铺街道"}
    assert other_township_deputy.user.mobile not in {row[2] for row in rows}
    # Each number in the file is one the clerk sees in full on that deputy's page.
    for deputy in roster.filter(township__name="递铺街道"):
        page = client.get(reverse("deputy_detail", args=[deputy.pk]))
        assert page.status_code == 200 and deputy.user.mobile in page.text
        assert deputy.user.mobile in {row[2] for row in rows}


def test_an_edited_export_shows_its_changes_and_new_rows_before_importing(
    english, county, roster, county_officer, deputy
):
    english.force_login(county_officer)
    workbook = load_workbook(io.BytesIO(export(english)))
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(min_row=3):
        if row[2].value == deputy.user.mobile:
            row[4].value = 19
    sheet.append(
        ["林小红", "女", "13512340005", "乡镇级", 18, "孝丰镇", "孝丰代表联络站", "", "是"]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = english.post(UPLOAD, {"file": roster_upload(buffer.getvalue()), "county": county.pk})

    assert response.status_code == 200
    plan = response.context["plan"]
    assert (plan.created, plan.updated, plan.unchanged) == (1, 1, 5)
    assert "Term: <del>18</del> → <ins>19</ins>" in response.text
    done = english.post(
        reverse("roster_confirm", args=[RosterImport.objects.get().pk]),
        {"digest": response.context["digest"]},
    )
    assert done.status_code == 200
    deputy.refresh_from_db()
    assert deputy.term == 19
    assert Deputy.objects.filter(user__name="林小红", township__name="孝丰镇").exists()


def validations(sheet) -> dict[str, tuple[str, int]]:
    """Each validated range's first cell, with its list and last row."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        first, last = str(validation.sqref).split(":")
        found[first] = (validation.formula1, int(last[1:]))
    return found


def test_the_export_and_the_template_have_drop_down_lists(client, county, roster, county_officer):
    client.force_login(county_officer)

    for url in (EXPORT, reverse("roster_template")):
        workbook = load_workbook(io.BytesIO(client.get(url).content))
        sheet = workbook.worksheets[0]
        found = validations(sheet)
        assert {cell: formula for cell, (formula, _last) in found.items()} == {
            "B3": '"男,女"',
            "D3": '"县级,乡镇级"',
            "I3": '"是,否"',
            "F3": "=Townships",
            "G3": "=Stations",
        }
        # Room below the rows to add deputies by hand, lists and all.
        assert {last for _formula, last in found.values()} == {sheet.max_row + 500}
        lists = workbook["选项"]
        assert lists.sheet_state == "hidden"
        assert workbook.defined_names["Townships"].attr_text == "'选项'!$A$1:$A$2"
        assert workbook.defined_names["Stations"].attr_text == "'选项'!$B$1:$B$3"
        assert [c.value for c in lists["A"] if c.value] == ["孝丰镇", "递铺街道"]
        assert [c.value for c in lists["B"]] == [
            "古城代表联络站",
            "孝丰代表联络站",
            "递铺代表联络站",
        ]


def test_a_county_with_many_stations_lists_them_all(client, county, township, county_officer):
    names = [f"递铺街道第{n}社区代表联络站（代表之家）" for n in range(1, 61)]
    for name in names:
        LiaisonStationFactory(township=township, name=name)
    client.force_login(county_officer)

    workbook = load_workbook(io.BytesIO(client.get(reverse("roster_template")).content))

    assert len("，".join(names)) > 255  # more than a list written inline may hold
    assert sorted(c.value for c in workbook["选项"]["B"]) == sorted(names)
    assert workbook.defined_names["Stations"].attr_text == "'选项'!$B$1:$B$60"


def test_the_county_is_one_of_ones_own(client, county, roster, other_county, superuser):
    officer_elsewhere = DeputyFactory(user__mobile="13700000098").user
    grant_role(user=officer_elsewhere, kind=StaffRole.Kind.COUNTY, place=other_county)
    client.force_login(officer_elsewhere)
    assert client.get(EXPORT, {"county": county.pk}).status_code == 404
    # Anything but a county id is their own county, the only one they have.
    own = client.get(EXPORT, {"county": "x"})
    assert own.status_code == 200
    mobiles = {row[2] for row in rows_of(own.content)}
    assert mobiles and not mobiles & set(roster.values_list("user__mobile", flat=True))

    client.force_login(superuser)
    assert client.get(EXPORT).status_code == 404  # two counties: which?
    assert len(rows_of(export(client, county=county.pk))) == 6


def test_the_export_makes_a_fixed_number_of_queries(
    client, county, township, station, county_officer, django_assert_max_num_queries
):
    client.force_login(county_officer)
    DeputyFactory.create_batch(3, station=station)
    with django_assert_max_num_queries(10) as few:
        client.get(EXPORT)
    DeputyFactory.create_batch(40, station=station)
    with django_assert_max_num_queries(len(few.captured_queries)):
        content = client.get(EXPORT).content
    assert len(rows_of(content)) == 43


def test_the_upload_page_offers_the_export(
    client, county, township, county_officer, django_assert_max_num_queries
):
    client.force_login(county_officer)
    with django_assert_max_num_queries(8):
        response = client.get(UPLOAD)
    assert f'href="{EXPORT}?county={county.pk}"' in response.text
