"""Fixtures of the reception register: a matter a deputy recorded with the voter's consent to
keep their mobile, at each stage of its handling."""

import pytest

from receptions.matters import services
from receptions.matters.services import Voter
from receptions.models import Category

VOTER_MOBILE = "13912340001"


@pytest.fixture
def matter(deputy, station):
    return services.record_matter(
        station=station,
        recorded_by=deputy.user,
        category=Category.ROADS,
        raised="村口桥面塌了一块，下雨天孩子上学要绕路。",
        said_on_spot="已记录，将转镇交通办。",
        voter=Voter("周大妈", VOTER_MOBILE, True),
    )


@pytest.fixture
def referred(matter, station_staff):
    return services.refer(matter=matter, by=station_staff, unit="镇交通办")


@pytest.fixture
def answered(referred, station_staff):
    return services.record_answer(matter=referred, by=station_staff, answer="已列入本月维修。")


@pytest.fixture
def visited(answered, deputy):
    return services.record_visit(matter=answered, by=deputy.user, satisfaction="satisfied")
