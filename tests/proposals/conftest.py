import pytest

from proposals.factories import ExerciseFactory
from proposals.models import Draft, Genre
from proposals.services import start_draft


@pytest.fixture
def exercise(db):
    return ExerciseFactory()


@pytest.fixture
def motion_exercise(db):
    return ExerciseFactory(
        title="集市占道经营", genre=Genre.MOTION, scenario="集市摆满了主街。", guidance=""
    )


@pytest.fixture
def draft(deputy, exercise) -> Draft:
    return start_draft(deputy=deputy, exercise=exercise)


@pytest.fixture
def other_draft(other_station_deputy, exercise) -> Draft:
    return start_draft(deputy=other_station_deputy, exercise=exercise)
