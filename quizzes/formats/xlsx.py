"""Questions in an Excel workbook: our template, which is also what the export writes.

One question a row on the first sheet, under a header row that names the columns. The headers
are the same in every language ("类型/type"); each column is found by either name, in any
order, so a file exported in one language reads back in another. Options have a column each,
选项A to 选项F, and 选项G to 选项J may be added. The second sheet, "说明", explains each column
with an example of every type. `read_questions_xlsx` reads a workbook,
`write_questions_xlsx` writes one, and `question_template_xlsx` is the empty template.
"""

import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from common.workbooks import (
    MAX_UNPACKED_MB,
    UnreadableWorkbook,
    WorkbookTooLarge,
    first_sheet_rows,
    safe_text,
    unquote,
)

from ..question_types import LETTERS
from . import ParsedQuestion, ParseReport
from .fields import (
    DIFFICULTY_NAMES,
    category_path,
    format_articles,
    parse_articles,
    parse_difficulty,
    parse_letters,
    parse_truth,
    plain,
    split_tags,
)
from .help import EXAMPLES, help_rows

MAX_ROWS = 5000
TEMPLATE_OPTIONS = 6
# Column keys and their headers: the template writes the first, the reader accepts any.
COLUMNS = {
    "type": ("类型/type", "题型", "题目类型"),
    "stem": ("题干/stem", "题目", "question"),
    **{f"option {letter}": (f"选项{letter}/option {letter}",) for letter in LETTERS},
    "answer": ("答案/answer", "正确答案"),
    "explanation": ("解析/explanation", "答案解析"),
    "difficulty": ("难度/difficulty",),
    "category": ("分类/category", "题目分类"),
    "tags": ("标签/tags", "tag"),
    "articles": ("法条/articles", "相关法条", "article"),
}
REQUIRED = ("type", "stem", "answer")
# Type names a file may use, and the one the export writes for each type.
TYPE_WORDS = {
    "single": ("单选", "单选题", "单项选择", "单项选择题", "single"),
    "multiple": ("多选", "多选题", "多项选择", "多项选择题", "multiple"),
    "multiple partial": ("多选(部分得分)", "多选题(部分得分)", "multiple(partial)"),
    "truefalse": ("判断", "判断题", "是非题", "truefalse", "true/false", "tf"),
    "blank": ("填空", "填空题", "blank"),
    "short": ("简答", "简答题", "问答题", "short"),
}
TYPE_NAMES = {key: words[0] for key, words in TYPE_WORDS.items()}
ACCEPTED_SEPARATOR = re.compile(r"[|｜]")


class QuestionFileError(ValueError):
    """The file as a whole cannot be read: nothing in it is imported."""


def read_questions_xlsx(content: bytes) -> ParseReport:
    positions, rows = _read_sheet(content)
    report = ParseReport(unit="row")
    for number, cells in rows:

        def get(key, cells=cells):
            index = positions.get(key)
            return cells[index] if index is not None and index < len(cells) else ""

        question, problems = _read_row(number, get)
        if problems:
            report.skip(number, "；".join(problems))
        else:
            report.questions.append(question)
    return report


def _read_row(number: int, get) -> tuple[ParsedQuestion, list[str]]:
    problems = []
    kind = _type(get("type"))
    if kind is None:
        problems.append(
            _("unknown type “%(type)s”") % {"type": get("type")}
            if get("type")
            else _("the type is empty")
        )
        kind = ""
    question = ParsedQuestion(
        type=kind.removesuffix(" partial"),
        partial_credit=kind.endswith(" partial"),
        stem=get("stem"),
        explanation=get("explanation"),
        category=category_path(get("category")),
        tags=split_tags(get("tags")),
        line=number,
    )
    options = [get(f"option {letter}") for letter in LETTERS]
    while options and not options[-1]:
        options.pop()
    if not all(options):
        problems.append(_("fill the options from A on, without gaps"))
    difficulty = parse_difficulty(get("difficulty"))
    if difficulty is None:
        problems.append(_("difficulty must be 易, 中 or 难 (easy, medium, hard)"))
    question.difficulty = difficulty or ""
    try:
        question.articles = parse_articles(get("articles"))
    except ValueError as exc:
        problems.append(str(exc))
    problems += _read_answer(question, get("answer"), options)
    if kind and not problems:
        problems = question.problems()
    return question, problems


def _type(text: str) -> str | None:
    word = plain(text)
    return next((key for key, words in TYPE_WORDS.items() if word in map(plain, words)), None)


