import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from materials.diff import compare, mark_changes
from materials.lawtext import parse_law
from materials.selectors import diff_versions, version_articles
from materials.services import import_law

from .texts import (
    BASE,
    PROPOSERS,
    PUBLICITY,
    PURPOSE,
    REASONS,
    SCOPE,
    START,
    VOTING,
    rule,
)


def diff_of(new_articles):
    old = import_law(parsed=parse_law(rule(BASE, "2020-01-01")), accept_warnings=True).version
    new = import_law(
        parsed=parse_law(rule(new_articles, "2024-01-01")), accept_warnings=True
    ).version
    return diff_versions(old, new)


def of_old(diff, number):
    return next(c for c in diff.changes if c.old and c.old.number == number)


def of_kind(diff, kind):
    return [c for c in diff.changes if c.kind == kind]


def successor(diff, old_article):
    """The new version's (first) article that an old article became, or None if removed."""
    for change in diff.changes:
        if change.old is not None and change.old.pk == old_article.pk:
            return change.places[0].article if change.places else None
    return None


def test_mark_changes_marks_only_what_differs():
    old, new = mark_changes("代表应当听取意见。", "代表应当认真听取群众意见。")
    assert old == "代表应当听取意见。"
    assert new == "代表应当<ins>认真</ins>听取<ins>群众</ins>意见。"


def test_mark_changes_escapes_html():
    old, new = mark_changes("<b>甲</b>", "<b>乙</b>")
    assert old == "&lt;b&gt;<del>甲</del>&lt;/b&gt;"
    assert new == "&lt;b&gt;<ins>乙</ins>&lt;/b&gt;"


def test_sample_amendment(sample_version, amended_version):
    diff = diff_versions(sample_version, amended_version)
    summary = {
        (c.kind, c.old.number if c.old else None, c.new.number if c.new else None)
        for c in diff.changes
    }

    assert summary == {
        ("reworded", 1, 1),  # 保障村民参与 added
        ("unchanged", 2, 2),
        ("added", None, 3),  # 村务公开
        ("renumbered", 3, 4),
        ("removed", 4, None),  # 议题应当写明事由 dropped
        ("unchanged", 5, 5),
        ("unchanged", 6, 6),
    }
    reworded = of_kind(diff, "reworded")[0]
    assert reworded.new_html == "为了规范村务议事，<ins>保障村民参与，</ins>制定本规则。"
    assert successor(diff, sample_version.articles.get(number=3)).number == 4
    assert successor(diff, sample_version.articles.get(number=4)) is None


def test_a_moved_article_is_renumbered_not_removed_and_added(db):
    diff = diff_of([PURPOSE, SCOPE, PROPOSERS, VOTING, PUBLICITY, REASONS, START])

    moved = of_old(diff, 4)
    assert (moved.kind, moved.new.number, moved.label) == ("renumbered", 6, "第四条 → 第六条")
    assert diff.counts["removed"] == diff.counts["added"] == 0
    assert diff.filter_counts == {"added": 0, "removed": 0, "modified": 0, "moved": 3}


def test_an_article_renumbered_and_reworded_is_both(db):
    inserted = ["村务议事应当公开、公正。"]
    reworded = ["表决实行少数服从多数，表决结果应当当场公布并记录。"]
    diff = diff_of([PURPOSE, inserted, SCOPE, PROPOSERS, REASONS, reworded, PUBLICITY, START])

    voting = of_old(diff, 5)
    assert (voting.kind, voting.new.number, voting.label) == ("reworded", 6, "第五条 → 第六条")
    assert voting.filters == {"modified", "moved"}
    assert "<ins>应当</ins>" in voting.new_html
    assert [c.new.number for c in of_kind(diff, "added")] == [2]
    assert diff.counts["renumbered"] == 5 and diff.counts["removed"] == 0


def test_a_merged_article_names_the_paragraph_it_became(db):
    merged = [PROPOSERS[0], REASONS[0]]
    diff = diff_of([PURPOSE, SCOPE, merged, VOTING, PUBLICITY, START])

    reasons = of_old(diff, 4)
    assert reasons.kind == "merged"
    assert reasons.label == "第四条 merged into 第三条第二款"
    assert of_old(diff, 3).new.number == 3
    assert diff.counts["removed"] == diff.counts["added"] == 0


def test_an_article_that_became_a_paragraph_of_a_new_one_moved_there(db):
    duty = [
        "村民委员会应当建立议事档案，如实记录每次议事的时间、地点、参加人员、议题和结果，"
        "并由记录人和主持人签名后保存十年以上。",
        PUBLICITY[0],
    ]
    diff = diff_of([PURPOSE, SCOPE, PROPOSERS, REASONS, VOTING, START, duty])

    publicity = of_old(diff, 6)
    assert publicity.kind == "reworded"
    assert publicity.label == "第六条 → 第七条第二款"
    assert diff.counts["removed"] == diff.counts["added"] == 0


def test_a_split_article_lists_where_each_part_went(db):
    diff = diff_of([PURPOSE, [SCOPE[0]], [SCOPE[1]], PROPOSERS, REASONS, VOTING, PUBLICITY, START])

    scope = of_old(diff, 2)
    assert scope.kind == "split"
    assert scope.label == "第二条 split into 第二条、第三条"
    assert diff.counts["added"] == diff.counts["removed"] == 0
    assert of_old(diff, 3).label == "第三条 → 第四条"


