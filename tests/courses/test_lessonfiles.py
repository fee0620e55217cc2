"""Courses as Markdown files: what a lesson file says becomes the blocks a lesson is made of,
a file that cannot be read says where, and the demo's seven courses read whole, naming only
laws, quizzes and exercises the demo has."""

import re
from datetime import date

import pytest

from courses.demo import CONTENT, COURSES, demo_course
from courses.demo_programme import PROGRAMME_COURSES
from courses.lessonfiles import LessonFileError, read_course
from materials.demo import STUDY_LAWS
from proposals.demo import ROAD
from quizzes.demo import ELECTION_QUIZ, TOWNSHIP_QUIZ

COURSE = """+++
required = true
due_in_days = 30
+++

# 议事规则入门

用两课讲清村里怎样议事。
"""

LESSON = """+++
minutes = 12
+++

# 第一课　谁来提议题

村民会议的议题由**村民委员会**提出：

- 十户以上村民联名
- 村民代表五人以上联名

---

第二段文字，自成一块。

```article yishi 3
第三条：议题由村民委员会提出。
```

```callout tip
提议题前先问问**邻居**。

1. 写清楚
2. 说明白
```

```quiz 议事小测
学完做五道题。
```

```exercise 村道修缮
写一件建议。
```
"""


def write_course(folder, lessons):
    folder.mkdir()
    (folder / "course.md").write_text(COURSE, encoding="utf-8")
    for name, text in lessons.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_course_folder_reads_into_its_fields_and_lessons_in_order(tmp_path):
    folder = write_course(
        tmp_path / "yishi-rumen",
        {"10-second.md": LESSON.replace("第一课", "第二课"), "2-tichu.md": LESSON},
    )

    course, lessons = read_course(folder)

    assert course == {
        "slug": "yishi-rumen",
        "title": "议事规则入门",
        "summary": "用两课讲清村里怎样议事。",
        "required": True,
        "due_in_days": 30,
        "for_county_deputies": True,
        "for_township_deputies": True,
    }
    assert [(lesson.slug, lesson.title) for lesson in lessons] == [
        ("tichu", "第一课　谁来提议题"),
        ("second", "第二课　谁来提议题"),
    ]
    assert lessons[0].minutes == 12
    assert lessons[0].blocks == [
        (
            "text",
            "<p>村民会议的议题由<strong>村民委员会</strong>提出：</p>"
            "<ul><li>十户以上村民联名</li><li>村民代表五人以上联名</li></ul>",
        ),
        ("text", "<p>第二段文字，自成一块。</p>"),
        ("article", "yishi", 3, "第三条：议题由村民委员会提出。"),
        (
            "callout",
            "tip",
            "<p>提议题前先问问<strong>邻居</strong>。</p><ol><li>写清楚</li><li>说明白</li></ol>",
        ),
        ("quiz", "议事小测", "学完做五道题。"),
        ("exercise", "村道修缮", "写一件建议。"),
    ]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("1-a.md", "# 没有前言\n", "1-a.md: no front matter between +++ lines"),
        ("1-a.md", "+++\nminutes = 5\n+++\n\n正文\n", "1-a.md: the title comes first"),
        ("1-a.md", "+++\nminute = 5\n+++\n\n# 题\n", "1-a.md: unknown fields minute"),
        ("1-a.md", "+++\n+++\n\n# 题\n", "1-a.md: no front matter"),
        ("1-a.md", '+++\nminutes = "五"\n+++\n\n# 题\n', "1-a.md: the front matter needs"),
        (
            "1-a.md",
            "+++\nminutes = 5\n+++\n\n# 题\n\n```callout note\n文字\n```\n",
            "1-a.md line 7: cannot read the block “callout note”",
        ),
        (
            "1-a.md",
            "+++\nminutes = 5\n+++\n\n# 题\n\n```article yishi 第三条\n文字\n```\n",
            "1-a.md line 7: cannot read the block “article yishi 第三条”",
        ),
        ("lesson.md", LESSON, "lesson.md: a lesson file is named NN-slug.md"),
    ],
)
def test_a_file_that_cannot_be_read_says_which_and_why(tmp_path, name, text, message):
    folder = write_course(tmp_path / "yishi-rumen", {name: text})
    with pytest.raises(LessonFileError, match=re.escape(message)):
        read_course(folder)


