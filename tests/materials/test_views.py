import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from materials.lawtext import parse_law
from materials.services import import_law

from .texts import numbered_law

LAWS = "/laws/"


def law_url(version):
    return version.law.url


def test_library_lists_laws_with_their_version_in_force(client, sample_version, amended_version):
    response = client.get(LAWS, headers={"accept-language": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "某某县村务议事规则" in html
    assert "In force since 2025-01-01" in html


def test_empty_library_explains_how_to_import(client, db):
    from materials.services import library_index

    library_index()
    response = client.get(LAWS, headers={"accept-language": "en"})
    assert "No laws imported yet." in response.content.decode()


def test_reader_shows_contents_sections_and_items(client, sample_version):
    response = client.get(law_url(sample_version), headers={"accept-language": "en"})
    html = response.content.decode()

    assert response.status_code == 200
    assert 'href="#chapter-2"' in html and "第二章　议事程序" in html
    assert "第一节　提出" in html
    assert "<li>（一）村民委员会；</li>" in html
    assert 'id="article-3"' in html


def test_an_article_has_a_stable_url(client, sample_version, amended_version):
    current = client.get(law_url(sample_version) + "articles/1/")
    old = client.get(law_url(sample_version) + "v/2024-06-30/articles/1/")

    assert "保障村民参与" in current.content.decode()
    assert "保障村民参与" not in old.content.decode()
    assert client.get(law_url(sample_version) + "articles/99/").status_code == 404
    assert client.get(law_url(sample_version) + "v/2001-01-01/").status_code == 404
    assert client.get(law_url(sample_version) + "v/not-a-date/").status_code == 404


def test_changes_page_lists_every_kind(client, sample_version, amended_version):
    response = client.get(law_url(sample_version) + "changes/", headers={"accept-language": "en"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "<ins>保障村民参与，</ins>" in html
    assert "第三条 → 第四条" in html
    assert "formerly 第四条" in html
    explicit = client.get(law_url(sample_version) + "changes/2024-06-30/2025-01-01/")
    assert explicit.status_code == 200


def test_changes_with_one_version_says_so(client, sample_version):
    response = client.get(law_url(sample_version) + "changes/", headers={"accept-language": "en"})
    assert "Only one version" in response.content.decode()


def test_reader_queries_do_not_grow_with_the_law(client, db):
    """The reader, an article and the changes page make as many queries for a law of 240
    articles in two versions as for one of 12."""

    def queries(url):
        client.get(url)  # warm Wagtail's site cache, as a running server has it
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    counts = {}
    for name, per_chapter in (("小法", 2), ("大法", 40)):
        import_law(parsed=parse_law(numbered_law(name, 6, per_chapter, date="2020-01-01")))
        bigger = numbered_law(name, 6, per_chapter + 1, date="2024-01-01")
        url = import_law(parsed=parse_law(bigger)).version.law.url
        counts[name] = [queries(url), queries(url + "articles/3/"), queries(url + "changes/")]

    assert counts["小法"] == counts["大法"]
    assert max(counts["大法"]) <= 15


def test_search_finds_articles_by_chinese_terms(client, sample_version, amended_version):
    response = client.get("/search/", {"q": "村务公开"}, headers={"accept-language": "en"})
    html = response.content.decode()

    assert "1 result for “村务公开”" in html and "1 article</span>" in html
    assert "<mark>村务公开</mark>" in html
    # Only versions in force are searched: 议题应当写明事由 was removed in 2025.
    assert (
        "Nothing found for “写明事由”"
        in client.get(
            "/search/", {"q": "写明事由"}, headers={"accept-language": "en"}
        ).content.decode()
    )


def test_search_wants_two_characters(client, db):
    response = client.get("/search/", {"q": "代"}, headers={"accept-language": "en"})
    assert "at least two characters" in response.content.decode()


@pytest.mark.parametrize("term", ["议案", "联名", "质询", "罢免"])
def test_search_terms_in_the_deputy_law(client, db, shared_laws, term):
    call_command("import_law", str(shared_laws / "daibiaofa-2025-03-11.md"), stdout=None)
    response = client.get("/search/", {"q": term})
    assert response.status_code == 200
    assert f"<mark>{term}</mark>" in response.content.decode()


def test_search_queries_are_fixed(client, sample_version, django_assert_max_num_queries):
    client.get("/search/", {"q": "村民"})
    with django_assert_max_num_queries(6):
        client.get("/search/", {"q": "村民"})
