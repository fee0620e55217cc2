"""Every number in a demo question's right answer is in the text of the article it cites: 三个月
in the article on answering suggestions, 十人以上 in the article on nominating candidates.

A number is a quantity with its unit (三个月, 十人以上, 五分之一, 过半数); digits count as their
Chinese numerals (3个月 is 三个月). The text checked is the official text where the law's is
beside the project (../shared/laws), else the law's study note, which the platform shows in
its place. A question whose answer is worked out from an article (a seat count from the
article's base and step) says so with the tag 计算 and is left out.
"""

import re
from pathlib import Path

import pytest
from django.utils.text import slugify

from common.numerals import chinese_numeral
from courses.demo_programme import FINAL_TEST_FILE
from materials.demo import CONTENT as NOTES_FOLDER
from materials.demo import STUDY_LAWS
from materials.lawtext import read_law_file
from materials.notefiles import read_notes_file
from materials.services import KNOWN_LAWS, default_short_name, title_key
from quizzes.demo import QUESTIONS_FILE
from quizzes.formats.detect import read_question_file

QUESTION_FILES = (QUESTIONS_FILE, FINAL_TEST_FILE)
N = "零一二两三四五六七八九十百千万"
UNIT = r"(?:个月|周岁|人|名|日|天|月|年|次|倍|届|项|以上|以下|以内|内)"
# 某一项 is "some item", not a count of one.
QUANTITY = re.compile(rf"(?<!某)(?:[{N}]+分之[{N}]+|[{N}]+{UNIT})|过半数|半数")


def normalised(text: str) -> str:
    """Digits as Chinese numerals, 两 as 二, 天 as 日: the forms one fact takes in a question
    and in a law."""
    text = re.sub(r"\d+", lambda m: chinese_numeral(int(m.group())), text)
    return text.replace("两", "二").replace("天", "日")


def quantities(text: str) -> list[str]:
    # A year (2025年) dates a text; it is no quantity of the law's.
    return QUANTITY.findall(normalised(re.sub(r"\d{4}年", "", text)))


def right_answers(question) -> list[str]:
    """What a question holds to be true: its right options, its accepted blanks, a true
    statement. A false statement, a short answer's reference points: nothing to check."""
    if question.type in ("single", "multiple"):
        return [text for text, right in question.options if right]
    if question.type == "blank":
        return question.accepted
    if question.type == "truefalse" and question.answer is True:
        return [question.stem]
    return []


def demo_questions():
    for path in QUESTION_FILES:
        for question in read_question_file(path.name, path.read_bytes()).questions:
            if question.articles and "计算" not in question.tags and right_answers(question):
                yield path.name, question


def study_note_texts() -> dict[str, dict[int, str]]:
    texts = {}
    for slug in STUDY_LAWS:
        law = read_notes_file(NOTES_FOLDER / f"{slug}.md")
        texts[slug] = texts[law.short_name] = {n: f"{head}\n{text}" for n, head, text in law.notes}
    return texts


def official_texts(folder: Path) -> dict[str, dict[int, str]]:
    """Each law beside the project, in its latest version, under its slug and short name."""
    latest = {}
    for path in sorted(folder.glob("*.md")):
        if path.name == "README.md":
            continue
        parsed = read_law_file(path.name, path.read_bytes())
        key = title_key(parsed.title)
        dated = max((entry.date for entry in parsed.history), default=None)
        if key not in latest or (dated and dated > latest[key][0]):
            latest[key] = (dated, parsed)
    texts = {}
    for key, (_date, parsed) in latest.items():
        short = default_short_name(parsed.title)
        slug = KNOWN_LAWS[key][1] if key in KNOWN_LAWS else slugify(short, allow_unicode=True)
        texts[slug] = texts[short] = {a.number: a.text for a in parsed.articles}
    return texts


def missing_numbers(questions, texts) -> list[str]:
    problems = []
    for name, question in questions:
        answers = [(answer, quantities(answer)) for answer in right_answers(question)]
        if not any(found for _answer, found in answers):
            continue
        cited = ""
        for law, number in question.articles:
            if number not in texts.get(law, {}):
                problems.append(f"{name}:{question.line} cites {law} {number}, which has no text")
            else:
                cited += normalised(texts[law][number])
        for answer, found in answers:
            for quantity in found:
                if quantity not in cited:
                    problems.append(
                        f"{name}:{question.line} «{quantity}» of «{answer[:40]}» is not in "
                        f"{question.articles}"
                    )
    return problems


def test_quantities_are_read_with_their_units():
    assert quantities("自交办之日起3个月内") == ["三个月"]
    assert quantities("代表十人以上联名，两个月内") == ["十人", "二个月"]
    assert quantities("经五分之一以上代表提议，须过半数通过") == ["五分之一", "过半数"]
    # A numeral that is a word, not a quantity, is no number.
    assert quantities("统一组织的活动，一般每年两次") == ["二次"]
    assert quantities("按照2025年修改后的代表法，三个月内") == ["三个月"]


def test_a_number_the_article_does_not_say_is_found():
    texts = {"lawa": {5: "有关机关应当自交办之日起三个月内答复。"}}

    class Question:
        type, line, accepted, articles, tags = "blank", 7, ["六个月"], [("lawa", 5)], []

    assert missing_numbers([("x.gift", Question)], texts) == [
        "x.gift:7 «六个月» of «六个月» is not in [('lawa', 5)]"
    ]
    Question.accepted = ["3个月"]
    assert missing_numbers([("x.gift", Question)], texts) == []


def test_numbers_in_right_answers_are_in_the_study_notes_of_the_laws_without_a_text():
    texts = study_note_texts()
    questions = [(n, q) for n, q in demo_questions() if all(law in texts for law, _ in q.articles)]

    assert len(questions) >= 50
    assert missing_numbers(questions, texts) == []


def test_numbers_in_right_answers_are_in_the_official_texts(shared_laws):
    texts = study_note_texts() | official_texts(shared_laws)
    questions = list(demo_questions())

    assert len(questions) >= 100
    assert missing_numbers(questions, texts) == []


@pytest.mark.parametrize("law", ["daibiaofa"])
def test_the_official_text_is_read_in_its_latest_version(shared_laws, law):
    texts = official_texts(shared_laws)
    # The 2025 text has 65 articles; the 2015 one had 52.
    assert max(texts[law]) == 65
