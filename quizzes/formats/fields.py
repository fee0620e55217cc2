"""Reading and writing the small fields question files share: difficulty, true or false,
answer letters, tags, category paths and article references, as a Chinese author types them
(full-width letters and punctuation, Chinese numerals) or in English."""

import re
import unicodedata

from django.utils.translation import gettext as _

from materials.lawtext import NUMERAL, chinese_number, chinese_numeral

from ..question_types import LETTERS

DIFFICULTY_WORDS = {
    "easy": ("易", "容易", "简单", "easy"),
    "medium": ("中", "中等", "一般", "适中", "medium", "normal"),
    "hard": ("难", "困难", "较难", "hard", "difficult"),
}
DIFFICULTY_NAMES = {"easy": "易", "medium": "中", "hard": "难"}
TRUE_WORDS = {"对", "正确", "是", "√", "✓", "✔", "true", "t", "yes", "y"}
FALSE_WORDS = {"错", "错误", "否", "×", "✗", "✘", "x", "false", "f", "no", "n"}
ANSWER_SEPARATORS = re.compile(r"[\s,;、/]+")
TAG_SEPARATORS = re.compile(r"[,，、;；\n]+")
REFERENCE_SEPARATORS = re.compile(r"[;；\n]+")
NUMBER_SEPARATORS = re.compile(r"[,，、]+")
REFERENCE = re.compile(rf"^(?P<law>.*?)\s*第?\s*(?P<number>[\d{NUMERAL}]+)\s*条?$")
MAX_ARTICLE = 32767  # the largest number the article field holds


def plain(text: str) -> str:
    """A keyword as compared: full-width forms as half-width (NFKC), any case, no spaces.
    Only for keywords: NFKC would turn the full-width punctuation of Chinese prose into ASCII."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def parse_difficulty(text: str) -> str | None:
    """易/中/难 or easy/medium/hard; empty is medium; None if unknown."""
    word = plain(text)
    if not word:
        return "medium"
    return next((key for key, words in DIFFICULTY_WORDS.items() if word in words), None)


def parse_truth(text: str) -> bool | None:
    """对/错, 正确/错误, √/×, true/false, T/F; None if none of these."""
    word = plain(text)
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def parse_letters(text: str) -> list[str] | None:
    """ "AC", "A,C", "A、C", "ａｃ" → ["A", "C"]; None if anything else is in the way."""
    letters = ANSWER_SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()
    if not letters or any(letter not in LETTERS for letter in letters):
        return None
    return sorted(set(letters))


def split_tags(text: str) -> list[str]:
    tags = (tag.strip() for tag in TAG_SEPARATORS.split(text))
    return list(dict.fromkeys(tag for tag in tags if tag))


def category_path(text: str) -> str:
    """ "代表法 / 代表的权利" → "代表法/代表的权利"; a full-width ／ divides too."""
    parts = (part.strip() for part in re.split(r"[/／]", text))
    return "/".join(part for part in parts if part)


def parse_articles(text: str) -> list[tuple[str, int]]:
    """ "代表法 第十四条、第十五条；选举法 30" → [("代表法", 14), ("代表法", 15), ("选举法", 30)].

    References are divided by ; ； or a new line; numbers of one law by , ， or 、. The law is
    written as in the law library (short name or slug), 《》 allowed. Raises ValueError with a
    message for the importer when a reference cannot be read."""
    references = []
    for entry in REFERENCE_SEPARATORS.split(text):
        law = ""
        for piece in NUMBER_SEPARATORS.split(entry.strip()):
            piece = piece.strip()
            if not piece:
                continue
            match = REFERENCE.match(piece)
            named = match and match["law"].strip().strip("《》〈〉").strip()
            if named:
                law = named
            number = _article_number(match["number"]) if match else None
            if not law or number is None:
                raise ValueError(
                    _(
                        "cannot read the article reference “%(text)s”: write the law and the "
                        "article, for example 代表法 第十四条"
                    )
                    % {"text": piece}
                )
            references.append((law, number))
    return list(dict.fromkeys(references))


def _article_number(text: str) -> int | None:
    try:
        number = chinese_number(text)
    except ValueError:
        return None
    return number if 0 < number <= MAX_ARTICLE else None


def format_articles(references: list[tuple[str, int]]) -> str:
    return "；".join(f"{law} 第{_numeral(number)}条" for law, number in references)


def _numeral(number: int) -> str:
    return chinese_numeral(number) if number < 1000 else str(number)
