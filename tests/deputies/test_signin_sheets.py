"""Sign-in sheets: who is on one, who may print which, what confirming does (codes, audit,
earlier codes cancelled), and the PDF itself: its font, and QR codes that scan from the printed
page and sign the deputy in."""

import re
import shutil
import subprocess
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from deputies.factories import DeputyFactory, LiaisonStationFactory, TownshipFactory
from deputies.models import SignInLink, StaffRole, User
from deputies.roster import apply_roster, read_roster
from deputies.selectors import may_reset_sign_in
from deputies.services import create_signin_link, grant_role
from deputies.signin_sheets import (
    Include,
    SheetPlace,
    expiry,
    sheet_deputies,
    sheet_places,
)

from .rosters import build_roster, roster_row

SHEET = reverse("signin_sheet")
TOOLS = {name: shutil.which(name) for name in ("pdftotext", "pdffonts", "pdftoppm", "zbarimg")}
needs_tools = pytest.mark.skipif(
    not all(TOOLS.values()),
    reason="poppler-utils and zbar-tools are not installed (make test-deps)",
)


def new_deputy(station, name, mobile, **fields):
    """A deputy as the roster import makes one: an account without a usable password."""
    user = User.objects.create_user(mobile=mobile, name=name)
    return DeputyFactory(user=user, station=station, **fields)


@pytest.fixture
def newcomers(station):
    return [
        new_deputy(station, "陈建军", "13512340001"),
        new_deputy(station, "欧阳明辉", "13512340002"),
        new_deputy(station, "吴桂芳", "13512340003"),
    ]


def station_choice(station, **extra):
    return {"place": f"station-{station.pk}", "include": "new", "days": "7", **extra}


def codes_logged():
    return AuditEntry.objects.filter(action=Action.SIGNIN_CODE_CREATED).exists()


def names(deputies):
    return [deputy.user.name for deputy in deputies]


# Who is on a sheet ------------------------------------------------------------------------


def test_a_sheet_holds_the_deputies_the_roster_import_made(county_officer, station, deputy):
    rows = [roster_row(), roster_row(name="李桂兰", mobile="13512340002")]
    apply_roster(read_roster(build_roster(rows), townships=station.township.county.townships.all()))

    on_sheet = sheet_deputies(county_officer, SheetPlace(station=station), Include.NEW)

    # 王秀英 (the `deputy` fixture) has a password of her own, so she is not new.
    assert names(on_sheet) == ["李桂兰", "陈建军"]


def test_new_means_no_usable_password_and_never_signed_in(station_staff, station, newcomers):
    _chen, ouyang, wu = newcomers
    ouyang.user.last_login = timezone.now()  # signed in once, with a code
    ouyang.user.save()
    wu.user.set_password("their-own-1")  # given a password by staff, never used
    wu.user.save()
    place = SheetPlace(station=station)

    assert names(sheet_deputies(station_staff, place, Include.NEW)) == ["陈建军"]
    assert names(sheet_deputies(station_staff, place, Include.NEVER_SIGNED_IN)) == [
        "吴桂芳",
        "陈建军",
    ]


def test_deputies_out_of_office_or_closed_are_left_off(station_staff, station, newcomers):
    chen, ouyang, _wu = newcomers
    chen.is_active = False
    chen.save()
    ouyang.user.is_active = False
    ouyang.user.save()

    assert names(sheet_deputies(station_staff, SheetPlace(station=station), Include.NEW)) == [
        "吴桂芳"
    ]


def test_a_township_sheet_holds_every_station_of_the_township(
    township_staff, township, station, other_station, newcomers
):
    new_deputy(other_station, "李桂兰", "13512340004")
    new_deputy(None, "周县代", "13512340005", township=township)  # a county deputy with no station

    township_sheet = sheet_deputies(township_staff, SheetPlace(township=township), Include.NEW)
    station_sheet = sheet_deputies(township_staff, SheetPlace(station=station), Include.NEW)

    assert set(names(township_sheet)) == {"陈建军", "欧阳明辉", "吴桂芳", "李桂兰", "周县代"}
    assert set(names(station_sheet)) == {"陈建军", "欧阳明辉", "吴桂芳"}


