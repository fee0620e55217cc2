import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import translation

from certificates.factories import CertificateFactory, CertificateTemplateFactory
from courses.factories import CoursePageFactory
from courses.factories import course_index as the_course_index
from deputies.factories import (
    PASSWORD,
    CountyFactory,
    DeputyFactory,
    LiaisonStationFactory,
    TownshipFactory,
    UserFactory,
)
from deputies.models import StaffRole, User
from deputies.services import EDITORS_GROUP, grant_role

# Scenario fixtures that more than one folder uses, kept beside the tests they came from.
pytest_plugins = ["tests.reports.scenarios"]


def _empties_tables(item) -> bool:
    """Whether a test runs outside a rolled-back transaction (browser tests): Django empties
    every table after it."""
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


def _puts_the_rows_back(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("serialized_rollback")) or (
        "django_db_serialized_rollback" in getattr(item, "fixturenames", ())
    )


def pytest_collection_modifyitems(config, items):
    """A test that empties the tables must put back the rows migrations made (serialized
    rollback). Without it, Django's flush after it runs the post-migrate handlers instead, which
    make the content types again: every later test of that worker that does put the rows back
    then fails at set-up on a duplicate content type, a cascade far from its cause."""
    careless = [
        item.nodeid for item in items if _empties_tables(item) and not _puts_the_rows_back(item)
    ]
    if careless:
        raise pytest.UsageError(
            "These tests empty the tables without serialized_rollback=True "
            "(pytest.mark.django_db(transaction=True, serialized_rollback=True)):\n  "
            + "\n  ".join(careless)
        )


@pytest.fixture(scope="session", autouse=True)
def _kept_database_stays_whole(request, django_db_blocker):
    """Leave the test database as migrations made it, for the next run's --reuse-db.

    A test that empties the tables also empties the rows migrations created (Wagtail's groups
    and root page), and a kept PostgreSQL database would start the next run without them.
    """
    if not any(_empties_tables(item) for item in request.session.items):
        yield
        return
    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        if not Group.objects.filter(name=EDITORS_GROUP).exists():
            pytest.exit(
                "The kept test database has lost the rows its migrations made (an earlier run "
                "was interrupted). Run once with --create-db.",
                returncode=4,
            )
        snapshot = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        # Sequences keep counting, as after Django's own flushes: restored rows keep their ids.
        call_command(
            "flush",
            interactive=False,
            inhibit_post_migrate=True,
            reset_sequences=False,
            verbosity=0,
        )
        # Content types first: building some rows (Wagtail's tasks) looks up their content
        # type, and would create it, clashing with the snapshot's row, if it were not there.
        rows = json.loads(snapshot)
        first = [row for row in rows if row["model"] == "contenttypes.contenttype"]
        rest = [row for row in rows if row["model"] != "contenttypes.contenttype"]
        connection.creation.deserialize_db_from_string(json.dumps(first))
        connection.creation.deserialize_db_from_string(json.dumps(rest))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate-limit counters and cached reads from one
    test must not leak into the next."""
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language and leaves none behind: a test that
    activates another (a request, a command) must not change what the next one reads."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def county(db):
    return CountyFactory(name="安吉县", code="330523")


@pytest.fixture
def township(county):
    return TownshipFactory(county=county, name="递铺街道")


@pytest.fixture
def station(township):
    return LiaisonStationFactory(township=township, name="递铺代表联络站")


@pytest.fixture
def other_station(township):
    """A second station in the same township."""
    return LiaisonStationFactory(township=township, name="古城代表联络站")


@pytest.fixture
def other_county(db):
    return CountyFactory(name="德清县", code="330521")


# Fixture people use 136/137 numbers: UserFactory's sequence makes 139 numbers, and a clash
# would make get_or_create hand back a fixture's user instead of a new one.


@pytest.fixture
def deputy(station):
    return DeputyFactory(station=station, user__name="王秀英", user__mobile="13600000001")


@pytest.fixture
def other_station_deputy(other_station):
    """A deputy of the other station in the same township."""
    return DeputyFactory(station=other_station, user__name="李建国", user__mobile="13600000002")


@pytest.fixture
def other_township(county):
    """A second township in the same county, with its own station."""
    return TownshipFactory(county=county, name="孝丰镇")


@pytest.fixture
def other_township_deputy(other_township):
    station = LiaisonStationFactory(township=other_township, name="孝丰代表联络站")
    return DeputyFactory(station=station, user__name="张丽华", user__mobile="13600000003")


@pytest.fixture
def other_county_deputy(other_county):
    """A deputy in another county altogether."""
    township = TownshipFactory(county=other_county, name="武康街道")
    station = LiaisonStationFactory(township=township, name="武康代表联络站")
    return DeputyFactory(station=station, user__name="赵志强", user__mobile="13600000009")


@pytest.fixture
def station_staff(station):
    user = UserFactory(name="站务员", mobile="13700000001")
    grant_role(user=user, kind=StaffRole.Kind.STATION, place=station)
    return user


@pytest.fixture
def township_staff(township):
    user = UserFactory(name="乡镇干部", mobile="13700000002")
    grant_role(user=user, kind=StaffRole.Kind.TOWNSHIP, place=township)
    return user


@pytest.fixture
def county_officer(county):
    user = UserFactory(name="县人大干部", mobile="13700000003")
    grant_role(user=user, kind=StaffRole.Kind.COUNTY, place=county)
    return user


@pytest.fixture
def editor(db):
    user = UserFactory(name="编辑", mobile="13700000004")
    grant_role(user=user, kind=StaffRole.Kind.EDITOR)
    return user


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("13800000000", PASSWORD, name="管理员")


@pytest.fixture
def course_index(db):
    return the_course_index()


@pytest.fixture
def course(course_index):
    return CoursePageFactory(
        parent=course_index, title="村务课程", slug="cunwu", summary="村务议事规则入门。"
    )


@pytest.fixture
def elective(course_index):
    return CoursePageFactory(
        parent=course_index, title="选修课", slug="xuanxiu", summary="选修。", required=False
    )


@pytest.fixture
def template(db):
    """The county's default certificate template."""
    return CertificateTemplateFactory()


@pytest.fixture
def certificate(deputy, course, template, county_officer):
    """The deputy's certificate of `course`, earned by completing it."""
    return CertificateFactory(deputy=deputy, course=course, by=county_officer)


@pytest.fixture
def english(client):
    """The test client, reading pages in English (the default language is Chinese)."""
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def in_english():
    """Messages made outside a request (validators, importers, commands) in English."""
    with translation.override("en"):
        yield


# Beside the clone (../shared/laws); a git worktree elsewhere names it with SHARED_LAWS.
SHARED_LAWS = Path(
    os.environ.get("SHARED_LAWS") or Path(__file__).resolve().parents[2] / "shared" / "laws"
)


@pytest.fixture
def shared_laws():
    """The official texts kept beside the project; tests that need them skip in a clone
    without them."""
    if not SHARED_LAWS.is_dir():
        pytest.skip("../shared/laws is not here")
    return SHARED_LAWS
