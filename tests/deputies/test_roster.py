import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from deputies.factories import DeputyFactory, LiaisonStationFactory, UserFactory
from deputies.models import County, Deputy, RosterImport, StaffRole, Township, User
from deputies.roster import Problem, RosterFileError, apply_roster, parse_term, read_roster
from deputies.services import grant_role

from .rosters import build_roster, roster_row, roster_upload

UPLOAD = reverse("roster_upload")
REFUSAL = "cannot be imported in your area: check it, or ask an administrator"


def check(content, county):
    return read_roster(content, townships=Township.objects.filter(county=county))


def errors(plan):
    return [(e.row, e.message) for e in plan.errors]


def save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, content, county, name="roster.xlsx"):
    return client.post(UPLOAD, {"file": roster_upload(content, name), "county": county.pk})


@pytest.fixture
def places(county, township, station, other_station, other_township):
    LiaisonStationFactory(township=other_township, name="孝丰代表联络站")


def test_a_good_file_creates_deputies(county, places):
    content = build_roster(
        [
            roster_row(),
            roster_row(
                name="李桂兰",
                gender="女",
                mobile="135 1234 0002",
                level="县级",
                term=18,
                station="",
                card_number="A-0012",
                active="否",
            ),
            roster_row(
                name="周海燕", mobile="13512340003", township="孝丰镇", station="孝丰代表联络站"
            ),
        ]
    )

    plan = apply_roster(check(content, county))

    assert (plan.created, plan.updated, plan.unchanged, plan.errors) == (3, 0, 0, [])
    chen = Deputy.objects.select_related("user", "station").get(user__mobile="13512340001")
    assert (chen.user.name, chen.gender, chen.level, chen.term) == (
        "陈建军",
        "male",
        "township",
        18,
    )
    assert (chen.station.name, chen.is_active) == ("递铺代表联络站", True)
    assert not chen.user.has_usable_password()
    li = Deputy.objects.get(user__mobile="13512340002")
    assert (li.level, li.station, li.card_number, li.is_active) == ("county", None, "A-0012", False)
    assert Deputy.objects.get(user__name="周海燕").township.name == "孝丰镇"


def test_importing_the_same_file_twice_changes_nothing(county, places):
    content = build_roster([roster_row(), roster_row(name="李桂兰", mobile="13512340002")])
    apply_roster(check(content, county))
    before = list(Deputy.objects.values_list("pk", "updated_at").order_by("pk"))

    again = apply_roster(check(content, county))

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert list(Deputy.objects.values_list("pk", "updated_at").order_by("pk")) == before
    assert User.objects.count() == 2


def test_a_known_number_updates_that_deputy(county, places, deputy):
    content = build_roster(
        [roster_row(name="王秀兰", mobile="13600000001", station="古城代表联络站")]
    )

    plan = apply_roster(check(content, county))

    assert (plan.created, plan.updated) == (0, 1)
    deputy.refresh_from_db()
    deputy.user.refresh_from_db()
    assert (deputy.user.name, deputy.station.name) == ("王秀兰", "古城代表联络站")
    assert deputy.user.check_password("pass-word-1")  # the account is the same one
    assert Deputy.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        (
            {"mobile": "1351234"},
            ("手机号码", "C", "1351234", "not an 11-digit mainland mobile number"),
        ),
        (
            {"township": "无名镇"},
            ("乡镇（街道）", "F", "无名镇", "not a township of your area on this platform"),
        ),
        ({"township": ""}, ("乡镇（街道）", "F", "", "empty")),
        (
            {"station": "无名站"},
            ("代表联络站", "G", "无名站", "not a liaison station of 递铺街道 on this platform"),
        ),
        (
            {"station": "孝丰代表联络站"},
            (
                "代表联络站",
                "G",
                "孝丰代表联络站",
                "not a liaison station of 递铺街道 on this platform",
            ),
        ),
        (
            {"mobile": "13512340001"},
            ("手机号码", "C", "13512340001", "the same number is on row 2"),
        ),
        ({"name": ""}, ("姓名", "A", "", "empty")),
        ({"name": "名" * 51}, ("姓名", "A", "名" * 51, "longer than 50 characters")),
        ({"gender": "M"}, ("性别", "B", "M", "must be 男 or 女")),
        ({"level": "省级"}, ("代表层级", "D", "省级", "must be 县级 or 乡镇级")),
        ({"term": "下一届"}, ("届次", "E", "下一届", "must be a number such as 18 or 第十八届")),
        ({"card_number": "X" * 31}, ("代表证号", "H", "X" * 31, "longer than 30 characters")),
        ({"active": "也许"}, ("是否在任", "I", "也许", "must be 是 or 否 (empty means 是)")),
    ],
)
def test_each_bad_row_is_reported_with_its_column_value_and_reason(
    county, places, in_english, changes, problem
):
    changes.setdefault("mobile", "13512340009")
    content = build_roster([roster_row(), roster_row(**changes), roster_row(mobile="13512340003")])

    plan = check(content, county)

    heading, letter, value, reason = problem
    assert [(e.row, e.problems) for e in plan.errors] == [
        (3, [Problem(reason, heading=heading, letter=letter, value=value)])
    ]
    assert errors(plan) == [(3, f"{heading} “{value}”: {reason}")]
    assert [r.row for r in plan.rows] == [2, 4]


