import pytest
from django.db import DatabaseError, connection
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deputies.factories import DeputyFactory, LiaisonStationFactory

HOME = reverse("home")
LARGE_FONT = reverse("toggle_large_font")


def test_health_is_ok_while_the_database_reads_and_writes(
    client, db, django_assert_max_num_queries
):
    migrations = MigrationRecorder.Migration.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert "no-cache" in response["Cache-Control"]
    # A read and a write that is rolled back, touching no row: nothing is left behind.
    statements = [query["sql"].split()[0].upper() for query in queries]
    assert "SELECT" in statements and "UPDATE" in statements
    assert len(statements) <= 5  # with the savepoint around the write, in a test
    assert MigrationRecorder.Migration.objects.count() == migrations


def _refuse_writes(cursor):
    """The database's own way of refusing every write on this connection: SQLite's query-only
    mode (the same SQLITE_READONLY error as a read-only file), a PostgreSQL session whose
    transactions are read-only (as on a hot standby, or after
    `ALTER DATABASE ... SET default_transaction_read_only = on`)."""
    if connection.vendor == "sqlite":
        cursor.execute("PRAGMA query_only = ON")
    else:
        cursor.execute("SET default_transaction_read_only = on")


def _allow_writes(cursor):
    if connection.vendor == "sqlite":
        cursor.execute("PRAGMA query_only = OFF")
    else:
        cursor.execute("RESET default_transaction_read_only")


# Outside a test transaction: the health check begins a transaction of its own, as in
# production (a read-only PostgreSQL session makes only the transactions begun after it so).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_health_is_503_when_the_database_answers_but_refuses_writes(client):
    with connection.cursor() as cursor:
        _refuse_writes(cursor)
    try:
        response = client.get(reverse("healthz"))
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")  # the connection still reads
    finally:
        with connection.cursor() as cursor:
            _allow_writes(cursor)

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "refuses writes",
        "reason": "the database refuses writes",
    }
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_the_database_fails(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    # Undone inside the test: the database fixture's own teardown needs a working cursor.
    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "down",
        "reason": "the database does not answer",
    }


def test_the_home_page_asks_a_visitor_to_sign_in(client, db):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/"


def test_a_deputy_sees_their_learning(english, deputy):
    english.force_login(deputy.user)

    response = english.get(HOME)

    assert "Hello, 王秀英" in response.text
    assert "My learning" in response.text
    assert "No courses yet." in response.text
    assert "term 18" in response.text
    assert "递铺代表联络站" in response.text
    assert "deputies in office" not in response.text
    assert reverse("deputy_list") not in response.text


@pytest.fixture
def counted(county, township, station, other_station, other_township):
    """Deputies in office: 2 at the station, 1 at the other, 3 in the other township; one
    who has left office, who must not be counted."""
    DeputyFactory.create_batch(2, station=station)
    DeputyFactory(station=other_station)
    DeputyFactory(station=other_station, is_active=False)
    DeputyFactory.create_batch(3, station=LiaisonStationFactory(township=other_township))


def row(name, count):
    return f'>{name}</a></th><td class="num">{count}</td>'


def test_a_county_officer_sees_townships_with_counts(english, county_officer, counted):
    english.force_login(county_officer)

    response = english.get(HOME)

    assert "安吉县" in response.text
    assert '<span class="stat__value">6</span>' in response.text
    assert row("递铺街道", 3) in response.text
    assert row("孝丰镇", 3) in response.text
    assert "My learning" not in response.text


def test_township_staff_see_stations_with_counts(english, township_staff, counted):
    english.force_login(township_staff)

    response = english.get(HOME)

    assert row("递铺代表联络站", 2) in response.text
    assert row("古城代表联络站", 1) in response.text
    assert "孝丰镇" not in response.text


def test_station_staff_see_their_station(english, station_staff, counted):
    english.force_login(station_staff)

    response = english.get(HOME)

    assert "My liaison stations" in response.text
    assert "递铺代表联络站" in response.text
    assert "2 deputies" in response.text
    assert "古城代表联络站" not in response.text


def test_an_editor_is_pointed_to_the_content_admin(english, editor):
    english.force_login(editor)

    response = english.get(HOME)

    assert "Open the content admin" in response.text
    assert 'href="/admin/"' in response.text
    assert reverse("deputy_list") not in response.text


def test_a_user_without_a_role_is_told_so(english, django_user_model, db):
    user = django_user_model.objects.create_user("13512340001", "pass-word-1", name="新人")
    english.force_login(user)

    response = english.get(HOME)

    assert "Your account has no role yet." in response.text


def test_large_font_is_switched_on_and_off(client, db):
    on = client.post(LARGE_FONT, {"next": "/accounts/login/"})

    assert on.status_code == 302
    assert on.url == "/accounts/login/"
    assert on.cookies["large_font"].value == "1"
    assert 'class="large-font"' in client.get("/accounts/login/").text

    off = client.post(LARGE_FONT, {"next": "/accounts/login/"})

    assert off.cookies["large_font"].value == ""
    assert off.cookies["large_font"]["max-age"] == 0
    assert 'class="large-font"' not in client.get("/accounts/login/").text


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_large_font_does_not_send_the_reader_off_site(client, db, target):
    response = client.post(LARGE_FONT, {"next": target})

    assert response.status_code == 302
    assert response.url == "/"


def test_large_font_needs_a_post(client, db):
    assert client.get(LARGE_FONT).status_code == 405


def test_the_reader_switches_to_english_and_back(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})

    assert response.status_code == 302
    assert response.url == "/accounts/login/"
    page = client.get("/accounts/login/")
    assert '<html lang="en"' in page.text
    assert "Sign in with your mobile number and password." in page.text

    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})

    assert '<html lang="zh-hans"' in client.get("/accounts/login/").text


def test_chinese_is_the_default(client, db):
    assert '<html lang="zh-hans"' in client.get("/accounts/login/").text