def test_an_article_split_three_ways_is_not_three_added(db):
    duties = [
        "村民委员会负责召集村民代表会议，并提前三日通知全体村民代表。",
        "村民代表应当按时参加会议，因故不能参加的应当向村民委员会请假。",
        "会议议定的事项由村民委员会组织实施，并向下次会议报告实施情况。",
    ]
    old = import_law(
        parsed=parse_law(rule([*BASE[:6], duties, START], "2020-01-01")), accept_warnings=True
    ).version
    parts = [[duty] for duty in duties]
    new = import_law(
        parsed=parse_law(rule([*BASE[:6], *parts, START], "2024-01-01")), accept_warnings=True
    ).version

    diff = diff_versions(old, new)
    split = of_old(diff, 7)
    assert split.label == "第七条 split into 第七条、第八条、第九条"
    assert diff.counts["added"] == diff.counts["removed"] == 0
    assert of_old(diff, 8).label == "第八条 → 第十条"


def test_only_words_found_nowhere_are_removed(db):
    diff = diff_of([PURPOSE, SCOPE, PROPOSERS, VOTING, PUBLICITY, START])

    assert [c.old.number for c in of_kind(diff, "removed")] == [4]
    assert of_old(diff, 4).label == "formerly 第四条"


def test_large_laws_compare_quickly(db):
    """Three hundred articles, a third of them reworded and all renumbered, in well under a
    second: the trigram index spares the full comparison of every pair."""

    class Row:
        def __init__(self, number, text):
            self.pk, self.number, self.text = number, number, text

    def text(n, change=""):
        return f"第{n}项事务由第{n % 7}办公室负责，应当在{n}日内{change}办结并报告结果。"

    old = [Row(n, text(n)) for n in range(1, 301)]
    new = [Row(n + 1, text(n, "认真" if n % 3 else "")) for n in range(1, 301)]
    started = time.monotonic()
    diff = compare(old, new)
    assert time.monotonic() - started < 2
    assert diff.counts["reworded"] == 200 and diff.counts["renumbered"] == 100


def test_the_deputy_law_2015_to_2025(db, shared_laws):
    """Checked by reading both texts: no 2015 article is gone, two were split, and the
    numbers below are where each went."""
    old = import_law(parsed=parse_law((shared_laws / "daibiaofa-2015-08-29.md").read_text()))
    new = import_law(parsed=parse_law((shared_laws / "daibiaofa-2025-03-11.md").read_text()))

    diff = diff_versions(old.version, new.version)
    counts = diff.counts
    print({kind: n for kind, n in counts.items() if n})
    for change in diff.changed:
        print(change.kind, change.label)

    assert counts == {
        "added": 12,
        "removed": 0,
        "renumbered": 23,
        "reworded": 26,
        "merged": 0,
        "split": 2,
        "unchanged": 1,
    }
    assert sum(counts.values()) - counts["added"] == len(version_articles(old.version)) == 52
    # 2015's article 1 (the purpose) is reworded in place in 2025.
    assert of_old(diff, 1).label == "第一条"
    # 2015's article 5 moved to 9 unchanged (four new articles on principles came before it).
    assert of_old(diff, 5).label == "第五条 → 第九条"
    # 2015's article 22 on inspections: its last paragraph (不直接处理问题) is now the second
    # paragraph of article 31, the rest article 29.
    assert of_old(diff, 22).label == "第二十二条 split into 第二十九条、第三十一条第二款"
    # 2015's article 37 (conditions for deputies) is the first paragraph of article 45.
    assert of_old(diff, 37).label == "第三十七条 → 第四十五条第一款"


def changes_page(client, law, **query):
    response = client.get(law.url + "changes/", query, headers={"accept-language": "en"})
    assert response.status_code == 200
    return response.content.decode()


def test_changes_page_filters_by_kind_without_script(client, db):
    """2020 → 2024: article 4 merged into 3, article 2 reworded, one article added at the end."""
    scope = [SCOPE[0], "村民代表会议依照本规则议事。"]
    added = ["村民委员会应当每年报告议事规则执行情况。"]
    diff = diff_of([PURPOSE, scope, [PROPOSERS[0], REASONS[0]], VOTING, PUBLICITY, START, added])
    law = diff.changes[0].new.version.law

    html = changes_page(client, law)
    assert 'href="?show=added">Added <span class="count">1</span>' in html
    assert 'href="?show=removed">Removed <span class="count">0</span>' in html
    # Article 2, and article 3, which gained article 4's words.
    assert 'href="?show=modified">Modified <span class="count">2</span>' in html
    # The merged article, and the three after it that moved up one.
    assert 'href="?show=moved">Moved <span class="count">4</span>' in html
    assert '<a href="#change-4">formerly 第四条</a>' in html and 'id="change-4"' in html
    assert "第四条 merged into 第三条第二款" in html
    where = '第三条第二款</h3>\n            <p class="diff-text">议题应当写明事由，并附有关材料。'
    assert "2024 · " + where in html

    moved = changes_page(client, law, show="moved")
    assert "第四条 merged into 第三条第二款" in moved and "第五条 → 第四条" in moved
    assert 'id="change-2"' not in moved and 'aria-current="true" href="?show=moved"' in moved
    removed = changes_page(client, law, show="removed")
    assert "No changes of this kind." in removed
    assert changes_page(client, law, show="nonsense").count('class="card change ') == 7


def test_changes_page_queries_are_fixed(client, sample_version, amended_version):
    url = sample_version.law.url + "changes/"
    client.get(url)  # warm Wagtail's site cache, as a running server has it
    with CaptureQueriesContext(connection) as captured:
        client.get(url, {"show": "moved"})
    # Wagtail's four (the page, level by level; the site and whether any page has a view
    # restriction are in the cache: common.pages), the versions, and each version's articles;
    # and one more for finding the page by its whole path first (courses.routing), which a
    # law page's own sub-path (changes/) does not name, so Wagtail walks the tree after it.
    assert len(captured) == 8
