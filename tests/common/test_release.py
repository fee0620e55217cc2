"""common.release: the digest pages kept whole are kept under changes with what makes them,
and with nothing else."""

import pytest
from django.test import override_settings

from common import release


@pytest.fixture
def templates(tmp_path, settings):
    """A templates folder of the site's own, with one template in it."""
    (tmp_path / "page.html").write_text("<p>{{ title }}</p>")
    engine = {**settings.TEMPLATES[0], "DIRS": [tmp_path]}
    with override_settings(TEMPLATES=[engine]):
        release.digest.cache_clear()
        yield tmp_path
    release.digest.cache_clear()


def digest_now() -> str:
    release.digest.cache_clear()
    return release.digest()


def test_a_changed_template_or_translation_is_another_release(templates, tmp_path):
    before = digest_now()

    (templates / "page.html").write_text("<p>{{ title }}！</p>")
    changed = digest_now()
    (templates / "page.html").write_text("<p>{{ title }}</p>")

    assert changed != before
    assert digest_now() == before  # read from the contents, not the files' times


def test_what_serves_no_page_is_not_part_of_it(templates):
    before = digest_now()

    (templates / "tests").mkdir()
    (templates / "tests" / "test_page.py").write_text("assert True\n")
    (templates / "notes.txt").write_text("not a template")

    assert digest_now() == before


def test_it_is_read_once_a_process(templates):
    first = digest_now()
    (templates / "page.html").write_text("<p>changed after it was read</p>")

    assert release.digest() == first
