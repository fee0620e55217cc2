"""Issue 20, fault 6a: a roster row whose number belongs to an account that is not a deputy of
the importer's area (an administrator, an editor, another county's officer, any staff account)
must not rename that account nor make it a deputy, and the refusal reads the same whoever the
number belongs to: it must not tell the clerk that the number is an administrator's."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from deputies.factories import LiaisonStationFactory, UserFactory
from deputies.models import Deputy, RosterImport, StaffRole, Township, User
from deputies.roster import apply_roster, read_roster
from deputies.services import grant_role

from .rosters import build_roster, roster_row, roster_upload

NUMBER = "13512348888"
# The same words for any number outside the importer's area, with the number as found.
REASON = "cannot be imported in your area: check it, or ask an administrator"
REFUSAL = f"手机号码 “{NUMBER}”: {REASON}"
ON_THE_PAGE = f"手机号码 (column C) <mark>“{NUMBER}”</mark>: {REASON}"


def administrator():
    return User.objects.create_superuser(NUMBER, "pass-word-1", name="管理员")


def content_editor():
    user = UserFactory(mobile=NUMBER, name="编辑")
    grant_role(user=user, kind=StaffRole.Kind.EDITOR)
    return user


def other_county_officer():
    from deputies.factories import CountyFactory

    user = UserFactory(mobile=NUMBER, name="德清县干部")
    grant_role(user=user, kind=StaffRole.Kind.COUNTY, place=CountyFactory(code="330521"))
    return user


def station_clerk_here():
    user = UserFactory(mobile=NUMBER, name="站务员")
    station = LiaisonStationFactory(township=Township.objects.get(name="递铺街道"), name="站二")
    grant_role(user=user, kind=StaffRole.Kind.STATION, place=station)
    return user


def admin_access_account():
    return UserFactory(mobile=NUMBER, name="后台账号", is_staff=True)


def plain_account():
    """An account with no role and no deputy record (a deputy record deleted in the admin)."""
    return UserFactory(mobile=NUMBER, name="旧账号")


def other_county_deputy_account():
    from deputies.factories import CountyFactory, DeputyFactory, TownshipFactory

    township = TownshipFactory(county=CountyFactory(code="330521"), name="武康街道")
    return DeputyFactory(township=township, station=None, user__mobile=NUMBER).user


ACCOUNTS = [
    administrator,
    content_editor,
    other_county_officer,
    station_clerk_here,
    admin_access_account,
    plain_account,
    other_county_deputy_account,
]


def untouched(account):
    account.refresh_from_db()
    return (account.name, Deputy.objects.filter(user=account).exists())


def imported(county):
    return set(Deputy.objects.filter(township__county=county).values_list("user__name", flat=True))


@pytest.fixture
def places(county, township, station):
    return township


@pytest.mark.parametrize("make", ACCOUNTS, ids=lambda f: f.__name__)
def test_a_number_of_an_account_outside_the_area_is_refused_in_the_same_words(
    places, county, in_english, make
):
    account = make()
    before = untouched(account)
    content = build_roster([roster_row(), roster_row(name="冒名者", mobile=NUMBER)])

    plan = read_roster(content, townships=Township.objects.filter(county=county))

    assert [(e.row, e.message) for e in plan.errors] == [(3, REFUSAL)]
    apply_roster(plan)
    assert untouched(account) == before
    assert imported(county) == {"陈建军"}


@pytest.mark.parametrize("make", ACCOUNTS, ids=lambda f: f.__name__)
def test_a_clerk_cannot_take_over_an_account_by_upload(
    english, places, county, township_staff, make
):
    account = make()
    before = untouched(account)
    english.force_login(township_staff)
    content = build_roster([roster_row(), roster_row(name="冒名者", mobile=NUMBER)])

    response = english.post(
        reverse("roster_upload"), {"file": roster_upload(content), "county": county.pk}
    )

    assert response.status_code == 422
    assert ON_THE_PAGE in response.text
    pending = RosterImport.objects.get()
    confirm = english.post(
        reverse("roster_confirm", args=[pending.pk]), {"digest": response.context["digest"]}
    )
    assert confirm.status_code == 200
    assert untouched(account) == before
    assert imported(county) == {"陈建军"}


@pytest.mark.parametrize("make", [administrator, content_editor, other_county_officer])
def test_the_command_does_not_take_over_accounts_either(tmp_path, places, county, in_english, make):
    account = make()
    before = untouched(account)
    path = tmp_path / "roster.xlsx"
    path.write_bytes(build_roster([roster_row(), roster_row(name="冒名者", mobile=NUMBER)]))
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 bad row"):
        call_command(
            "import_deputies",
            str(path),
            "--county",
            county.code,
            "--import-good-rows",
            stdout=io.StringIO(),
            stderr=err,
        )

    assert f"row 3: {REFUSAL}" in err.getvalue()
    assert untouched(account) == before
    assert imported(county) == {"陈建军"}


def test_an_account_made_between_checking_and_writing_is_not_taken_over(places, county, in_english):
    plan = read_roster(
        build_roster([roster_row(name="冒名者", mobile=NUMBER)]),
        townships=Township.objects.filter(county=county),
    )
    assert [r.action for r in plan.rows] == ["create"]
    account = content_editor()  # appointed meanwhile

    applied = apply_roster(plan)

    assert [(e.row, e.message) for e in applied.errors] == [(2, REFUSAL)]
    assert untouched(account) == ("编辑", False)
