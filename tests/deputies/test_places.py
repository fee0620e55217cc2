"""Places and staff (/staff/places/): administrators keep every county, county officers their
own; everyone else gets 404. Every change is in the audit log, naming who made it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from audit.models import Action, AuditEntry
from deputies.editor_permissions import EDITORS_GROUP
from deputies.factories import (
    CountyFactory,
    DeputyFactory,
    LiaisonStationFactory,
    TownshipFactory,
    UserFactory,
)
from deputies.models import County, LiaisonStation, StaffRole, Township, User
from deputies.services import grant_role

INDEX = reverse("places:index")


def url(name, *args):
    return reverse(f"places:{name}", args=args)


@pytest.fixture
def other_officer(other_county):
    user = UserFactory(name="德清县人大干部", mobile="13700000006")
    grant_role(user=user, kind=StaffRole.Kind.COUNTY, place=other_county)
    return user


@pytest.fixture
def as_officer(english, county_officer):
    english.force_login(county_officer)
    return english


@pytest.fixture
def as_admin(english, superuser):
    english.force_login(superuser)
    return english


def entries(action):
    """The entries of people acting on these pages (the fixtures' own roles were granted by
    nobody)."""
    return list(AuditEntry.objects.filter(action=action, actor__isnull=False).order_by("pk"))


# Who gets in -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["deputy", "station_staff", "township_staff", "editor"])
def test_the_pages_do_not_exist_for_anyone_but_administrators_and_county_officers(
    client, request, county, township, station, who
):
    user = request.getfixturevalue(who)
    client.force_login(user.user if who == "deputy" else user)

    for page in [
        INDEX,
        url("county", county.pk),
        url("county_edit", county.pk),
        url("appoint", county.pk),
        url("township_edit", township.pk),
        url("station_edit", station.pk),
        url("county_create"),
        url("editor_appoint"),
    ]:
        assert client.get(page).status_code == 404, page
    assert client.post(url("township_create", county.pk), {"name": "新镇"}).status_code == 404
    assert not Township.objects.filter(name="新镇").exists()


def test_an_anonymous_visitor_is_asked_to_sign_in(client, county):
    response = client.get(url("county", county.pk))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_another_countys_places_and_roles_are_not_found(
    client, other_officer, county, township, station, station_staff, county_officer
):
    client.force_login(other_officer)
    role = station_staff.staff_roles.get()

    for page in [
        url("county", county.pk),
        url("county_edit", county.pk),
        url("appoint", county.pk),
        url("township_edit", township.pk),
        url("township_delete", township.pk),
        url("station_edit", station.pk),
        url("station_delete", station.pk),
        url("role_remove", role.pk),
    ]:
        response = client.get(page)
        assert response.status_code == 404, page
        assert station_staff.name not in response.text
    assert client.post(url("role_remove", role.pk)).status_code == 404
    assert client.post(url("station_edit", station.pk), {"name": "改名"}).status_code == 404
    assert StaffRole.objects.filter(pk=role.pk).exists()
    assert LiaisonStation.objects.get(pk=station.pk).name == station.name


def test_a_county_officer_is_sent_to_their_county(client, county_officer, county):
    client.force_login(county_officer)

    response = client.get(INDEX)

    assert response.status_code == 302
    assert response.url == url("county", county.pk)


def test_the_menu_offers_the_pages_to_officers_and_administrators_only(
    client, county_officer, superuser, station_staff, township_staff
):
    for user, shown in [
        (county_officer, True),
        (superuser, True),
        (station_staff, False),
        (township_staff, False),
    ]:
        client.force_login(user)
        assert (INDEX in client.get(reverse("home")).text) == shown, user


# What the pages show -----------------------------------------------------------------------


@pytest.fixture
def populated(county, township, station, other_station, other_township, other_county):
    """Deputies and staff in both counties, to count."""
    DeputyFactory(station=station)
    DeputyFactory(station=station)
    DeputyFactory(station=other_station)
    DeputyFactory(station=other_station, is_active=False)  # left office: not counted
    DeputyFactory(station=LiaisonStationFactory(township=other_township))
    elsewhere = LiaisonStationFactory(township=TownshipFactory(county=other_county))
    DeputyFactory(station=elsewhere)
    clerk = UserFactory(name="两站站务员")
    for place in [station, other_station]:
        grant_role(user=clerk, kind=StaffRole.Kind.STATION, place=place)
    grant_role(user=UserFactory(name="乡镇干部甲"), kind=StaffRole.Kind.TOWNSHIP, place=township)
    grant_role(user=UserFactory(name="德清干部"), kind=StaffRole.Kind.COUNTY, place=other_county)


def test_an_administrator_sees_every_county_with_its_numbers(as_admin, populated, county):
    response = as_admin.get(INDEX)

    assert response.status_code == 200
    by_name = {c.name: c for c in response.context["counties"]}
    numbers = {
        name: (c.township_count, c.station_count, c.deputy_count, c.staff_count)
        for name, c in by_name.items()
    }
    assert numbers == {"安吉县": (2, 3, 4, 2), "德清县": (1, 1, 1, 1)}
    assert "Add a county" in response.text


def test_the_county_page_shows_townships_stations_and_staff_with_their_numbers(
    as_officer, populated, county, township, station, other_station, county_officer
):
    response = as_officer.get(url("county", county.pk))

    assert response.status_code == 200
    context = response.context
    (first, second) = sorted(context["townships"], key=lambda t: t.name != township.name)
    assert (first.deputy_count, first.staff_count) == (3, 1)
    assert {(s.name, s.deputy_count, s.staff_count) for s in first.station_rows} == {
        (station.name, 2, 1),
        (other_station.name, 1, 1),
    }
    assert second.deputy_count == 1
    assert (context["deputy_count"], context["station_count"], context["staff_count"]) == (4, 3, 3)
    for shown in ["两站站务员", "乡镇干部甲", "县人大干部", "Appoint staff", "Add a township"]:
        assert shown in response.text
    assert "德清干部" not in response.text


def test_the_pages_make_a_fixed_number_of_queries(
    client, superuser, county_officer, county, populated, django_assert_max_num_queries
):
    client.force_login(superuser)
    with django_assert_max_num_queries(12):
        assert client.get(INDEX).status_code == 200
    client.force_login(county_officer)
    with django_assert_max_num_queries(10):
        assert client.get(url("county", county.pk)).status_code == 200

    # Ten more townships, stations, deputies and staff ask nothing more.
    for i in range(10):
        township = TownshipFactory(county=county, name=f"加镇{i}")
        station = LiaisonStationFactory(township=township)
        DeputyFactory(station=station)
        grant_role(user=UserFactory(), kind=StaffRole.Kind.STATION, place=station)
        CountyFactory(code=f"3306{i:02d}")
    client.force_login(superuser)
    with django_assert_max_num_queries(12):
        assert client.get(INDEX).status_code == 200
    client.force_login(county_officer)
    with django_assert_max_num_queries(10):
        assert client.get(url("county", county.pk)).status_code == 200


# Places ------------------------------------------------------------------------------------


def test_an_administrator_adds_a_county_and_the_log_says_so(as_admin, superuser):
    response = as_admin.post(url("county_create"), {"name": "长兴县", "code": "330522"})

    county = County.objects.get(code="330522")
    assert response.status_code == 302 and response.url == url("county", county.pk)
    (entry,) = entries(Action.PLACE_CREATED)
    assert (entry.actor, entry.county) == (superuser, None)
    assert entry.detail == {"kind": "county", "place": "长兴县", "code": "330522"}


def test_a_bad_county_code_is_explained_and_nothing_is_made(as_admin):
    response = as_admin.post(url("county_create"), {"name": "长兴县", "code": "880522"})

    assert response.status_code == 400
    assert "88 is no province" in response.text
    assert not County.objects.filter(name="长兴县").exists()
    assert not entries(Action.PLACE_CREATED)


def test_a_county_officer_cannot_add_a_county(as_officer):
    assert (
        as_officer.post(url("county_create"), {"name": "长兴县", "code": "330522"}).status_code
        == 404
    )
    assert not County.objects.filter(code="330522").exists()


def test_a_county_officer_edits_their_county_and_its_townships_codes_follow(
    as_officer, county, township, county_officer
):
    township.code = "330523001"
    township.save()
    TownshipFactory(county=county, name="无代码镇")

    response = as_officer.post(
        url("county_edit", county.pk),
        {"name": "安吉县", "code": "330599", "former_deputies_keep_access": "on"},
    )

    assert response.status_code == 302
    township.refresh_from_db()
    assert township.code == "330599001"
    assert Township.objects.get(name="无代码镇").code == ""
    county_entry, township_entry = entries(Action.PLACE_CHANGED)
    assert (county_entry.actor, county_entry.county) == (county_officer, county)
    assert county_entry.detail["changes"] == [["code", "330523", "330599"]]
    assert township_entry.detail["changes"] == [["code", "330523001", "330599001"]]
    with translation.override("en"):
        assert county_entry.description == "County 安吉县 (330599): division code: 330523 → 330599."
        assert township_entry.description.startswith("Township 递铺街道 (330599001): ")
    with translation.override("zh-hans"):
        assert (
            county_entry.description
            == "县（市、区） 安吉县（330599）：行政区划代码: 330523 → 330599。"
        )


def test_an_unchanged_save_writes_no_entry(as_officer, county):
    as_officer.post(
        url("county_edit", county.pk),
        {"name": county.name, "code": county.code, "former_deputies_keep_access": "on"},
    )

    assert not entries(Action.PLACE_CHANGED)


def test_a_county_officer_adds_a_township_and_a_station(as_officer, county, county_officer):
    response = as_officer.post(
        url("township_create", county.pk), {"name": " 孝丰镇 ", "code": "３３０５２３１０１"}
    )
    assert response.status_code == 302
    township = Township.objects.get(county=county, name="孝丰镇")
    assert township.code == "330523101"

    response = as_officer.post(
        url("station_create", county.pk),
        {"township": township.pk, "name": "孝丰代表之家", "address": "孝丰镇人民路1号"},
    )
    assert response.status_code == 302
    station = LiaisonStation.objects.get(township=township)
    assert station.address == "孝丰镇人民路1号"
    made = entries(Action.PLACE_CREATED)
    assert [(e.detail["kind"], e.detail["place"], e.actor, e.county) for e in made] == [
        ("township", "孝丰镇", county_officer, county),
        ("station", "孝丰代表之家", county_officer, county),
    ]


def test_a_township_code_of_another_county_is_refused(as_officer, county):
    response = as_officer.post(
        url("township_create", county.pk), {"name": "孝丰镇", "code": "330521101"}
    )

    assert response.status_code == 400
    assert "starts with its county&#x27;s code, 330523" in response.text
    assert not Township.objects.filter(name="孝丰镇").exists()


def test_a_station_cannot_be_put_in_another_countys_township(as_officer, county, other_county):
    elsewhere = TownshipFactory(county=other_county)

    response = as_officer.post(
        url("station_create", county.pk), {"township": elsewhere.pk, "name": "越界站"}
    )

    assert response.status_code == 400
    assert not LiaisonStation.objects.filter(name="越界站").exists()


def test_a_station_with_deputies_stays_in_its_township(as_officer, deputy, station, other_township):
    response = as_officer.post(
        url("station_edit", station.pk), {"township": other_township.pk, "name": station.name}
    )

    assert response.status_code == 400
    assert "Its deputies belong to 递铺街道" in response.text
    station.refresh_from_db()
    assert station.township.name == "递铺街道"


def test_a_station_is_renamed_and_the_log_has_the_change(as_officer, station, county):
    as_officer.post(
        url("station_edit", station.pk),
        {"township": station.township_id, "name": "递铺人大代表之家", "address": ""},
    )

    station.refresh_from_db()
    assert station.name == "递铺人大代表之家"
    (entry,) = entries(Action.PLACE_CHANGED)
    assert entry.county == county
    assert entry.detail["changes"] == [["name", "递铺代表联络站", "递铺人大代表之家"]]


def test_a_place_with_deputies_or_staff_is_not_deleted_and_says_why(
    as_officer, deputy, station, township, other_station, station_staff
):
    for page, reason in [
        (url("station_delete", station.pk), "Deputies belong to it."),
        (url("township_delete", township.pk), "Deputies belong to it."),
    ]:
        assert reason in as_officer.get(page).text
        response = as_officer.post(page)
        assert response.status_code == 409 and reason in response.text
    grant_role(user=UserFactory(), kind=StaffRole.Kind.STATION, place=other_station)
    response = as_officer.post(url("station_delete", other_station.pk))
    assert "Staff work here." in response.text
    assert LiaisonStation.objects.filter(pk__in=[station.pk, other_station.pk]).count() == 2


def test_an_empty_station_and_township_are_deleted(as_officer, county, other_township):
    station = LiaisonStationFactory(township=other_township)

    assert as_officer.post(url("station_delete", station.pk)).status_code == 302
    assert as_officer.post(url("township_delete", other_township.pk)).status_code == 302

    assert not Township.objects.filter(pk=other_township.pk).exists()
    gone_station, gone_township = entries(Action.PLACE_DELETED)
    assert (gone_station.county, gone_station.detail["kind"]) == (county, "station")
    assert gone_township.detail == {"kind": "township", "place": other_township.name, "code": ""}


def test_a_county_is_deleted_only_by_an_administrator_and_only_when_empty(
    as_admin, county_officer, county, township
):
    assert "It still has townships." in as_admin.post(url("county_delete", county.pk)).text
    fresh = County.objects.create(name="新县", code="330599")

    assert as_admin.post(url("county_delete", fresh.pk)).status_code == 302
    assert not County.objects.filter(pk=fresh.pk).exists()
    (entry,) = entries(Action.PLACE_DELETED)
    assert (entry.county, entry.detail) == (
        None,
        {"kind": "county", "place": "新县", "code": "330599"},
    )
    as_admin.force_login(county_officer)
    assert as_admin.get(url("county_delete", county.pk)).status_code == 404


def test_a_county_the_log_refers_to_is_kept_and_says_why(as_admin, county):
    AuditEntry.objects.create(action=Action.ROSTER_IMPORTED, county=county, detail={})

    response = as_admin.post(url("county_delete", county.pk))

    assert response.status_code == 409
    assert "other records refer to it" in response.text
    assert County.objects.filter(pk=county.pk).exists()


# Staff ---------------------------------------------------------------------------------------


def appoint(client, county, **data):
    return client.post(url("appoint", county.pk), data)


def test_a_county_officer_appoints_a_new_station_clerk_with_a_temporary_password(
    as_officer, county, station, other_station, county_officer
):
    response = appoint(
        as_officer,
        county,
        mobile="135 1234 0001",
        name="新站务员",
        kind="station",
        stations=[station.pk, other_station.pk],
    )

    assert response.status_code == 200
    user = User.objects.get(mobile="13512340001")
    password = response.context["appointment"].password
    assert (user.name, user.must_change_password) == ("新站务员", True)
    assert user.check_password(password) and password in response.text
    assert set(user.staff_roles.values_list("station__name", flat=True)) == {
        station.name,
        other_station.name,
    }
    granted = entries(Action.ROLE_GRANTED)
    assert len(granted) == 2
    for entry in granted:
        assert (entry.actor, entry.actor_name, entry.county) == (
            county_officer,
            county_officer.name,
            county,
        )
        assert entry.detail["user"] == "新站务员"


def test_a_deputy_of_the_county_is_appointed_keeping_name_and_password(
    as_officer, county, township, deputy
):
    response = appoint(
        as_officer, county, mobile=deputy.user.mobile, name="别的名字", kind="township",
        township=township.pk,
    )  # fmt: skip

    assert response.status_code == 200
    deputy.user.refresh_from_db()
    assert deputy.user.name == "王秀英"
    assert deputy.user.check_password("pass-word-1")
    assert response.context["appointment"].password == ""
    assert deputy.user.staff_roles.get().township == township
    assert "already had an account" in response.text


def test_appointing_someone_again_says_they_hold_it_already(
    as_officer, county, station_staff, station
):
    response = appoint(
        as_officer, county, mobile=station_staff.mobile, name="x", kind="station",
        stations=[station.pk],
    )  # fmt: skip

    assert response.context["appointment"].held == [station_staff.staff_roles.get()]
    assert not entries(Action.ROLE_GRANTED)


@pytest.fixture
def outsiders(superuser, editor, other_officer, other_county_deputy):
    """Accounts a county officer of `county` must not appoint, each for another reason."""
    admin_access = UserFactory(name="后台用户", mobile="13512349999", is_staff=True)
    return [superuser, editor, other_officer, other_county_deputy.user, admin_access]


def test_a_county_officer_cannot_appoint_anyone_outside_their_county_and_is_not_told_why(
    as_officer, county, station, outsiders
):
    answers = set()
    for account in outsiders:
        response = appoint(
            as_officer, county, mobile=account.mobile, name="冒名", kind="station",
            stations=[station.pk],
        )  # fmt: skip
        assert response.status_code == 400
        answers.add(tuple(response.context["form"].errors["mobile"]))
        account.refresh_from_db()
        assert account.name != "冒名"
        assert not account.staff_roles.filter(station=station).exists()
    assert answers == {
        ("This number cannot be appointed here. Check it, or ask an administrator.",)
    }
    assert not entries(Action.ROLE_GRANTED)


def test_a_county_officer_never_makes_an_editor_or_an_administrator(
    as_officer, county, other_county, deputy
):
    assert as_officer.get(url("editor_appoint")).status_code == 404
    response = appoint(as_officer, county, mobile=deputy.user.mobile, name="x", kind="editor")
    assert response.status_code == 400
    elsewhere = LiaisonStationFactory(township=TownshipFactory(county=other_county))
    response = appoint(
        as_officer, county, mobile=deputy.user.mobile, name="x", kind="station",
        stations=[elsewhere.pk],
    )  # fmt: skip
    assert response.status_code == 400
    deputy.user.refresh_from_db()
    assert not deputy.user.staff_roles.exists()
    assert not (deputy.user.is_staff or deputy.user.is_superuser)


def test_an_administrator_appoints_anyone_anywhere_and_content_editors(
    as_admin, county, other_officer, superuser
):
    response = appoint(as_admin, county, mobile=other_officer.mobile, name="x", kind="county")
    assert response.status_code == 200
    assert other_officer.staff_roles.filter(county=county).exists()

    response = as_admin.post(url("editor_appoint"), {"mobile": "13512340002", "name": "新编辑"})

    assert response.status_code == 200
    editor = User.objects.get(mobile="13512340002")
    assert editor.is_staff and editor.groups.filter(name=EDITORS_GROUP).exists()
    assert editor.staff_roles.get().kind == StaffRole.Kind.EDITOR
    assert entries(Action.ROLE_GRANTED)[-1].county is None


def test_the_form_says_which_place_a_role_needs(as_officer, county):
    response = appoint(as_officer, county, mobile="13512340003", name="甲", kind="station")
    assert "Tick at least one liaison station." in response.text
    response = appoint(as_officer, county, mobile="13512340003", name="甲", kind="township")
    assert "Choose the township." in response.text
    response = appoint(as_officer, county, mobile="1351234", name="甲", kind="county")
    assert "11-digit mainland mobile number" in response.text
    assert not User.objects.filter(mobile="13512340003").exists()


def test_a_county_officer_removes_a_role_with_confirmation_and_the_log_names_them(
    as_officer, county, station_staff, county_officer
):
    role = station_staff.staff_roles.get()

    page = as_officer.get(url("role_remove", role.pk))
    assert page.status_code == 200 and "Remove the role" in page.text
    assert StaffRole.objects.filter(pk=role.pk).exists()
    response = as_officer.post(url("role_remove", role.pk))

    assert response.status_code == 302 and response.url == url("county", county.pk)
    assert not StaffRole.objects.filter(pk=role.pk).exists()
    (entry,) = entries(Action.ROLE_REMOVED)
    assert (entry.actor, entry.county, entry.detail["user"]) == (county_officer, county, "站务员")


def test_a_county_officer_cannot_remove_their_own_role_or_an_editors(
    as_officer, county_officer, editor
):
    own = county_officer.staff_roles.get()
    response = as_officer.post(url("role_remove", own.pk))
    assert response.status_code == 400
    assert "You cannot remove your own role" in response.text
    assert as_officer.post(url("role_remove", editor.staff_roles.get().pk)).status_code == 404
    assert StaffRole.objects.filter(user__in=[county_officer, editor]).count() == 2


def test_removing_an_editor_takes_the_admin_access_with_it(as_admin, editor):
    as_admin.post(url("role_remove", editor.staff_roles.get().pk))

    editor.refresh_from_db()
    assert not editor.is_staff
    assert not editor.groups.exists()
    assert Group.objects.filter(name=EDITORS_GROUP).exists()


# The services check who acts, whatever the form offered -------------------------------------


def test_the_services_refuse_a_county_officer_outside_their_county(
    county_officer, other_county, other_county_deputy, editor
):
    from django.core.exceptions import PermissionDenied

    from deputies.places import services

    elsewhere = other_county_deputy.station
    attempts = [
        lambda: services.create_county(by=county_officer, name="越权县", code="330599"),
        lambda: services.create_township(by=county_officer, county=other_county, name="越权镇"),
        lambda: services.update_county(
            by=county_officer, county=other_county, name="改名", code=other_county.code
        ),
        lambda: services.appoint(
            by=county_officer, mobile="13512340009", name="甲", kind="station", places=[elsewhere]
        ),
        lambda: services.appoint(
            by=county_officer, mobile="13512340009", name="甲", kind="editor", places=[]
        ),
        lambda: services.remove_role(by=county_officer, role=editor.staff_roles.get()),
        lambda: services.delete_place(by=county_officer, place=elsewhere),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    other_county.refresh_from_db()
    assert other_county.name == "德清县"
    assert not User.objects.filter(mobile="13512340009").exists()
    assert LiaisonStation.objects.filter(pk=elsewhere.pk).exists()


def test_the_appoint_form_makes_a_fixed_number_of_queries(
    as_officer, county, populated, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = as_officer.get(url("appoint", county.pk))
    assert response.status_code == 200
    for i in range(10):
        LiaisonStationFactory(township=TownshipFactory(county=county, name=f"又一镇{i}"))
    with django_assert_max_num_queries(10):
        assert as_officer.get(url("appoint", county.pk)).status_code == 200


def test_the_demo_county_shows_its_places_and_staff(db, english):
    from deputies.demo import seed_people

    seed_people()
    seed_people()  # again: nothing doubles, no code changes
    english.force_login(User.objects.get(mobile="13700000001"))

    response = english.get(INDEX, follow=True)

    assert response.context["county"].code == "339001"
    codes = {t.name: t.code for t in response.context["townships"]}
    assert codes == {"城关镇": "339001100", "石桥镇": "339001101", "白云乡": "339001200"}
    assert response.context["deputy_count"] == 40
    for shown in ["东街社区代表联络站", "周丽萍", "刘建华", "陈志明"]:
        assert shown in response.text


def test_a_county_officer_lets_former_deputies_keep_their_archive_or_not(
    as_officer, county, in_english
):
    as_officer.post(url("county_edit", county.pk), {"name": county.name, "code": county.code})

    county.refresh_from_db()
    assert county.former_deputies_keep_access is False
    entry = AuditEntry.objects.get(action=Action.PLACE_CHANGED)
    assert entry.description.endswith("former deputies keep their archive: yes → no.")
