"""Study notes: a law whose official text is not imported is read through its notes; once the
text is imported, each note appears under its article."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.factories import CoursePageFactory, LessonPageFactory
from courses.models import LessonPage
from materials.demo import seed_study_notes, study_laws
from materials.factories import ArticleNoteFactory, LawPageFactory
from materials.lawtext import parse_law
from materials.models import ArticleNote
from materials.services import import_law

from .texts import SAMPLE

TITLE = "某某县村务议事规则"


@pytest.fixture(autouse=True)
def english_pages(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def course(db):
    return CoursePageFactory(title="议事", slug="yishi", summary="议事。")


@pytest.fixture
def notes_only(db):
    """The law's page with notes, its official text not imported."""
    law = LawPageFactory(title=TITLE, slug="cunwu", short_name="议事规则", summary="村务议事。")
    ArticleNoteFactory(law=law, article=3, heading="谁能提出议题", text="村委会可以提。")
    ArticleNoteFactory(law=law, article=1, heading="为什么制定", text="规范村务议事。")
    return law


def test_a_law_without_its_text_shows_its_notes_in_article_order(client, notes_only):
    response = client.get(notes_only.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "The official text of this law is not in the library yet" in html
    assert html.index("第一条　为什么制定") < html.index("第三条　谁能提出议题")
    assert 'href="#note-3"' in html and 'id="note-3"' in html
    library = client.get(notes_only.get_parent().url).content.decode()
    assert "Official text not imported yet · 2 study notes" in library


def test_an_asked_for_version_that_does_not_exist_is_still_404(client, notes_only):
    assert client.get(notes_only.url + "v/2020-01-01/").status_code == 404
    assert client.get(notes_only.url + "articles/3/").status_code == 404


def test_importing_the_text_puts_each_note_under_its_article(client, notes_only):
    version = import_law(parsed=parse_law(SAMPLE)).version

    assert version.law_id == notes_only.pk  # the notes' page receives the text
    html = client.get(notes_only.url).content.decode()
    assert "第三条" in html and "议题可以由下列人员提出" in html
    assert html.index("议题可以由下列人员提出") < html.index("村委会可以提。")
    article = client.get(notes_only.url + "articles/3/").content.decode()
    assert "Study note · 谁能提出议题" in article
    assert "村委会可以提。" not in client.get(notes_only.url + "articles/2/").content.decode()


def test_notes_cost_the_reader_one_query_whatever_their_number(client, notes_only):
    import_law(parsed=parse_law(SAMPLE))

    def queries():
        client.get(notes_only.url)
        with CaptureQueriesContext(connection) as captured:
            client.get(notes_only.url)
        return len(captured)

    before = queries()
    ArticleNote.objects.create(law=notes_only, article=2, heading="适用", text="各村适用。")
    ArticleNote.objects.create(law=notes_only, article=4, heading="事由", text="写明事由。")
    assert queries() == before


def test_search_finds_notes_of_laws_without_text_between_articles_and_lessons(
    client, notes_only, course
):
    LessonPageFactory(
        parent=course, slug="tiyi", body=[{"type": "text", "value": "<p>议题由谁提出？</p>"}]
    )

    html = client.get("/search/", {"q": "议题"}).content.decode()

    assert "1 study note</span>" in html
    assert '<a href="/laws/cunwu/#note-3">' in html
    assert html.index("Study notes") < html.index("Lessons")
    # Once the text is imported, its articles are found instead of the notes.
    import_law(parsed=parse_law(SAMPLE))
    html = client.get("/search/", {"q": "议题"}).content.decode()
    assert "study note" not in html and "articles</span>" in html


def test_search_results_are_grouped_by_kind_with_counts_and_jump_links(
    client, notes_only, course, monkeypatch, django_assert_max_num_queries
):
    for slug in ("tiyi", "tiyi2"):
        LessonPageFactory(
            parent=course, slug=slug, body=[{"type": "text", "value": "<p>议题由谁提出？</p>"}]
        )
    with django_assert_max_num_queries(6):
        html = client.get("/search/", {"q": "议题"}).content.decode()
    # The total says what it counts, then one link per kind found, to that kind's heading.
    assert "3 results for “议题”, by kind:" in html
    assert '<a href="#results-notes">Study notes <strong>1</strong></a>' in html
    assert '<a href="#results-lessons">Lessons <strong>2</strong></a>' in html
    assert "#results-articles" not in html  # no articles: no link to an empty group
    assert html.index('id="results-notes"') < html.index('id="results-lessons"')
    assert "there are more" not in html

    # A full group says that it shows only the first ones, and the total says "more than".
    monkeypatch.setattr("training_site.search.LESSONS_SHOWN", 1)
    html = client.get("/search/", {"q": "议题"}).content.decode()
    assert "More than 2 results for “议题”" in html
    assert '<a href="#results-lessons">Lessons <strong>1+</strong></a>' in html
    assert "Showing the first 1: there are more. Add a word to narrow the search." in html
    assert html.count('class="card result"') == 2

    html = client.get("/search/", {"q": "没有这个词"}).content.decode()
    assert "Nothing found for “没有这个词”" in html and "by kind" not in html


def test_a_lesson_quoting_a_law_without_text_shows_the_note_and_links_to_it(
    client, course, notes_only
):
    block = {"type": "law_article", "value": {"law": notes_only.pk, "article": 3, "note": "看"}}
    stream = LessonPage.body.field.stream_block
    stream.clean(stream.to_python([block]))  # accepted: the article cannot be checked yet
    lesson = LessonPageFactory(parent=course, slug="quote", body=[block])

    html = client.get(lesson.url).content.decode()

    assert f'href="{notes_only.url}#note-3"' in html
    assert "村委会可以提。" in html and "Study note in plain words" in html
    import_law(parsed=parse_law(SAMPLE))
    html = client.get(lesson.url).content.decode()
    assert "议题可以由下列人员提出" in html and "Study note in plain words" not in html


def test_the_demo_notes_load_once_and_name_real_pages(db):
    first = seed_study_notes()
    count = ArticleNote.objects.count()
    again = seed_study_notes()

    assert [law.pk for law in first] == [law.pk for law in again]
    assert ArticleNote.objects.count() == count == sum(len(d.notes) for d in study_laws()) == 56
    assert {law.short_name for law in first} >= {"选举法", "监督法", "地方组织法"}
    for data in study_laws():
        numbers = [number for number, _heading, _text in data.notes]
        assert len(numbers) == len(set(numbers)), data.slug
