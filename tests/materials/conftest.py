from pathlib import Path

import pytest
from django.utils import translation

from materials.lawtext import parse_law
from materials.services import import_law

from .texts import AMENDED, SAMPLE

SHARED_LAWS = Path(__file__).resolve().parents[3] / "shared" / "laws"


@pytest.fixture
def shared_laws():
    """The official texts beside the project; tests that need them skip in a clone without."""
    if not SHARED_LAWS.is_dir():
        pytest.skip("../shared/laws is not here")
    return SHARED_LAWS


@pytest.fixture
def sample_version(db):
    return import_law(parsed=parse_law(SAMPLE), source_name="sample.md").version


@pytest.fixture
def amended_version(sample_version):
    return import_law(parsed=parse_law(AMENDED), source_name="amended.md").version


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English; the interface default is Chinese."""
    with translation.override("en"):
        yield
