import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from materials.articlemap import lookup, parse_article_number, trace
from materials.lawtext import parse_law
from materials.selectors import versions_of
from materials.services import import_law

from .texts import AMENDED, BASE, PROPOSERS, PUBLICITY, PURPOSE, REASONS, SCOPE, START, VOTING, rule


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("19", 19),
        ("１９", 19),
        ("十九", 19),
        ("第十九条", 19),
        (" 第 19 条 ", 19),
        ("第一百零五条", 105),
    ],
)
def test_article_numbers_as_deputies_type_them(typed, number):
    assert parse_article_number(typed) == number


@pytest.mark.parametrize("typed", ["", "abc", "0", "第条", "十九款"])
def test_what_is_not_an_article_number(typed):
    assert parse_article_number(typed) is None


def test_an_old_number_leads_to_the_article_in_force(sample_version, amended_version):
    versions = versions_of(sample_version.law)

    moved = lookup(sample_version, 3, versions)
    assert (moved.change.kind, moved.change.label) == ("renumbered", "第三条 → 第四条")
    assert moved.places[0].article.version == amended_version
    assert lookup(sample_version, 4, versions).change.kind == "removed"
    assert lookup(sample_version, 99, versions).missing
    assert lookup(sample_version, 1, versions).change.label == "第一条"


def test_an_old_number_is_followed_through_every_later_version(db):
    """2020's article 4 moved to 6 in 2022, then became the second paragraph of article 5 in
    2024: the lessons and questions written with 2020's numbers find it there."""
    import_law(parsed=parse_law(rule(BASE, "2020-01-01")), accept_warnings=True)
    moved = [PURPOSE, SCOPE, PROPOSERS, VOTING, PUBLICITY, REASONS, START]
    import_law(parsed=parse_law(rule(moved, "2022-01-01")), accept_warnings=True)
    merged = [PURPOSE, SCOPE, PROPOSERS, VOTING, [PUBLICITY[0], REASONS[0]], START]
    law = import_law(parsed=parse_law(rule(merged, "2024-01-01")), accept_warnings=True).version.law
    versions = versions_of(law)
    first = versions[-1]

    answer = trace(first.articles.get(number=4), versions)
    assert answer.change.kind == "merged"
    assert answer.change.label == "第四条 merged into 第五条第二款"
    assert answer.places[0].text == REASONS[0]
    assert lookup(first, 6, versions).change.label == "第六条 → 第五条"


def test_the_law_page_offers_the_lookup_only_with_an_older_version(client, sample_version):
    url = sample_version.law.url
    assert "old-numbers/" not in client.get(url).content.decode()
    import_law(
        parsed=parse_law(rule(BASE, "2020-01-01")), accept_warnings=True
    )  # another law: no effect here
    import_law(parsed=parse_law(AMENDED))
    html = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert 'action="' + url + 'old-numbers/"' in html
    assert '<option value="2024-06-30"' in html


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("第三条", "第三条 → 第四条"),
        ("3", "议题可以由下列人员提出"),
        ("四", "it was deleted"),
        ("99", "The version of 2024-06-30 has no article 99."),
        ("条", "Type an article number, such as 19"),
    ],
)
def test_lookup_page(client, sample_version, amended_version, typed, shown):
    response = client.get(
        sample_version.law.url + "old-numbers/",
        {"version": "2024-06-30", "number": typed},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    assert shown in response.content.decode()


def test_lookup_queries_are_fixed(client, sample_version, amended_version):
    url = sample_version.law.url + "old-numbers/"
    query = {"version": "2024-06-30", "number": "3"}

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, query).status_code == 200
        return len(captured)

    client.get(url)  # warm Wagtail's site cache, as a running server has it
    cache.clear()
    cold, warm = queries(), queries()
    # Warm: Wagtail's four (the page, level by level; the site and whether any page has a view
    # restriction are in the cache: common.pages), the versions, the old article and the
    # article in force, and the try at the whole path (courses.routing: a law page's sub-path
    # names no page, so Wagtail walks the tree after it). Cold: the two versions' articles for
    # the map, and what the cache keeps of the site (the site, its root paths, whether any page
    # has a view restriction).
    assert (cold, warm) == (13, 8)


def test_an_older_articles_page_says_where_it_stands_now(client, sample_version, amended_version):
    old = client.get(
        sample_version.law.url + "v/2024-06-30/articles/3/", headers={"accept-language": "en"}
    )
    html = old.content.decode()
    assert "In the version in force (since 2025-01-01):" in html
    assert "第三条 → 第四条" in html
    assert (
        "In the version in force"
        not in client.get(sample_version.law.url + "articles/4/").content.decode()
    )


def test_an_older_articles_page_queries_are_fixed(client, sample_version, amended_version):
    url = sample_version.law.url + "v/2024-06-30/articles/3/"
    client.get(url)  # warm Wagtail's site cache and the map of the two versions
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    current = sample_version.law.url + "articles/4/"
    client.get(current)
    with CaptureQueriesContext(connection) as current_captured:
        assert client.get(current).status_code == 200
    # Saying where the old article stands now (a warm map, the article in force) costs no more
    # than the page of an article in force (10 with the try at the whole path, as above).
    assert len(captured) == len(current_captured) == 10
