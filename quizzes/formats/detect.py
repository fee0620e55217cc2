"""Which reader a file needs: from the format asked for, else from its name and content."""

import re

from django.utils.translation import gettext as _

from common.textfiles import UndecodableText, decode_text_file

from . import ParseReport
from .aiken import parse_aiken
from .gift import parse_gift
from .xlsx import QuestionFileError, read_questions_xlsx

FORMATS = ("xlsx", "gift", "aiken")
AIKEN_ANSWER = re.compile(r"^\s*(?:ANSWER|答案)\s*[:：]", re.IGNORECASE | re.MULTILINE)
# An opening brace not escaped: GIFT's answers.
GIFT_ANSWERS = re.compile(r"(?<!\\)\{")

__all__ = ["FORMATS", "QuestionFileError", "guess_format", "read_question_file"]


def read_question_file(name: str, content: bytes, *, format: str | None = None) -> ParseReport:
    """Read an uploaded or local file of questions. Raises QuestionFileError when the file as
    a whole cannot be read (not a workbook, not text, no header row)."""
    format = format or guess_format(name, content)
    if format == "xlsx":
        return read_questions_xlsx(content)
    text = decode(content)
    return parse_gift(text) if format == "gift" else parse_aiken(text)


def guess_format(name: str, content: bytes) -> str:
    suffix = name.lower().rpartition(".")[2]
    if suffix == "xlsx" or content.startswith(b"PK\x03\x04"):
        return "xlsx"
    if suffix == "gift":
        return "gift"
    text = decode(content)
    if AIKEN_ANSWER.search(text) and not GIFT_ANSWERS.search(text):
        return "aiken"
    return "gift"


def decode(content: bytes) -> str:
    """The text of a question file: UTF-8, UTF-16 with its mark, or GB18030 (GBK)."""
    not_text = _("The file is not text in UTF-8 or GBK.")
    try:
        text = decode_text_file(content)
    except UndecodableText as exc:
        raise QuestionFileError(not_text) from exc
    # NUL is in no text file: UTF-16 without its mark, or a binary file. The database could
    # not store it either.
    if "\x00" in text:
        raise QuestionFileError(not_text)
    return text
