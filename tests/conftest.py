import pytest

from deputies.factories import (
    CountyFactory,
    DeputyFactory,
    LiaisonStationFactory,
    TownshipFactory,
    UserFactory,
)
from deputies.models import StaffRole
from deputies.services import grant_role

PASSWORD = "pass-word-1"


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


@pytest.fixture
def deputy(station):
    return DeputyFactory(station=station, user__name="王秀英", user__mobile="13900000001")


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