def test_every_problem_of_a_row_is_listed_and_rows_are_numbered_as_in_excel(
    county, places, in_english
):
    content = build_roster(
        [roster_row(), [None] * 9, roster_row(name="", gender="?", mobile="13512340002")]
    )

    plan = check(content, county)

    assert errors(plan) == [(4, "姓名 “”: empty；性别 “?”: must be 男 or 女")]


def test_a_number_of_another_county_deputy_is_refused(county, places, in_english):
    stranger = DeputyFactory(user__mobile="13512349999")
    assert stranger.township.county != county

    plan = check(build_roster([roster_row(mobile="13512349999")]), county)

    assert errors(plan) == [(2, f"手机号码 “13512349999”: {REFUSAL}")]
    assert apply_roster(plan).rows == []
    stranger.refresh_from_db()
    assert stranger.user.name != "陈建军"


def test_township_staff_import_only_into_their_township(
    english, township_staff, county, places, other_township_deputy
):
    content = build_roster(
        [
            roster_row(),
            roster_row(name="张丽华", mobile="13600000003", station=""),  # of 孝丰镇
            roster_row(mobile="13512340002", township="孝丰镇", station="孝丰代表联络站"),
        ]
    )
    english.force_login(township_staff)

    response = upload(english, content, county)

    assert response.status_code == 422
    # A deputy of the county's other township is refused in the same words as any number
    # outside the clerk's area.
    assert errors(response.context["plan"]) == [
        (3, f"手机号码 “13600000003”: {REFUSAL}"),
        (4, "乡镇（街道） “孝丰镇”: not a township of your area on this platform"),
    ]
    other_township_deputy.refresh_from_db()
    assert other_township_deputy.township.name == "孝丰镇"


BAD_FILE = [
    roster_row(),
    roster_row(name="", mobile="13512340002"),
    roster_row(name="李桂兰", mobile="13512340003"),
    roster_row(name="周海燕", mobile="12345"),
]


def test_a_file_with_bad_rows_writes_nothing_until_confirmed(english, county_officer, places):
    english.force_login(county_officer)

    response = upload(english, build_roster(BAD_FILE), County.objects.get())

    assert response.status_code == 422
    assert "2 rows cannot be imported" in response.text
    assert "Nothing has been imported yet." in response.text
    # The value found is shown beside the reason.
    assert "姓名 (column A) <mark>“”</mark>: empty" in response.text
    assert "手机号码 (column C) <mark>“12345”</mark>: not an 11-digit" in response.text
    assert "Import the 2 good rows" in response.text
    assert not Deputy.objects.exists()

    upload_row = RosterImport.objects.get()
    confirmed = english.post(
        reverse("roster_confirm", args=[upload_row.pk]), {"digest": response.context["digest"]}
    )

    assert confirmed.status_code == 200
    assert set(Deputy.objects.values_list("user__name", flat=True)) == {"陈建军", "李桂兰"}
    upload_row.refresh_from_db()
    assert upload_row.applied_at is not None
    assert (upload_row.created_count, upload_row.rejected_count) == (2, 2)
    assert "Imported: 2 new, 0 updated, 0 unchanged." in confirmed.text
    assert "Rows not imported" in confirmed.text
    # A second confirmation (a double click, the back button) imports nothing more.
    again = english.post(
        reverse("roster_confirm", args=[upload_row.pk]), {"digest": response.context["digest"]}
    )
    assert again.status_code == 404


def test_nobody_else_can_confirm_an_upload_or_download_its_check(
    client, county, county_officer, places
):
    client.force_login(county_officer)
    digest = upload(client, build_roster(BAD_FILE), county).context["digest"]
    colleague = UserFactory(mobile="13700000099")
    grant_role(user=colleague, kind=StaffRole.Kind.COUNTY, place=county)
    client.force_login(colleague)
    pk = RosterImport.objects.get().pk

    response = client.post(reverse("roster_confirm", args=[pk]), {"digest": digest})

    assert response.status_code == 404
    assert client.get(reverse("roster_problems", args=[pk])).status_code == 404
    assert not Deputy.objects.exists()
    assert RosterImport.objects.get().applied_at is None


