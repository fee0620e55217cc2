"""What the template's help sheet ("说明") says about each column, and its examples."""

from django.utils.translation import gettext as _

from . import ParsedQuestion


def help_rows() -> list[tuple[str, str]]:
    return [
        (
            "类型/type",
            _(
                "单选, 多选, 多选(部分得分), 判断, 填空 or 简答 (single, multiple, "
                "multiple(partial), truefalse, blank, short). 多选 scores only a fully right "
                "answer; 多选(部分得分) scores each right option chosen, less each wrong one."
            ),
        ),
        (
            "题干/stem",
            _("The question. In a fill-in-the-blank question, show the blank as ____."),
        ),
        (
            "选项A … 选项F",
            _(
                "The options of a choice question, one a column from 选项A on, without gaps. "
                "For more options add columns 选项G to 选项J. Other types leave them empty."
            ),
        ),
        (
            "答案/answer",
            _(
                "Choice: the letters of the right options, such as B or AC. True or false: 对 "
                "or 错. Fill in the blank: every answer accepted, separated by |. Short answer: "
                "the reference answer that graders go by."
            ),
        ),
        (
            "解析/explanation",
            _(
                "Why the right answer is right, shown after answering. A question without it "
                "is imported as needing review, and quizzes leave it out until it has one."
            ),
        ),
        ("难度/difficulty", _("易, 中 or 难 (easy, medium, hard). Empty means 中.")),
        (
            "分类/category",
            _(
                "Where the question is filed, a slash before each subcategory: "
                "代表法/代表的权利. Missing categories are created."
            ),
        ),
        ("标签/tags", _("Tags, separated by 、 or commas.")),
        (
            "法条/articles",
            _(
                "The articles the question tests: the law as the law library names it (short "
                "name or URL name) and the article number, in Chinese numerals or digits. "
                "Separate laws with ；: 代表法 第十四条、第十五条；选举法 30."
            ),
        ),
        (
            "",
            _(
                "One question a row; row 1 names the columns and must stay. A row with a "
                "mistake is left out and reported with its row number; the others are "
                "imported. Importing a file again adds nothing twice: a question with the same "
                "type, text and category as one in the bank is left out."
            ),
        ),
    ]


# Examples of every type, in the project's own words; articles as numbered in the Deputy Law
# as amended in 2025.
EXAMPLES = [
    ParsedQuestion(
        type="single",
        stem="县级人民代表大会代表每届任期几年？",
        options=[("三年", False), ("五年", True), ("十年", False)],
        explanation="县级人大每届任期五年，代表的任期与本级人大的任期相同。",
        difficulty="easy",
        category="代表法/代表的任期",
        tags=["任期"],
    ),
    ParsedQuestion(
        type="multiple",
        stem="闭会期间，代表可以通过哪些方式开展活动？",
        options=[
            ("参加视察", True),
            ("参加专题调研", True),
            ("直接处理群众的具体纠纷", False),
            ("联系原选区选民", True),
        ],
        explanation="代表在闭会期间通过视察、调研、联系选民等方式履职，不代替有关机关处理具体问题。",
        category="代表法/闭会期间的活动",
        tags=["闭会期间", "履职"],
    ),
    ParsedQuestion(
        type="truefalse",
        stem="代表在人民代表大会各种会议上的发言和表决，不受法律追究。",
        answer=True,
        explanation="这是代表的言论免责权，保障代表放心发言、依法表决。",
        difficulty="easy",
        category="代表法/代表的权利",
        articles=[("代表法", 38)],
    ),
    ParsedQuestion(
        type="blank",
        stem="代表建议、批评和意见应当自交办之日起____个月内答复。",
        accepted=["三", "3"],
        explanation="办理机构应当在三个月内答复，涉及面广、处理难度大的，不超过六个月。",
        category="代表法/建议、批评和意见",
    ),
    ParsedQuestion(
        type="short",
        stem="请简述代表联系原选区选民的主要方式。",
        answer="走访、座谈、在代表联络站接待选民、通过网络平台听取意见等。",
        explanation="联系选民是代表了解民意、反映民意的基础工作。",
        difficulty="hard",
        category="代表法/闭会期间的活动",
    ),
]