@pytest.mark.parametrize("clerk", ["station_staff", "superuser"])
def test_accounts_with_more_power_are_left_to_administrators(request, station, newcomers, clerk):
    chen, ouyang, _wu = newcomers
    grant_role(user=chen.user, kind=StaffRole.Kind.COUNTY, place=station.township.county)
    ouyang.user.is_staff = True
    ouyang.user.save()
    user = request.getfixturevalue(clerk)

    on_sheet = sheet_deputies(user, SheetPlace(station=station), Include.NEW)

    for deputy in newcomers:
        assert (deputy in on_sheet) == may_reset_sign_in(user, deputy.user)
    assert len(on_sheet) == (3 if clerk == "superuser" else 1)


def test_each_clerk_chooses_among_their_own_places(
    station_staff, township_staff, county_officer, station, other_station, other_township
):
    other_county_station = LiaisonStationFactory(township=TownshipFactory(name="武康街道"))
    other_township_station = LiaisonStationFactory(township=other_township)
    keys = {
        role: {place.key for place in sheet_places(user)}
        for role, user in [
            ("station", station_staff),
            ("township", township_staff),
            ("county", county_officer),
        ]
    }

    assert keys["station"] == {f"station-{station.pk}"}
    assert keys["township"] == {
        f"township-{station.township_id}",
        f"station-{station.pk}",
        f"station-{other_station.pk}",
    }
    assert keys["county"] == keys["township"] | {
        f"township-{other_township.pk}",
        f"station-{other_township_station.pk}",
    }
    assert f"station-{other_county_station.pk}" not in keys["county"]


def test_codes_last_to_the_end_of_the_last_day():
    now = timezone.make_aware(timezone.datetime(2026, 5, 5, 16, 30))

    ends = timezone.localtime(expiry(7, now=now))

    assert (ends.date().isoformat(), ends.strftime("%H:%M")) == ("2026-05-12", "23:59")


# The page ---------------------------------------------------------------------------------


def test_the_preview_lists_who_gets_a_code_and_warns_before_anything_is_made(
    client, station_staff, station, newcomers
):
    create_signin_link(user=newcomers[0].user, created_by=station_staff)
    client.force_login(station_staff)

    response = client.get(SHEET, station_choice(station))

    page = response.text
    assert response.status_code == 200
    assert "递铺代表联络站：3名代表将得到登录码" in page
    for name in ["陈建军", "欧阳明辉", "吴桂芳"]:
        assert name in page
    assert "打印会生成新的登录码" in page and "其中1人手上的登录码目前仍然有效" in page
    assert "再次生成会换成新的登录码，第一张上的卡片就全部失效" in page
    assert 'class="sheet-confirm"' in page and "生成3个登录码并打印" in page
    assert SignInLink.objects.count() == 1  # looking makes nothing
    assert "no-store" in response["Cache-Control"]


def test_the_preview_reads_in_english(english, township_staff, township, newcomers):
    english.force_login(township_staff)

    page = english.get(SHEET, {"place": f"township-{township.pk}", "include": "new", "days": "3"})

    assert "递铺街道: 3 deputies get a code" in page.text
    assert "Printing makes new codes." in page.text
    assert "Make 3 codes and print the sheet" in page.text


def test_a_place_with_nobody_new_offers_no_button(client, station_staff, station, deputy):
    client.force_login(station_staff)

    page = client.get(SHEET, station_choice(station)).text

    assert "这里没有需要登录码的代表" in page and "sheet-confirm" not in page


@pytest.mark.parametrize("days", ["0", "31", "-1", "七", "", "2.5"])
def test_days_outside_one_to_thirty_are_refused_with_a_clear_message(
    client, station_staff, station, newcomers, days
):
    client.force_login(station_staff)

    shown = client.get(SHEET, station_choice(station, days=days))
    posted = client.post(SHEET, station_choice(station, days=days))

    for response in (shown, posted):
        assert response.status_code == 400
        assert "请填1到30之间的天数。" in response.text
    assert not SignInLink.objects.exists() and not codes_logged()


@pytest.mark.parametrize(
    ("clerk", "place"),
    [
        ("station_staff", "other_station"),  # another station of the same township
        ("station_staff", "township"),  # station staff print for their stations only
        ("county_officer", "other_county_station"),
    ],
)
def test_a_place_outside_ones_scope_prints_nothing(
    client, request, station, other_station, newcomers, other_county_deputy, clerk, place
):
    new_deputy(other_station, "李桂兰", "13512340004")
    new_deputy(other_county_deputy.station, "钱县外", "13512340005")
    key = {
        "other_station": f"station-{other_station.pk}",
        "township": f"township-{station.township_id}",
        "other_county_station": f"station-{other_county_deputy.station_id}",
    }[place]
    client.force_login(request.getfixturevalue(clerk))

    shown = client.get(SHEET, {"place": key, "include": "never", "days": "7"})
    posted = client.post(SHEET, {"place": key, "include": "never", "days": "7"})

    for response in (shown, posted):
        assert response.status_code == 400
        assert "请从您负责的联络站或乡镇（街道）中选择。" in response.text
        assert "李桂兰" not in response.text and "钱县外" not in response.text
    assert not SignInLink.objects.exists()