def test_a_good_file_is_imported_at_once(english, county_officer, county, places):
    english.force_login(county_officer)

    response = upload(english, build_roster([roster_row()]), county)

    assert response.status_code == 200
    assert "Roster imported" in response.text
    assert Deputy.objects.get().user.name == "陈建军"
    assert not RosterImport.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("roster.csv", b"name,mobile\n", "Upload an Excel .xlsx file. Start from the template."),
        (
            "roster.xlsx",
            b"name,mobile\n",
            "This is not an Excel .xlsx file. Start from the template.",
        ),
        ("roster.xlsx", b"PK\x03\x04broken zip", "This is not an Excel .xlsx file."),
        (
            "roster.xlsx",
            build_roster([roster_row()], header=["姓名", "性别", "代表层级", "乡镇（街道）"]),
            "The sheet “Sheet” has no header row naming the columns in its first 10 rows. "
            "Missing: 手机号码、届次.",
        ),
    ],
)
def test_a_file_that_is_not_a_roster_gets_a_clear_error(
    english, county_officer, county, places, name, content, message
):
    english.force_login(county_officer)

    response = upload(english, content, county, name=name)

    assert response.status_code == 400
    assert message in str(response.context["form"].errors["file"])
    assert message.split(".")[0] in response.text
    assert not Deputy.objects.exists()
    assert not RosterImport.objects.exists()


def test_the_template_round_trips(client, township_staff, township, station, places):
    client.force_login(township_staff)

    response = client.get(reverse("roster_template"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = load_workbook(io.BytesIO(content))
    assert [c.value for c in workbook.worksheets[0][2]][:3] == ["姓名", "性别", "手机号码"]
    example = [c.value for c in workbook.worksheets[0][3]]
    listed = {tuple(r) for r in workbook["说明"].iter_rows(min_row=4, values_only=True)}
    assert example[5] == "递铺街道"
    assert example[6] in {"递铺代表联络站", "古城代表联络站"}
    assert listed == {("递铺街道", "递铺代表联络站"), ("递铺街道", "古城代表联络站")}

    plan = read_roster(content, townships=Township.objects.filter(pk=township.pk))

    assert plan.errors == [] and plan.warnings == []
    assert (plan.sheet, plan.header_row) == ("代表名册", 2)
    assert [(r.name, r.action) for r in plan.rows] == [("张三", "create")]


@pytest.mark.parametrize("who", ["station_staff", "deputy", "editor"])
def test_only_county_and_township_staff_import(client, request, county, places, who):
    user = request.getfixturevalue(who)
    client.force_login(user.user if who == "deputy" else user)
    expected = 403 if who == "station_staff" else 404

    assert client.get(UPLOAD).status_code == expected
    assert client.get(reverse("roster_template")).status_code == expected
    assert client.get(reverse("roster_export")).status_code == expected
    assert upload(client, build_roster([roster_row()]), county).status_code == expected
    assert Deputy.objects.exclude(user__mobile="13600000001").count() == 0


def test_english_headers_and_number_cells_are_accepted(county, places):
    header = ["name", "gender", "mobile", "level", "term", "township", "station"]
    content = build_roster(
        [["陈建军", "male", 13512340001, "township", 18, "递铺街道", "递铺代表联络站"]],
        header=header,
    )

    plan = check(content, county)

    assert plan.errors == []
    assert [r.mobile for r in plan.rows] == ["13512340001"]


def test_a_file_with_only_a_header_is_empty_not_an_error(county, places):
    plan = check(build_roster([]), county)

    assert (plan.rows, plan.errors) == ([], [])


def test_a_sheet_without_a_header_row_is_refused(county, in_english):
    with pytest.raises(RosterFileError, match="Missing: 姓名、性别、手机号码"):
        check(build_roster([], header=[]), county)


def test_a_header_below_the_first_ten_rows_is_not_looked_for(county, places, in_english):
    workbook = load_workbook(io.BytesIO(build_roster([roster_row()])))
    workbook.active.insert_rows(1, amount=10)

    with pytest.raises(RosterFileError, match="first 10 rows"):
        check(save(workbook), county)


def test_a_workbook_of_hidden_sheets_only_is_refused(county, places, in_english):
    # Excel will not save such a file, but a program may write one.
    content = build_roster([roster_row()])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["xl/workbook.xml"] = members["xl/workbook.xml"].replace(
        b'state="visible"', b'state="hidden"'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)

    with pytest.raises(RosterFileError, match="no visible sheet"):
        check(buffer.getvalue(), county)


@pytest.mark.parametrize(
    ("typed", "term"),
    [
        ("第十八届", 18),
        ("18", 18),
        (18, 18),
        ("第18届", 18),
        ("十八", 18),
        ("第八届", 8),
        ("１８", 18),
        ("第 18 届", 18),
        (18.0, 18),
        ("十", 10),
        ("二十一", 21),
        (" 第十八届 ", 18),
        ("", None),
        ("下届", None),
        ("18th", None),
        ("十八大", None),
    ],
)
def test_terms_are_read_in_arabic_or_chinese_numerals(typed, term):
    assert parse_term(typed) == term