def test_the_demo_courses_read_whole_and_name_what_the_demo_has():
    slugs = COURSES + PROGRAMME_COURSES
    # Every folder of the demo's content is one of its courses: none is left unread.
    assert sorted(slugs) == sorted(path.name for path in CONTENT.iterdir() if path.is_dir())

    courses = [demo_course(slug) for slug in slugs]

    assert [course["slug"] for course, _lessons in courses] == slugs
    assert [len(lessons) for _course, lessons in courses] == [5, 5, 4, 4, 5, 5, 5]
    assert [course["required"] for course, _lessons in courses] == [True, True] + [False] * 5
    blocks = [
        block for _course, lessons in courses for lesson in lessons for block in lesson.blocks
    ]
    kinds = [block[0] for block in blocks]
    assert [
        kinds.count(kind) for kind in ("text", "article", "callout", "quiz", "exercise", "changes")
    ] == [115, 117, 30, 2, 1, 1]
    # Articles of the study laws, of the 代表法 and of Zhejiang's measures (by the URL name the
    # importer gives them); the quiz and the exercise the demo seeds.
    assert {block[1] for block in blocks if block[0] == "article"} == {
        *STUDY_LAWS,
        "daibiaofa",
        "浙江省实施代表法办法",
    }
    assert [block[1] for block in blocks if block[0] in ("quiz", "exercise")] == [
        ELECTION_QUIZ,
        ROAD,
        TOWNSHIP_QUIZ,
    ]
    lessons = [lesson.slug for course, lessons in courses for lesson in lessons]
    assert len(lessons) == len(set(lessons)) == 33


def test_a_course_and_a_lesson_declare_the_texts_they_follow(tmp_path):
    folder = tmp_path / "yishi-rumen"
    folder.mkdir()
    (folder / "course.md").write_text(
        COURSE.replace("+++\n\n#", "[basis]\nyishi = 2024-06-30\ndaibiaofa = 2025-03-11\n+++\n\n#"),
        encoding="utf-8",
    )
    (folder / "1-tichu.md").write_text(LESSON, encoding="utf-8")  # cites yishi 3
    (folder / "2-qita.md").write_text(
        LESSON.replace(
            "minutes = 12\n", "minutes = 12\n[basis]\nyishi = 2020-01-01\nxuanjufa = 2020-10-17\n"
        ),
        encoding="utf-8",
    )
    (folder / "3-kong.md").write_text("+++\nminutes = 5\n+++\n\n# 没有引用\n\n文字。\n")

    _course, lessons = read_course(folder)

    # Of the course's declaration, the laws the lesson cites; its own declaration first.
    assert [lesson.basis for lesson in lessons] == [
        {"yishi": date(2024, 6, 30)},
        {"yishi": date(2020, 1, 1), "xuanjufa": date(2020, 10, 17)},
        {},
    ]


def test_a_basis_that_is_not_a_date_says_so(tmp_path):
    folder = write_course(tmp_path / "yishi-rumen", {})
    (folder / "course.md").write_text(
        COURSE.replace("+++\n\n#", '[basis]\ndaibiaofa = "2025年"\n+++\n\n#'), encoding="utf-8"
    )
    with pytest.raises(
        LessonFileError, match=re.escape("course.md: write the basis as a [basis] table")
    ):
        read_course(folder)


def test_every_demo_lesson_follows_a_declared_text():
    for slug in COURSES + PROGRAMME_COURSES:
        for lesson in demo_course(slug)[1]:
            cited = {block[1] for block in lesson.blocks if block[0] == "article"}
            assert cited and set(lesson.basis) == cited, (slug, lesson.slug)