@pytest.mark.parametrize("who", ["deputy", "editor"])
def test_the_page_does_not_exist_for_deputies_and_editors(client, request, station, who):
    user = request.getfixturevalue(who)
    client.force_login(user.user if who == "deputy" else user)

    assert client.get(SHEET).status_code == 404
    assert client.post(SHEET, station_choice(station)).status_code == 404


@pytest.mark.parametrize("count", [5, 60])
def test_the_preview_makes_a_fixed_number_of_queries(
    client, station_staff, station, count, django_assert_max_num_queries
):
    for n in range(count):
        new_deputy(station, f"新代表{n}", f"1351234{n:04d}")
    client.force_login(station_staff)

    # Session, user and roles (3), the menu (3), the places (2), the preview (2).
    with django_assert_max_num_queries(10):
        response = client.get(SHEET, station_choice(station))

    assert len(response.context["preview"].deputies) == count


# Confirming -------------------------------------------------------------------------------


def post_sheet(client, station, **extra):
    response = client.post(SHEET, station_choice(station, **extra))
    assert response.status_code == 200, response.content[:500]
    return response


def test_confirming_makes_a_code_for_each_and_answers_with_the_pdf(
    client, station_staff, station, newcomers
):
    old_link, _old_token = create_signin_link(user=newcomers[0].user, created_by=station_staff)
    client.force_login(station_staff)

    response = post_sheet(client, station, days="10")

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "no-store" in response["Cache-Control"]
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="signin-codes-station-{station.pk}.pdf"'
    )
    usable = SignInLink.objects.usable()
    assert sorted(link.user_id for link in usable) == sorted(d.user_id for d in newcomers)
    last_day = timezone.localdate() + timedelta(days=10)
    assert {timezone.localtime(link.expires_at).date() for link in usable} == {last_day}
    assert {link.created_by for link in usable} == {station_staff}
    old_link.refresh_from_db()
    assert old_link.expires_at <= timezone.now()  # the older code no longer works


def test_each_code_on_a_sheet_is_logged(client, station_staff, station, newcomers):
    client.force_login(station_staff)

    post_sheet(client, station)

    logged = AuditEntry.objects.filter(action=Action.SIGNIN_CODE_CREATED)
    assert sorted(entry.deputy_id for entry in logged) == sorted(d.pk for d in newcomers)
    expires = timezone.localtime(SignInLink.objects.usable().first().expires_at)
    for entry in logged:
        assert (entry.actor, entry.county) == (station_staff, station.township.county)
        assert entry.detail["expires"] == expires.strftime("%Y-%m-%d %H:%M")
        assert entry.detail["sheet"] == station.name
        assert entry.detail["printed"] == timezone.localdate().isoformat()


def test_the_audit_log_reads_a_sheet_in_both_languages(
    client, station_staff, county_officer, station, newcomers
):
    client.force_login(station_staff)
    post_sheet(client, station)

    chinese = Client()
    chinese.force_login(county_officer)
    english = Client()
    english.cookies["django_language"] = "en"
    english.force_login(county_officer)
    log = reverse("audit:log")
    in_chinese = chinese.get(log, {"action": Action.SIGNIN_CODE_CREATED}).text
    in_english = english.get(log, {"action": Action.SIGNIN_CODE_CREATED}).text

    assert in_chinese.count("一次性登录码，有效期至") == 3
    assert "陈建军：一次性登录码" in in_chinese and "打印的递铺代表联络站登录码单上" in in_chinese
    assert in_english.count("a one-time sign-in code, valid until") == 3
    assert "陈建军: a one-time sign-in code" in in_english
    # The note in the reader's language too, not in the language it was printed in.
    assert "On the sign-in sheet of 递铺代表联络站 printed" in in_english
    assert "登录码单" not in in_english


