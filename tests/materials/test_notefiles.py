"""Study notes as Markdown files: a law's file reads into its page's fields and its notes, a file
that cannot be read says where, and the demo's three study laws read whole."""

import re
from datetime import date

import pytest

from materials.demo import CONTENT, STUDY_LAWS, study_laws
from materials.notefiles import NoteFileError, read_notes_file

NOTES = """+++
short_name = "议事规则"
+++

# 某某县村务议事规则

规定村里怎样议事。

## 第三条　谁提议题

议题由村民委员会提出。

十户以上村民也可以联名提出。

## 第十二条　表决

过半数通过。
"""


def test_a_notes_file_reads_into_the_law_and_its_notes(tmp_path):
    path = tmp_path / "yishi.md"
    path.write_text(NOTES, encoding="utf-8")

    law = read_notes_file(path)

    assert law.follows is None

    assert (law.slug, law.title, law.short_name) == ("yishi", "某某县村务议事规则", "议事规则")
    assert law.summary == "规定村里怎样议事。"
    assert law.notes == [
        (3, "谁提议题", "议题由村民委员会提出。\n\n十户以上村民也可以联名提出。"),
        (12, "表决", "过半数通过。"),
    ]


def test_a_notes_file_says_which_text_its_notes_follow(tmp_path):
    path = tmp_path / "yishi.md"
    path.write_text(NOTES.replace("+++\n\n#", "follows = 2024-06-30\n+++\n\n#"), encoding="utf-8")
    assert read_notes_file(path).follows == date(2024, 6, 30)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# 规则\n", "yishi.md: no front matter between +++ lines"),
        ('+++\nshort = "议事"\n+++\n\n# 规则\n', "yishi.md: the front matter holds short_name"),
        ('+++\nshort_name = "议事"\n+++\n\n规则\n', "yishi.md: the law's title comes first"),
        (
            '+++\nshort_name = "议事"\nfollows = "2024年"\n+++\n\n# 规则\n',
            "yishi.md: write follows as a date",
        ),
        (
            '+++\nshort_name = "议事"\n+++\n\n# 规则\n\n## 三、谁提议题\n\n文字\n',
            "yishi.md line 7: write a note's heading as ## 第三条　heading",
        ),
    ],
)
def test_a_notes_file_that_cannot_be_read_says_which_and_why(tmp_path, text, message):
    path = tmp_path / "yishi.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NoteFileError, match=re.escape(message)):
        read_notes_file(path)


def test_the_demo_study_laws_read_whole():
    assert sorted(STUDY_LAWS) == sorted(path.stem for path in CONTENT.glob("*.md"))

    laws = study_laws()

    assert [(law.slug, law.short_name, len(law.notes)) for law in laws] == [
        ("xuanjufa", "选举法", 19),
        ("jiandufa", "监督法", 18),
        ("difangzuzhifa", "地方组织法", 19),
    ]
    # The amendments whose texts the notes explain: 2020, 2024 and 2022.
    assert [law.follows for law in laws] == [
        date(2020, 10, 17),
        date(2024, 11, 8),
        date(2022, 3, 11),
    ]
    for law in laws:
        assert law.title.startswith("中华人民共和国") and law.summary
        numbers = [number for number, _heading, _text in law.notes]
        assert numbers == sorted(set(numbers)), law.slug
        assert all(heading and text and "\n" not in text for _n, heading, text in law.notes)
