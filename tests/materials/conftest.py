import pytest
from django.utils import translation

from materials.lawtext import parse_law
from materials.services import import_law

from .texts import AMENDED, SAMPLE


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