def test_printing_again_cancels_the_first_sheet(client, station_staff, station, newcomers):
    client.force_login(station_staff)
    post_sheet(client, station)
    first = set(SignInLink.objects.values_list("pk", flat=True))

    post_sheet(client, station)

    assert SignInLink.objects.count() == 6
    assert not SignInLink.objects.usable().filter(pk__in=first).exists()
    assert SignInLink.objects.usable().count() == 3


def test_confirming_with_nobody_to_print_makes_nothing(client, station_staff, station, deputy):
    client.force_login(station_staff)

    response = client.post(SHEET, station_choice(station))

    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "这里没有需要登录码的代表" in response.text
    assert not SignInLink.objects.exists() and not codes_logged()


# The PDF ----------------------------------------------------------------------------------


def run(tool, *args) -> str:
    command = [TOOLS[tool], *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603


@needs_tools
def test_the_sheet_names_each_deputy_and_embeds_its_font(
    client, station_staff, station, newcomers, tmp_path
):
    client.force_login(station_staff)
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(post_sheet(client, station).content)

    text = run("pdftotext", pdf, "-")
    fonts = run("pdffonts", pdf).splitlines()[2:]

    assert "递铺代表联络站登录码单" in text
    for name in ["陈建军", "欧阳明辉", "吴桂芳"]:
        assert name in text
    assert "用手机相机扫左边的码" in text and "登录后，请设置自己的密码" in text
    valid_until = timezone.localdate() + timedelta(days=7)
    assert f"可以用到{valid_until.month}月{valid_until.day}日" in text
    assert fonts, "the PDF has no fonts"
    for line in fonts:
        emb, sub, uni = line.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), line


@needs_tools
def test_the_printed_codes_scan_and_sign_each_deputy_in(
    client, station_staff, station, newcomers, tmp_path
):
    client.force_login(station_staff)
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(post_sheet(client, station).content)

    # As a printer would put it on paper (150 dpi), then as a phone camera reads it.
    run("pdftoppm", "-png", "-r", "150", pdf, tmp_path / "page")
    scanned = run("zbarimg", "--quiet", "--raw", *sorted(tmp_path.glob("page*.png"))).split()

    assert len(scanned) == 3
    tokens = [re.fullmatch(r"http://testserver/accounts/link/([\w-]+)/", url)[1] for url in scanned]
    owners = {SignInLink.objects.get(token_hash=SignInLink.hash_token(t)).user for t in tokens}
    assert owners == {deputy.user for deputy in newcomers}

    phone = Client()
    path = urlsplit(scanned[0]).path
    owner = SignInLink.objects.get(token_hash=SignInLink.hash_token(tokens[0])).user
    assert owner.name in phone.get(path).text
    signed_in = phone.post(path)
    assert signed_in.status_code == 302
    assert int(phone.session["_auth_user_id"]) == owner.pk
    # A new account has no password: it is offered to choose one at once.
    assert signed_in.url == reverse("password_change")
    assert phone.post(path).status_code == 410  # once only


def test_a_place_too_big_for_one_sheet_is_refused(
    client, monkeypatch, township_staff, township, newcomers
):
    monkeypatch.setattr("deputies.views.signin_sheets.MAX_CARDS", 2)
    client.force_login(township_staff)
    choice = {"place": f"township-{township.pk}", "include": "new", "days": "7"}

    shown = client.get(SHEET, choice).text
    posted = client.post(SHEET, choice)

    assert "人数超过一张登录码单的上限（2张卡片）" in shown and "sheet-confirm" not in shown
    assert posted.status_code == 200 and posted["Content-Type"].startswith("text/html")
    assert not SignInLink.objects.exists() and not codes_logged()


def test_the_offline_service_worker_never_keeps_the_sheet():
    from training_site.offline import NEVER_KEPT

    assert any(SHEET.startswith(path) for path in NEVER_KEPT)


@needs_tools
def test_no_card_is_split_by_a_page_break(client, station_staff, station, newcomers, tmp_path):
    for n in range(4):
        new_deputy(station, f"新代表{n}", f"1351234100{n}")
    client.force_login(station_staff)
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(post_sheet(client, station).content)

    pages = run("pdftotext", pdf, "-").split("\f")[:-1]

    # Six cards a page: each page holds whole cards, a name with its three steps.
    assert len(pages) == 2
    names_on = [
        sum(name in page for name in names(newcomers) + [f"新代表{n}" for n in range(4)])
        for page in pages
    ]
    assert names_on == [6, 1]
    for page, count in zip(pages, names_on, strict=True):
        assert page.count("用手机相机扫左边的码") == count
        assert page.count("登录后，请设置自己的密码") == count
