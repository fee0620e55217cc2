"""Question files (GIFT, Aiken) and law texts from arbitrary or corrupted input: each either
reads, or refuses with the module's own error and a message. Nothing else escapes."""

import contextlib

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from deputies.roster import parse_term
from materials.lawtext import LawParseError, chinese_number, parse_law, read_law_file
from quizzes.formats import ParseReport
from quizzes.formats.aiken import parse_aiken
from quizzes.formats.detect import QuestionFileError, guess_format, read_question_file
from quizzes.formats.fields import (
    parse_articles,
    parse_difficulty,
    parse_letters,
    parse_truth,
    split_tags,
)
from quizzes.formats.gift import parse_gift

from .strategies import awkward_text, raw_bytes, texts

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_sound(report: ParseReport):
    """Every question kept is whole, and every one left out says where and why."""
    for question in report.questions:
        assert question.problems() == []
    for skipped in report.skipped:
        assert skipped.line >= 1
        assert skipped.reason.strip()


# -- GIFT and Aiken built from their grammar, then corrupted --------------------------------

stems = st.text(st.sampled_from("代表任期几年？法条{}=~#:\\_ ab\u3000"), min_size=0, max_size=30)
answer_texts = st.text(st.sampled_from("三年五年对错=~#%{}\\ ab"), max_size=12)


@st.composite
def gift_question(draw):
    kind = draw(st.sampled_from(["choice", "tf", "blank", "essay", "weights", "odd"]))
    stem = draw(stems)
    if kind == "choice":
        answers = [f"={draw(answer_texts)}"] + [f"~{draw(answer_texts)}" for _ in range(3)]
    elif kind == "tf":
        answers = [draw(st.sampled_from(["T", "F", "TRUE", "false", "T#good"]))]
    elif kind == "blank":
        answers = [f"={draw(answer_texts)}" for _ in range(draw(st.integers(1, 3)))]
    elif kind == "essay":
        answers = []
    elif kind == "weights":
        answers = [f"~%{draw(st.integers(-100, 100))}%{draw(answer_texts)}" for _ in range(3)]
    else:
        answers = [draw(st.sampled_from(["#5:1", "a -> b", "%x%", "{", "}"]))]
    title = draw(st.sampled_from(["", "::题目::", "::unclosed", "[html]", "[markdown]"]))
    feedback = draw(st.sampled_from(["", "####解析", "#feedback"]))
    return f"{title}{stem}{{{' '.join(answers)}{feedback}}}"


@st.composite
def gift_file(draw):
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        parts.append(
            draw(st.sampled_from(["", "// [tag:a] [tag:法]", "$CATEGORY: $course$/top/a"]))
        )
        parts.append(draw(gift_question()))
    return corrupt(draw, "\n\n".join(parts))


@st.composite
def aiken_file(draw):
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        lines.append(draw(stems) or "题干")
        letters = draw(st.sampled_from(["AB", "ABC", "ABCD", "ABD", "ＡＢ", "ABCDEFGHIJK"]))
        for letter in letters:
            mark = draw(st.sampled_from([".", ")", "、", "．", "）", ""]))
            lines.append(f"{letter}{mark} {draw(answer_texts) or '选项'}")
        answer = draw(
            st.sampled_from(["ANSWER: A", "答案：AC", "ANSWER:", "answer: Z", "ANSWER: ＢＤ"])
        )
        lines.append(answer)
        lines.append(draw(st.sampled_from(["", "解析：因为", "EXPLANATION: x", ""])))
    return corrupt(draw, "\n".join(lines))


def corrupt(draw, text: str) -> str:
    """Insert, delete or duplicate a few characters at random places."""
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if how == "insert":
            text = text[:at] + draw(awkward_text) + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + draw(st.integers(0, 20)) :]
        else:
            text = text[:at] + text[at - 20 : at] + text[at:]
    return text


@FAST
@given(st.one_of(texts, gift_file()))
@example("::t::{=a ~b")
@example("\\{=a}")
@example("{~%abc%x ~y}")
@example("$CATEGORY:\n\n{}")
def test_gift_reads_anything(text):
    assert_sound(parse_gift(text))


@FAST
@given(st.one_of(texts, aiken_file()))
@example("ANSWER: A")
@example("Q\nA. a\nB. b\nANSWER: AB\n解析：x\n解析：y")
def test_aiken_reads_anything(text):
    assert_sound(parse_aiken(text))


