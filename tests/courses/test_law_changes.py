"""A lesson's law-changes block: the law library's comparison of two versions inside a lesson,
its counts and where the articles the lesson names came from, shown only when both versions
are imported, at a fixed cost in queries; written in a lesson file as a ```changes block; and
the demo's lesson on the 2025 amendment of the 代表法, held to the official texts where they
are at hand."""

import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks import StreamBlockValidationError

from common.numerals import chinese_numeral
from courses.demo import demo_course, seed_courses
from courses.factories import LessonPageFactory, text_block
from courses.lawchanges import law_changes
from courses.lessonfiles import LessonFileError, read_course
from courses.models import LessonPage
from materials.demo import seed_study_notes
from materials.lawtext import parse_law
from materials.models import LawPage
from materials.selectors import diff_versions
from materials.services import import_law

from .test_demo_programme import _official_articles
from .test_lessonfiles import write_course

# A liaison station's rules, in two versions: 2024 adds an article (2), moves two (2 → 3,
# 5 → 7), rewords one (3 → 4: ten days become fifteen) and splits one (4 → 5 and 6).
PURPOSE = ["为了规范代表联络站的工作，制定本规则。"]
RECEPTION = ["联络站每月安排一次代表接待日，接待日和值班代表提前三天公告。"]
RECORD = ["代表接待选民时应当逐件登记群众反映的问题，并在十日内告知反映人办理情况。"]
FILES = "联络站应当为每位代表建立履职档案，记录代表参加活动和提出建议的情况。"
REPORT = "联络站每年年底向乡镇人大主席团书面报告全年的工作。"
START = ["本规则自公布之日起施行。"]
OLD = [PURPOSE, RECEPTION, RECORD, [FILES, REPORT], START]
NEW = [
    PURPOSE,
    ["联络站应当在门口公开代表名单和联系电话，方便群众找到代表。"],
    RECEPTION,
    [RECORD[0].replace("十日", "十五日")],
    [FILES],
    [REPORT + "报告前应当听取代表的意见。"],
    START,
]
OLD_DATE, NEW_DATE = date(2020, 1, 1), date(2024, 1, 1)


def station_rules(articles, when: date) -> str:
    lines = [
        "# 某某镇代表联络站工作规则",
        "",
        f"{when.year}年{when.month}月{when.day}日 某某镇人大主席团通过",
        "",
    ]
    for n, paragraphs in enumerate(articles, start=1):
        lines += [f"第{chinese_numeral(n)}条　{paragraphs[0]}", ""]
        for paragraph in paragraphs[1:]:
            lines += [paragraph, ""]
    return "\n".join(lines)


def import_rules(articles, when):
    parsed = parse_law(station_rules(articles, when))
    return import_law(parsed=parsed, accept_warnings=True).version


@pytest.fixture
def versions(db):
    return import_rules(OLD, OLD_DATE), import_rules(NEW, NEW_DATE)


@pytest.fixture
def law(versions):
    return versions[0].law


def changes_block(law, numbers=(), old=OLD_DATE, new=NEW_DATE, intro=""):
    value = {"law": law.pk, "old": old.isoformat(), "new": new.isoformat()}
    return {"type": "law_changes", "value": {**value, "articles": list(numbers), "intro": intro}}