def _read_answer(question: ParsedQuestion, answer: str, options: list[str]) -> list[str]:
    if question.type in ("single", "multiple"):
        letters = parse_letters(answer)
        if not answer:
            return [_("no answer: write the letters of the right options, for example AC")]
        have = LETTERS[: len(options)]
        if letters is None or not set(letters) <= set(have):
            return [
                _("the answer “%(answer)s” is not among the options %(letters)s")
                % {"answer": answer, "letters": "、".join(have) or "-"}
            ]
        question.options = [
            (text, letter in letters) for letter, text in zip(LETTERS, options, strict=False)
        ]
        return []
    question.options = [(text, False) for text in options]
    if question.type == "truefalse":
        question.answer = parse_truth(answer)
        if question.answer is None:
            return [_("the answer of a true/false question is 对 or 错 (true or false)")]
    elif question.type == "blank":
        question.accepted = [a.strip() for a in ACCEPTED_SEPARATOR.split(answer) if a.strip()]
    elif question.type == "short":
        question.answer = answer
    return []


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    # The export quotes what would read as a formula (safe_text): read it back as written.
    return unquote(text)


def _read_sheet(content: bytes):
    rows = _sheet_rows(content)
    positions: dict[str, int] = {}
    for index, cell in enumerate(next(rows, (1, ()))[1]):
        names = {plain(name) for name in re.split(r"[/／]", _cell_text(cell))}
        for key, headers in COLUMNS.items():
            accepted = {plain(part) for header in headers for part in header.split("/")}
            if names & accepted:
                positions.setdefault(key, index)
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in positions]
    if missing:
        rows.close()
        raise QuestionFileError(
            _("The first row must name the columns. Missing: %(columns)s.")
            % {"columns": "、".join(missing)}
        )
    body = []
    for number, values in rows:
        if values.count(None) == len(values):
            continue  # quickly past the empty rows a sheet may have by the million
        cells = [_cell_text(v) for v in values]
        if any(cells):
            body.append((number, cells))
        if len(body) > MAX_ROWS:
            rows.close()
            raise QuestionFileError(
                _("The file has more than %(max)d questions. Split it.") % {"max": MAX_ROWS}
            )
    return positions, body


def _sheet_rows(content: bytes):
    """(row number, values) of the first sheet, read with the bounds of common.workbooks."""
    not_xlsx = _("This is not an Excel .xlsx file. Start from the template.")
    try:
        yield from first_sheet_rows(content)
    except WorkbookTooLarge as exc:
        raise QuestionFileError(
            _("The file unpacks to more than %(mb)d MB: it is not a question file.")
            % {"mb": MAX_UNPACKED_MB}
        ) from exc
    except UnreadableWorkbook as exc:
        raise QuestionFileError(not_xlsx) from exc


def write_questions_xlsx(questions: list[ParsedQuestion]) -> bytes:
    """A workbook in the template's layout, with a row for each question, that
    `read_questions_xlsx` reads back to the same questions."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "题目"
    width = max([TEMPLATE_OPTIONS, *(len(q.options) for q in questions)])
    header = _header(width)
    _write_header(sheet, header)
    for question in questions:
        sheet.append([safe_text(value) for value in _row(question, width)])
    for index, key in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 40 if key == "stem" else 16
    sheet.freeze_panes = "A2"
    _write_help(workbook.create_sheet("说明"), width)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def question_template_xlsx() -> bytes:
    """The empty template to download: the header row, and the help sheet with examples."""
    return write_questions_xlsx([])


def _header(options: int) -> list[str]:
    keys = [key for key in COLUMNS if not key.startswith("option ")]
    keys[2:2] = [f"option {letter}" for letter in LETTERS[:options]]
    return keys


def _write_header(sheet, keys: list[str]) -> None:
    sheet.append([COLUMNS[key][0] for key in keys])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FDE9D9")


def _row(question: ParsedQuestion, options: int) -> list[str]:
    kind = "multiple partial" if question.partial_credit else question.type
    letters = [
        letter for letter, (_t, right) in zip(LETTERS, question.options, strict=False) if right
    ]
    answer = {
        "single": "".join(letters),
        "multiple": "".join(letters),
        "truefalse": "对" if question.answer is True else "错",
        "blank": "|".join(question.accepted),
        "short": question.answer or "",
    }[question.type]
    texts = [text for text, _right in question.options]
    return [
        TYPE_NAMES[kind],
        question.stem,
        *(texts + [""] * options)[:options],
        answer,
        question.explanation,
        DIFFICULTY_NAMES[question.difficulty],
        question.category,
        "、".join(question.tags),
        format_articles(question.articles),
    ]


def _write_help(sheet, options: int) -> None:
    sheet.append([_("How to fill in the questions sheet")])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append([_("Column"), _("What to write")])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for label, text in help_rows():
        sheet.append([label, text])
    sheet.append([])
    sheet.append([_("Examples: copy a row into the questions sheet to start from it.")])
    sheet[f"A{sheet.max_row}"].font = Font(bold=True)
    header = _header(TEMPLATE_OPTIONS)
    _write_header(sheet, header)
    for example in EXAMPLES:
        sheet.append([safe_text(value) for value in _row(example, TEMPLATE_OPTIONS)])
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 90
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