@FAST
@given(raw_bytes, st.sampled_from(["q.gift", "q.txt", "q", "Q.GIFT", "q.xlsx"]))
@example(b"\xff\xfeQ\x00\n\x00", "q.txt")  # UTF-16 with its mark
@example("题目{=对}".encode("utf-16-le"), "q.txt")  # and without
@example("\ufeff题目{=对}".encode(), "q.gift")  # UTF-8 with a mark
@example("答案：A".encode("gb18030"), "q.txt")
@example(b"PK\x03\x04 not a zip", "q.txt")
def test_question_files_read_or_are_refused_clearly(content, name):
    try:
        report = read_question_file(name, content)
    except QuestionFileError as exc:
        assert str(exc).strip()
    else:
        assert_sound(report)
        assert guess_format(name, content) in ("gift", "aiken")


@FAST
@given(raw_bytes, st.sampled_from(["gift", "aiken"]))
@example(b"Q\x00\nA. a\nB. b\nANSWER: A", "aiken")
@example("题目{=对}".encode("utf-16-le"), "gift")
def test_no_question_text_is_stored_with_a_nul(content, format):
    """PostgreSQL refuses NUL in text: a question with one must never reach the database."""
    try:
        report = read_question_file("q.txt", content, format=format)
    except QuestionFileError:
        return
    for question in report.questions:
        fields = [question.stem, question.explanation, question.category, *question.tags]
        fields += [text for text, _right in question.options] + question.accepted
        assert not any("\x00" in text for text in fields)


@FAST
@given(texts)
def test_fields_parse_or_say_no(text):
    assert parse_difficulty(text) in (None, "easy", "medium", "hard")
    assert parse_truth(text) in (None, True, False)
    letters = parse_letters(text)
    assert letters is None or all(len(letter) == 1 for letter in letters)
    assert all(tag.strip() for tag in split_tags(text))
    try:
        references = parse_articles(text)
    except ValueError as exc:
        assert str(exc).strip()
    else:
        assert all(law and 0 < number <= 32767 for law, number in references)


@FAST
@given(texts)
@example("第十八届")
@example("第１８届")
@example("十百")
@example("٣")
def test_a_term_is_a_small_number_or_none(text):
    term = parse_term(text)
    assert term is None or 0 <= term <= 999


@FAST
@given(st.text(st.sampled_from("零〇一二两三四五六七八九十百千0123456789١²"), max_size=12))
def test_chinese_numbers_read_or_raise_value_error(text):
    with contextlib.suppress(ValueError):
        assert chinese_number(text) >= 0


# -- law texts ------------------------------------------------------------------------------

law_lines = st.one_of(
    st.sampled_from(
        [
            "中华人民共和国代表法",
            "（1992年4月3日第七届全国人民代表大会第五次会议通过）",
            "（2025年2月30日修正）",
            "目　录",
            "第一章　总　则",
            "第二章",
            "代表的权利",
            "第一节 选举",
            "第一条　为了保障代表依法行使职权，制定本法。",
            "第二条 代表应当：",
            "（一）模范地遵守宪法和法律；",
            "（二）",
            "## 第三条",
            "第1十条",
            "第²条",
            "第九千九百九十九条",
            "<!-- 注释 -->",
            "# 标题",
            "",
        ]
    ),
    awkward_text,
)


@st.composite
def law_text(draw):
    return "\n".join(draw(st.lists(law_lines, max_size=25)))


@FAST
@given(st.one_of(texts, law_text()))
@example("代表法\n目录\n第1十章\n第一章 总则\n第一条 x")
@example("代表法\n第一条 x\n第一条 y")
@example("#\n第一条 x")  # a title of nothing but a Markdown mark once looped for ever
@example("\u3000\n##\n第一条 x")
@example("中\n第三条\n#第三条\n第二章")  # a repeated article ended by a chapter heading
def test_law_texts_parse_or_name_the_line(text):
    try:
        law = parse_law(text)
    except LawParseError as exc:
        assert exc.line >= 1 and exc.message.strip()
    else:
        assert law.title and law.articles
        assert all(article.parts for article in law.articles)


@FAST
@given(raw_bytes, st.sampled_from(["law.txt", "law.md", "law.docx", "LAW.DOCX"]))
def test_law_files_parse_or_name_the_line(content, name):
    try:
        read_law_file(name, content)
    except LawParseError as exc:
        assert exc.message.strip()


@pytest.mark.parametrize(
    "content",
    [
        "代表法\n第一条 内容".encode("utf-16"),
        "代表法\n第一条 内容".encode("utf-16-le"),
        "代表法\n第一条 内容".encode("utf-16-be"),
    ],
)
def test_a_utf16_law_text_is_read_or_refused_in_words(content, in_english):
    try:
        law = read_law_file("law.txt", content)
    except LawParseError as exc:
        assert "UTF-16" in exc.message or "text" in exc.message
    else:
        assert law.title == "代表法"
