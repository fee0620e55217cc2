import io
import zipfile
from datetime import date

import pytest

from materials.lawtext import (
    LawParseError,
    chinese_number,
    chinese_numeral,
    docx_text,
    parse_law,
    read_law_file,
)

from .texts import SAMPLE, docx_bytes, numbered_law


@pytest.mark.parametrize(
    ("text", "number"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("六十五", 65), ("一百零五", 105),
     ("一百一十", 110), ("两百", 200), ("12", 12), ("一千零一十", 1010), ("一千二百三十四", 1234)],
)  # fmt: skip
def test_chinese_numerals_both_ways(text, number):
    assert chinese_number(text) == number
    assert chinese_number(chinese_numeral(number)) == number


def test_sample_structure():
    law = parse_law(SAMPLE)

    assert law.title == "某某县村务议事规则"
    assert [e.date for e in law.history] == [date(2020, 1, 1), date(2024, 6, 30)]
    assert law.latest_date == date(2024, 6, 30)
    assert [c.title for c in law.chapters] == ["总则", "议事程序", "附则"]
    assert [s.title for s in law.chapters[1].sections] == ["提出", "表决"]
    assert [a.number for a in law.articles] == [1, 2, 3, 4, 5, 6]


def test_paragraphs_and_items_are_kept_apart():
    law = parse_law(SAMPLE)
    second, third = law.articles[1], law.articles[2]

    assert [(p.kind, p.number) for p in second.parts] == [("paragraph", 1), ("paragraph", 2)]
    assert [(p.kind, p.number) for p in third.parts] == [
        ("paragraph", 1),
        ("item", 1),
        ("item", 2),
    ]
    assert third.parts[1].text == "（一）村民委员会；"


def test_a_table_of_contents_is_skipped():
    contents = "目　　录\n\n第一章　总则\n第二章　议事程序\n第三章　附则\n\n"
    text = SAMPLE.replace("## 第一章　总　则", contents + "## 第一章　总　则")
    assert [c.title for c in parse_law(text).chapters] == ["总则", "议事程序", "附则"]


def test_a_law_without_chapters():
    text = "某某办法\n\n2023年3月1日 通过\n\n第一条　甲。\n\n第二条　乙。"
    law = parse_law(text)
    assert len(law.chapters) == 1 and law.chapters[0].number == 0
    assert len(law.articles) == 2


def test_the_same_text_laid_out_differently_has_the_same_fingerprint():
    respaced = SAMPLE.replace("第一条　", "第一条 ").replace("\n\n", "\n")
    assert parse_law(respaced).fingerprint() == parse_law(SAMPLE).fingerprint()
    assert (
        parse_law(SAMPLE.replace("制定本规则", "制定本办法")).fingerprint()
        != parse_law(SAMPLE).fingerprint()
    )


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "empty"),
        (
            "某规则\n\n2020年1月1日 通过\n\n第一条　甲。\n\n第三条　丙。\n\n第二条　乙。",
            9,
            "article 4",
        ),
        (
            "某规则\n\n2020年1月1日 通过\n\n第一条　甲。\n\n第一条　乙。",
            7,
            "twice with different words",
        ),
        ("某规则\n\n2020年1月1日 通过\n\n## 第二章　甲\n\n第一条　甲。", 5, "chapter 1"),
        ("某规则\n\n这一行不是历史\n\n第一条　甲。", 3, "history"),
        (
            "某规则\n\n2020年1月1日 通过\n\n## 第一章　甲\n\n## 第二章　乙\n\n第一条　甲。",
            5,
            "chapter 1 has no articles",
        ),
        ("某规则\n\n2020年1月1日 通过", 3, "no articles"),
        ("某规则\n\n2020年2月30日 通过\n\n第一条　甲。", 3, "no such date"),
        ("某规则\n\n2020年1月1日 通过\n\n第一条", 5, "no text"),
    ],
)
def test_malformed_texts_name_the_line(text, line, words):
    with pytest.raises(LawParseError) as caught:
        parse_law(text)
    assert caught.value.line == line
    assert words in caught.value.message


def test_a_gap_or_a_repeat_is_read_with_a_warning():
    gap = parse_law("某规则\n\n2020年1月1日 通过\n\n第一条　甲。\n\n第四条　丁。")
    assert [a.number for a in gap.articles] == [1, 4]
    assert [(w.line, w.code) for w in gap.warnings] == [(7, "numbering_gap")]
    assert "第二条–第三条 missing" in gap.warnings[0].message

    repeat = parse_law(
        "某规则\n\n2020年1月1日 通过\n\n第一条　甲。\n\n乙。\n\n第一条　甲。乙。\n\n第二条　丙。"
    )
    assert [(a.number, a.text) for a in repeat.articles] == [(1, "甲。\n乙。"), (2, "丙。")]
    assert [(w.line, w.code) for w in repeat.warnings] == [(9, "numbering_repeat")]
    assert not parse_law(SAMPLE).warnings


def test_docx_reads_like_the_text():
    assert docx_text(docx_bytes(SAMPLE)).split("\n")[0] == "# 某某县村务议事规则"
    from_docx = read_law_file("sample.docx", docx_bytes(SAMPLE))
    assert from_docx.fingerprint() == parse_law(SAMPLE).fingerprint()


def test_not_a_docx():
    with pytest.raises(LawParseError, match=r"not a \.docx"):
        read_law_file("sample.docx", b"plain text")


def test_gb18030_text_is_read():
    assert read_law_file("sample.txt", SAMPLE.encode("gb18030")).title == "某某县村务议事规则"


def test_a_large_law():
    law = parse_law(numbered_law("大法", chapters=12, articles_per_chapter=20))
    assert len(law.articles) == 240
    assert law.articles[-1].parts[2].text == "（二）第二项。"


@pytest.mark.parametrize(
    ("name", "chapters", "articles", "latest"),
    [
        ("daibiaofa-2015-08-29.md", 6, 52, date(2015, 8, 29)),
        ("daibiaofa-2025-03-11.md", 6, 65, date(2025, 3, 11)),
        ("zhejiang-daibiaofa-shishi-2016-05-27.md", 5, 53, date(2016, 5, 27)),
    ],
)
def test_official_texts(shared_laws, name, chapters, articles, latest):
    law = parse_law((shared_laws / name).read_text(encoding="utf-8"))
    assert len(law.chapters) == chapters
    assert len(law.articles) == articles
    assert law.latest_date == latest
    assert all(chapter.title for chapter in law.chapters)


def test_a_line_broken_inside_a_word_paragraph_reads_as_the_text_would():
    """Text pasted into Word from a web page keeps its line breaks inside one paragraph."""
    marked = SAMPLE.replace("本规则适用于本县各村。", "本规则适用于\x01本县各村。")
    document = docx_bytes(marked)
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "\x01" in xml
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml.replace("\x01", "</w:t><w:br/><w:t>"))

    assert docx_text(broken.getvalue()).count("本规则适用于\n本县各村。") == 1
    parsed = read_law_file("rules.docx", broken.getvalue())
    assert parsed.fingerprint() == parse_law(SAMPLE).fingerprint()
