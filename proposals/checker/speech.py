"""Remarks on a report and deliberation speeches as the checker reads them: the four parts of
the genre "deliberation" (assessment 总体评价, problems 问题, questions 询问, suggestions 建议).

A remark written on the platform has its kind (肯定, 问题, 询问, 建议), and `remark_parts` puts
its text in that kind's part. A text from elsewhere (`manage.py check_deliberation`, a pasted
speech) comes unlabelled, and `split_remarks` sorts it sentence by sentence:

1. A heading or label at the start of a line (一、总体评价 / 存在的问题： / 询问： / 几点建议)
   sends what follows to its part, until the next one.
2. Otherwise a sentence goes by its cues, in this order: nothing to add (没有意见, 没有别的
   建议) is assessment; a question (请问, 询问, 想问, a question mark) is a question; asking
   for something (建议, 希望, 应当, 要求, 一定要…) is a suggestion; a shortfall (问题,
   不足, 困难, 差距, 尚未, 只完成, 但是…) is a problem; a weaker ask (还要, 也要, a clause
   that starts with 请 or 要) is a suggestion; praise (同意, 成绩, 显著…) is assessment.
3. A sentence with no cue goes with the sentence before it (the evidence after a problem is
   part of the problem); at the start, with the assessment.

Each part is its sentences, as written and with their end marks, one a line; "" where there
is none. Pure Python, no database.
"""

import re

from ..reading import simplified
from ..rule_words import FORMULA_FILLER, FORMULA_WORDS, PRAISE_WORDS
from .core import PARTS
from .deliberation import is_formula
from .text import word_pattern

PART_OF_KIND = {
    "肯定": "assessment",
    "问题": "problems",
    "询问": "questions",
    "建议": "suggestions",
    **{part: part for part in PARTS["deliberation"]},
}

_NUMBER = (
    r"(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十0-9]{1,3}[)）]"
    r"|[0-9]{1,2}[、.．])"
)
_HEADINGS = (
    ("assessment", r"总体评价|总的评价|总体看法|评价|肯定|成绩"),
    ("problems", r"存在的?问题|存在的?不足|问题和不足|问题|不足"),
    ("questions", r"询问|提问|几个问题想问|请问"),
    ("suggestions", r"几点建议|意见和建议|意见建议|建议和意见|建议"),
)
_HEADING = re.compile(
    rf"^\s*(?:{_NUMBER}\s*)?(?:对报告的|我的|几点|一点)?"
    rf"({'|'.join(pattern for _part, pattern in _HEADINGS)})\s*(?:[：:]\s*(.*)|\s*)$"
)
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*")

_NOTHING_TO_ADD = re.compile(
    r"没有(?:别的|其他|其它|什么|更多的?|新的)?(?:意见|建议|问题|补充)|无(?:意见|补充|异议)"
)
_QUESTION = re.compile(r"请问|询问|想问|问一下|问问|[？?]")
_ASKING = re.compile(r"建议|希望|应当|应该|必须|务必|呼吁|恳请|要求|一定要")
# Weaker cues: 还要 and 也要 ask in 镇里还要加快进度, but describe in 学生还要绕行三公里;
# a shortfall in the same sentence makes it a problem.
_ASKING_WEAK = re.compile(r"(?:还|更|也)要|(?:^|[，,：:])\s*(?:请|要)(?![问求是么])")
_SHORTFALL = re.compile(
    r"问题|不足|困难|差距|短板|薄弱|滞后|不到位|不够|缺|隐患|矛盾|欠账|拖欠|没有完成"
    r"|未完成|未能|没能|尚未|还没|仍然|仍有|依然|只完成|只有|仅有|仅完成|只(?:修|建|拨|办|到位)"
    r"|一半|低于|下降|不理想|难以"
    r"|反映|投诉|抱怨|担心|推迟|拖了|拖延|延误|没有说|没说|没有提|没提|没有讲|但是|但|然而|不过"
    r"|可是|可这"
)


def remark_parts(text: str, kind: str) -> dict[str, str]:
    """A remark of a kind (肯定, 问题, 询问, 建议, or the part's own name) as the checker's
    parts: its text in that kind's part, the others empty. ValueError for another kind."""
    if kind not in PART_OF_KIND:
        raise ValueError(f"Unknown kind of remark: {kind!r}")
    parts = dict.fromkeys(PARTS["deliberation"], "")
    parts[PART_OF_KIND[kind]] = str(text or "").strip()
    return parts


def kind_of(sentence: str) -> str | None:
    """The part a sentence's cues send it to, or None when it has none (rule 2 above). A
    sentence of nothing but formula (`FORMULA_WORDS`, as the formula-only rule reads it) is
    assessment, whatever it names: 分析问题客观准确 is praise, not a problem."""
    plain = simplified(sentence)
    if is_formula(sentence, word_pattern(tuple(FORMULA_WORDS)), FORMULA_FILLER, 2):
        return "assessment"
    praise = word_pattern(tuple(PRAISE_WORDS))
    for part, pattern in (
        ("assessment", _NOTHING_TO_ADD),
        ("questions", _QUESTION),
        ("suggestions", _ASKING),
        ("problems", _SHORTFALL),
        ("suggestions", _ASKING_WEAK),
        ("assessment", praise),
    ):
        if pattern.search(plain):
            return part
    return None


def split_remarks(text: str) -> dict[str, str]:
    """A whole unlabelled remark or speech sorted into the four parts: see the module's
    docstring."""
    text = str(text or "").replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    found: dict[str, list[str]] = {part: [] for part in PARTS["deliberation"]}
    current, labelled = "assessment", None
    for line in text.split("\n"):
        heading = _HEADING.match(simplified(line))
        if heading:
            labelled = _heading_part(heading.group(1))
            current = labelled
            rest = line[heading.start(2) :] if heading.group(2) else ""
        else:
            rest = line
        for match in _SENTENCE.finditer(rest):
            sentence = match.group().strip()
            if not sentence or not re.search(r"\w", sentence):
                continue
            current = labelled or kind_of(sentence) or current
            found[current].append(sentence)
    return {part: "\n".join(lines) for part, lines in found.items()}


def _heading_part(words: str) -> str:
    return next(part for part, pattern in _HEADINGS if re.fullmatch(pattern, words))
