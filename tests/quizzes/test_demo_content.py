"""The demo's question files read whole, as an editor's upload is read: every question kept,
each with its explanation, category and articles, and a short answer with its reference
answer."""

from collections import Counter

from courses.demo_programme import FINAL_TEST_FILE
from quizzes.demo import QUESTIONS_FILE
from quizzes.formats.detect import read_question_file

SHORT_NAMES = {
    "daibiaofa": "代表法",
    "xuanjufa": "选举法",
    "jiandufa": "监督法",
    "difangzuzhifa": "地方组织法",
    # Imported from the official text only (seed_demo --laws): its page's URL name is its
    # short name.
    "浙江省实施代表法办法": "浙江省实施代表法办法",
}


def read(path):
    report = read_question_file(path.name, path.read_bytes())
    assert report.skipped == []
    return report.questions


def test_the_demo_bank_reads_whole():
    questions = read(QUESTIONS_FILE)

    assert Counter(q.type for q in questions) == {
        "single": 65,
        "multiple": 26,
        "truefalse": 26,
        "blank": 23,
        "short": 6,
    }
    assert Counter(law for q in questions for law in {law for law, _n in q.articles}) == {
        "daibiaofa": 73,
        "xuanjufa": 28,
        "difangzuzhifa": 23,
        "jiandufa": 18,
        "浙江省实施代表法办法": 4,
    }
    for question in questions:
        laws = {law for law, _number in question.articles}
        # One law a question, and its shelf is named after it.
        assert len(laws) == 1, question.stem
        assert question.category.split("/")[0] == SHORT_NAMES[laws.pop()], question.stem
        assert question.explanation and question.tags, question.stem
    assert all(q.answer for q in questions if q.type == "short")
    assert len({q.stem for q in questions}) == 146


def test_the_final_test_reads_whole():
    questions = read(FINAL_TEST_FILE)

    assert len(questions) == 12
    assert {q.category for q in questions} == {"代表法/初任培训"}
    assert all(q.articles and {law for law, _n in q.articles} == {"daibiaofa"} for q in questions)
