import io
import re

import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from django.test import Client
from django.urls import reverse

from courses.models import Enrolment
from deputies.factories import CountyFactory
from deputies.models import County, Deputy, LiaisonStation, StaffRole, Township, User

from .rosters import build_roster, roster_row


@pytest.fixture
def roster_file(tmp_path):
    def write(rows):
        path = tmp_path / "roster.xlsx"
        path.write_bytes(build_roster(rows))
        return path

    return write


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


GOOD = [roster_row(), roster_row(name="李桂兰", mobile="13512340002", station="古城代表联络站")]
WITH_BAD_ROWS = [*GOOD, roster_row(name="周海燕", mobile="12345"), roster_row(term="下届")]


def test_a_good_file_is_imported_and_counted(roster_file, county, station, other_station):
    out, _ = run("import_deputies", roster_file(GOOD))

    assert out.strip() == "安吉县: 2 created, 0 updated, 0 unchanged, 0 rejected."
    assert Deputy.objects.count() == 2

    out, _ = run("import_deputies", roster_file(GOOD))

    assert out.strip() == "安吉县: 0 created, 0 updated, 2 unchanged, 0 rejected."


def test_bad_rows_stop_the_import_and_are_listed(roster_file, county, station, other_station):
    out = io.StringIO()
    err = io.StringIO()

    with pytest.raises(CommandError, match="2 bad row"):
        call_command("import_deputies", roster_file(WITH_BAD_ROWS), stdout=out, stderr=err)

    assert not Deputy.objects.exists()
    assert re.findall(r"^row (\d+):", err.getvalue(), re.MULTILINE) == ["4", "5"]


def test_good_rows_can_be_imported_anyway_and_the_command_still_fails(
    roster_file, county, station, other_station
):
    out = io.StringIO()

    with pytest.raises(CommandError, match="2 bad row\\(s\\) were not imported"):
        call_command(
            "import_deputies",
            roster_file(WITH_BAD_ROWS),
            "--import-good-rows",
            stdout=out,
            stderr=io.StringIO(),
        )

    assert set(Deputy.objects.values_list("user__name", flat=True)) == {"陈建军", "李桂兰"}
    assert "2 created, 0 updated, 0 unchanged, 2 rejected" in out.getvalue()


def test_bad_rows_make_the_process_exit_with_status_1(
    roster_file, county, station, other_station, capsys
):
    path = roster_file(WITH_BAD_ROWS)

    with pytest.raises(SystemExit) as excinfo:
        ManagementUtility(["manage.py", "import_deputies", str(path)]).execute()

    assert excinfo.value.code == 1
    assert "nothing was imported" in capsys.readouterr().err


def test_a_dry_run_lists_the_changes_and_writes_nothing(
    roster_file, county, station, other_station, deputy, in_english
):
    deputy.term = 8
    deputy.save()
    path = roster_file([roster_row(name="王秀英", gender="女", mobile="13600000001"), GOOD[0]])

    out, _ = run("import_deputies", path, "--dry-run")

    assert "row 2 王秀英: Term 8 → 18" in out
    assert (
        "安吉县: would create 1, update 1, leave 0 unchanged; 0 rejected. Nothing written." in out
    )
    deputy.refresh_from_db()
    assert deputy.term == 8
    assert Deputy.objects.count() == 1


def test_an_unknown_county_is_an_error(roster_file, county, station):
    with pytest.raises(CommandError, match="No county with code 999999"):
        run("import_deputies", roster_file(GOOD), "--county", "999999")

    assert not Deputy.objects.exists()


def test_with_two_counties_the_county_must_be_named(roster_file, county, other_county, station):
    with pytest.raises(CommandError, match="--county"):
        run("import_deputies", roster_file(GOOD[:1]))

    out, _ = run("import_deputies", roster_file(GOOD[:1]), "--county", "330523")
    assert "1 created" in out


def test_a_missing_or_foreign_file_is_an_error(tmp_path, county, in_english):
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_deputies", tmp_path / "nowhere.xlsx")

    text_file = tmp_path / "roster.xlsx"
    text_file.write_text("name,mobile\n")
    with pytest.raises(CommandError, match=r"not an Excel \.xlsx file"):
        run("import_deputies", text_file)


def counts():
    roles = set(StaffRole.objects.values_list("kind", flat=True))
    return {
        "counties": County.objects.count(),
        "townships": Township.objects.count(),
        "stations": LiaisonStation.objects.count(),
        "deputies": Deputy.objects.count(),
        "users": User.objects.count(),
        "roles": StaffRole.objects.count(),
        "role kinds": roles,
        "superusers": User.objects.filter(is_superuser=True).count(),
    }


def test_the_demo_can_be_loaded_twice(db):
    run("seed_demo")
    first = counts()
    run("seed_demo")

    assert counts() == first
    assert first["counties"] == 1
    assert first["townships"] == 3
    assert first["stations"] == 5
    # 40 with passwords, 3 just imported who have none yet (for the sign-in sheet), and 8
    # elected new at the term change (training_site.demo_term).
    assert first["deputies"] == 51
    assert first["role kinds"] == set(StaffRole.Kind.values)
    assert first["superusers"] == 1


def test_every_demo_account_signs_in_with_the_printed_password(db):
    out, _ = run("seed_demo")
    password = re.search(r"password is (\S+)", out).group(1)
    accounts = re.findall(r"^\s+(.+?)\s+(1\d{10})\s", out, re.MULTILINE)

    assert {role for role, _ in accounts} == {
        "deputy",
        "station staff",
        "township staff",
        "county officer",
        "content editor",
        "administrator",
    }
    for _, mobile in accounts:
        client = Client()
        response = client.post(reverse("login"), {"username": mobile, "password": password})
        assert response.status_code == 302, mobile
        assert client.get(reverse("home")).status_code == 200


def test_the_demos_newcomers_wait_for_their_sign_in_sheet(db):
    run("seed_demo")
    run("seed_demo")

    newcomers = Deputy.objects.filter(
        user__mobile__in=["13900000041", "13900000042", "13900000043"]
    )
    assert newcomers.count() == 3
    assert not any(deputy.user.has_usable_password() for deputy in newcomers)
    assert not Enrolment.objects.filter(deputy__in=newcomers).exists()
    assert set(newcomers.values_list("township__name", flat=True)) == {"白云乡"}


def test_the_demo_does_not_touch_other_counties(db):
    CountyFactory(code="330523", name="安吉县")

    run("seed_demo")

    assert set(County.objects.values_list("name", flat=True)) == {"安吉县", "青溪县"}