def rows(html: str) -> list[str]:
    """The table's rows as text: formerly 第二条 → now 第三条 Renumbered only."""
    found = re.findall(r'<tr role="row" class="law-changes-table__row">(.*?)</tr>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in found]


def test_the_block_counts_the_changes_and_says_where_each_article_came_from(english, course, law):
    lesson = LessonPageFactory(
        parent=course, slug="changes", body=[changes_block(law, [4, 6, 2, 3], intro="看表。")]
    )

    html = english.get(lesson.url).content.decode()

    assert "5 articles before, 7 after." in html
    counts = re.findall(r'change-tag--(\w+)">([^<]+)</span> (\d+) article', html)
    assert counts == [
        ("added", "Added", "1"),
        ("renumbered", "Renumbered only", "2"),
        ("reworded", "Reworded", "1"),
        ("split", "Split", "1"),
        ("unchanged", "Unchanged", "1"),
    ]
    assert "看表。" in html
    # In the order the lesson named them; the split article once, though it went to two.
    assert rows(html) == [
        "formerly 第三条 → now 第四条 Reworded",
        "formerly 第四条 → now 第五条 、 第六条 Split",
        "(not there) → now 第二条 Added",
        "formerly 第二条 → now 第三条 Renumbered only",
    ]
    changes = f"{law.url}changes/2020-01-01/2024-01-01/"
    assert f'href="{changes}#change-3"' in html and f'href="{changes}"' in html
    assert f'href="{law.url}v/2024-01-01/articles/6/"' in html
    # The links lead to the change and to the article.
    assert 'id="change-3"' in english.get(changes).content.decode()
    assert "十五日" in english.get(f"{law.url}v/2024-01-01/articles/4/").content.decode()


def test_the_moves_are_the_diffs(versions):
    old, new = versions
    law = LawPage.objects.get(pk=old.law_id)
    value = LessonPage.body.field.stream_block.to_python([changes_block(law, range(1, 8))])[0].value

    shown = law_changes(value)

    diff = diff_versions(old, new)
    assert {kind: n for kind, _name, n in shown.counts} == {
        kind: n for kind, n in diff.counts.items() if n
    }
    assert [
        (r.change.kind, r.change.old and r.change.old.number, [label for label, _url in r.places])
        for r in shown.rows
    ] == [
        (c.kind, c.old and c.old.number, [place.label for place in c.places]) for c in diff.changes
    ]


def test_without_both_versions_deputies_see_nothing_and_a_preview_says_why(english, course, db):
    law = import_rules(NEW, NEW_DATE).law
    lesson = LessonPageFactory(
        parent=course, slug="waiting", body=[text_block("<p>课文</p>"), changes_block(law, [3])]
    )

    html = english.get(lesson.url).content.decode()
    assert "课文" in html
    assert "block-law-changes" not in html and "Deputies do not see" not in html

    # What the editor's preview shows (in the site's default language).
    html = lesson.make_preview_request().content.decode()
    assert "课文" in html and "block-law-changes__title" not in html
    assert (
        "代表暂时看不到这个修改对照：法规库里还没有某某镇代表联络站工作规则自2020-01-01起施行的版本。"
        in html
    )


def test_a_law_since_deleted_shows_nothing(client, course, law):
    lesson = LessonPageFactory(parent=course, slug="gone", body=[changes_block(law, [3])])
    law.delete()
    html = client.get(LessonPage.objects.get(pk=lesson.pk).url).content.decode()
    assert "block-law-changes" not in html


def test_a_lesson_with_the_block_costs_two_queries_more_whatever_it_lists(client, course, law):
    plain = LessonPageFactory(parent=course, slug="plain", body=[text_block()])
    few = LessonPageFactory(parent=course, slug="few", body=[text_block(), changes_block(law, [3])])
    many = LessonPageFactory(
        parent=course, slug="many", body=[text_block(), changes_block(law, range(1, 8))]
    )

    def queries(page):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        return len(captured)

    queries(plain)
    # The import cached the map (its listeners read it); the first reader fetches the newer
    # version's article numbers, cached from then on, the page by its path (courses.routing)
    # and the lesson's frame (the course, its lessons, the bases: courses.lessonframe), kept
    # too.
    first = queries(few)
    assert queries(few) == first - 6
    queries(many)  # its page and frame, kept
    # Wagtail's chooser fetches the law page; the block fetches the two versions.
    assert queries(few) == queries(many) == queries(plain) + 2
    assert queries(plain) == 0  # everything a plain lesson shows an anonymous reader is kept


def test_the_block_refuses_dates_out_of_order_and_articles_the_version_lacks(in_english, law):
    block = LessonPage.body.field.stream_block
    for bad, message in [
        (changes_block(law, [3], old=NEW_DATE, new=OLD_DATE), "takes effect after the older"),
        (changes_block(law, [3, 8, 9]), "The version of 2024-01-01 has no article 8、9."),
    ]:
        with pytest.raises(StreamBlockValidationError) as error:
            block.clean(block.to_python([bad]))
        assert message in str(error.value.as_json_data())
    assert block.clean(block.to_python([changes_block(law, [7])]))
    # A newer version not imported yet cannot be checked: the block waits for it.
    later = changes_block(law, [99], new=date(2030, 1, 1))
    assert block.clean(block.to_python([later]))


LESSON = """+++
minutes = 8
+++

# 第一课　规则改了什么

正文。

```changes zhanwu 2020-01-01 2024-01-01 4 2
看看第四条。
```

```changes zhanwu 2020-01-01 2024-01-01
```
"""


def test_a_lesson_file_writes_the_block_as_changes_law_dates_and_numbers(tmp_path):
    _course, (lesson,) = read_course(write_course(tmp_path / "guize", {"01-a.md": LESSON}))

    assert lesson.blocks[1:] == [
        ("changes", "zhanwu", OLD_DATE, NEW_DATE, [4, 2], "看看第四条。"),
        ("changes", "zhanwu", OLD_DATE, NEW_DATE, [], ""),
    ]


@pytest.mark.parametrize(
    "info",
    [
        "changes zhanwu",
        "changes zhanwu 2020-01-01",
        "changes zhanwu 2020-13-01 2024-01-01",
        "changes zhanwu 2024-01-01 2020-01-01",
        "changes zhanwu 2020-01-01 2024-01-01 第四条",
    ],
)
def test_a_changes_block_that_cannot_be_read_says_where(tmp_path, info):
    text = f"+++\nminutes = 5\n+++\n\n# 题\n\n```{info}\n```\n"
    folder = write_course(tmp_path / "guize", {"01-a.md": text})
    with pytest.raises(
        LessonFileError, match=re.escape(f"01-a.md line 7: cannot read the block “{info}”")
    ):
        read_course(folder)


AMENDMENT = demo_course("daibiaofa-rumen")[1][-1]


def test_the_demo_lesson_shows_the_comparison_only_where_the_law_is(client, db):
    # Without the 代表法 in the library: no block; the lesson's own words stand.
    lesson = seed_courses()[0].get_children().live().specific().last()
    assert lesson.slug == AMENDMENT.slug == "2025-xiugai"
    assert "law_changes" not in [b.block_type for b in lesson.body]
    assert 8 <= lesson.estimated_minutes <= 15
    assert "第五十一条" in client.get(lesson.url).content.decode()


def test_the_demo_lesson_cites_the_2025_text_and_shows_the_diffs_moves(client, db, shared_laws):
    articles = _official_articles(shared_laws / "daibiaofa-2025-03-11.md")
    cited = [(b[2], b[3]) for b in AMENDMENT.blocks if b[0] == "article"]
    assert {b[1] for b in AMENDMENT.blocks if b[0] == "article"} == {"daibiaofa"}
    assert len(cited) >= 10
    for number, note in cited:
        assert note.startswith(f"代表法第{chinese_numeral(number)}条"), note
        phrases = re.findall(r"“([^”]+)”", note)
        assert phrases, f"article {number}: the note quotes none of the article's words"
        for phrase in phrases:
            assert phrase in articles[number], f"article {number} does not say “{phrase}”"
    (changes,) = [b for b in AMENDMENT.blocks if b[0] == "changes"]
    assert changes[1:4] == ("daibiaofa", date(2015, 8, 29), date(2025, 3, 11))
    # The table names only articles the lesson cites.
    assert set(changes[4]) <= {number for number, _note in cited}

    for name in ("daibiaofa-2015-08-29.md", "daibiaofa-2025-03-11.md"):
        call_command("import_law", str(shared_laws / name), stdout=None)
    seed_study_notes()
    lesson = seed_courses()[0].get_children().live().specific().last()
    html = client.get(lesson.url).content.decode()

    quoted = [b.value["article"] for b in lesson.body if b.block_type == "law_article"]
    assert quoted == [number for number, _note in cited]
    (block,) = [b.value for b in lesson.body if b.block_type == "law_changes"]
    shown = law_changes(block)
    law = block["law"]
    old, new = law.versions.order_by("effective_date")
    diff = diff_versions(old, new)
    assert {kind: n for kind, _name, n in shown.counts} == {
        kind: n for kind, n in diff.counts.items() if n
    }
    assert (shown.old_total, shown.new_total) == (52, 65)
    moves = {
        (c.old.number if c.old else None, tuple(p.label for p in c.places)): c.kind
        for c in diff.changes
    }
    assert {
        (r.change.old.number if r.change.old else None, tuple(label for label, _ in r.places)): (
            r.change.kind
        )
        for r in shown.rows
    } == {
        move: kind
        for move, kind in moves.items()
        if any(
            label.startswith(f"第{chinese_numeral(n)}条") for n in changes[4] for label in move[1]
        )
    }
    # Where the lesson says an article moved without a change of words, the diff agrees.
    for old_number, new_number in [(9, 15), (18, 24), (29, 36), (30, 37)]:
        assert moves[(old_number, (f"第{chinese_numeral(new_number)}条",))] == "renumbered"
    assert "block-law-changes" in html and "修改前共52条，修改后共65条。" in html
