"""Law texts as they come out of PDFs and web pages, put back into one line per paragraph.

A page breaks lines where the column ends, not where the law does: the title stands over two
or three lines and again as a running header on every page, page numbers fall between the
lines of an article, a chapter heading's second half stands on the next line, and the
amendment history is one long bracketed paragraph. `logical_lines` undoes that, so that
`parse_law` reads the same law from a PDF as from the clean copy. Each line keeps the number
of the file line it starts on, for error messages. `LawParseError` lives here, below the
readers of each file format and the parser, since all of them raise it.
"""

import re
from collections import Counter
from dataclasses import dataclass

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}  # fmt: skip
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "零〇一二两三四五六七八九十百千"
SPACE = "[ \t\u3000\xa0]"
# A line that starts anew whatever the line before it: a heading, an article, an item.
MARKER = re.compile(rf"^#*{SPACE}*第{SPACE}*([{NUMERAL}\d]+){SPACE}*(分编|[编章节条])")
ITEM = re.compile(rf"^[（(]([{NUMERAL}]+)[）)]")
# What follows 第X条 or 第X章 when it is cited in a sentence, not a heading.
CITED = re.compile(r"^(?:规定|的|、|，|。|；|第|至|和|与|及|或|中|所|之|以|款|项|条|章|节)")
# A paragraph ends with one of these, perhaps followed by a closing quote or bracket.
PARAGRAPH_END = re.compile(r"[。；：！？;:!?][”’」』）)】》〉]*$")
# "- 3 -", "第 3 页", "3/12": a bare number has at most three digits, since "2024" alone on a
# line is more likely a year the column broke off.
PAGE_NUMBER = re.compile(
    rf"^(?:[-–—－~]?{SPACE}*\d{{1,3}}{SPACE}*[-–—－~]?"
    rf"|第{SPACE}*\d{{1,4}}{SPACE}*页(?:{SPACE}*[,，/]?{SPACE}*共{SPACE}*\d{{1,4}}{SPACE}*页)?"
    rf"|共{SPACE}*\d{{1,4}}{SPACE}*页{SPACE}*第{SPACE}*\d{{1,4}}{SPACE}*页"
    rf"|\d{{1,4}}{SPACE}*/{SPACE}*\d{{1,4}})$"
)
DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
HISTORY_START = re.compile(r"^[（(]?\s*(?:根据)?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
# Where one entry of a history written as a paragraph ends and the next begins.
ENTRY_BREAK = re.compile(r"(?:[\s\u3000]|根据|通过|修正|修订|[（(])$")
# What stands between two entries and belongs to neither: "　根据", "）（根据".
TRAILING_LINK = re.compile(r"[\s\u3000（(]*(?:根据)?[\s\u3000（(]*$")
CONTENTS = re.compile(rf"^#*{SPACE}*目{SPACE}*录{SPACE}*$")
COMMENT = re.compile(r"^<!--.*-->$")
TITLE_END = re.compile(
    r"(?:法|条例|规定|办法|规则|决定|细则|章程|解释|规程|准则|决议|纲要)(?:[（(][^）)]*[）)])?$"
)
MARKDOWN_TITLE = re.compile(r"^#(?!#)")
# Between two characters that are not ASCII, any space is layout, not text.
LAYOUT_SPACE = re.compile(r"(?<=[^\x00-\x7f])[\s\u3000\xa0]+(?=[^\x00-\x7f])")
LATIN = re.compile(r"[A-Za-z0-9]")
SENTENCE = re.compile(r"[。，；：,;:]")
LEADING_SPACE = re.compile(rf"^{SPACE}*")
MAX_TITLE_LINES = 3
MAX_HEADER = 40  # a running header is short: the law's title or a gazette's name


class LawParseError(ValueError):
    """Where reading stopped, and why, in the language of the person importing."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


@dataclass
class Line:
    number: int  # the file line it starts on
    text: str
    indented: bool = False  # starts with an indent: in a PDF or web page, a new paragraph


def chinese_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; ASCII digits pass through."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in DIGITS:
            current = DIGITS[char]
        elif char in UNITS:
            total += (current or 1) * UNITS[char]
            current = 0
        else:
            raise ValueError(text)
    return total + current


def spaceless(text: str) -> str:
    return re.sub(r"[\s\u3000\xa0#]+", "", text)


def join(before: str, after: str) -> str:
    """Two pieces of one paragraph: a space only where the break was one between words or
    numbers in Latin script, which the page kept as a line break."""
    if LATIN.match(before[-1:]) and LATIN.match(after[:1]):
        return f"{before} {after}"
    return before + after


def ends_paragraph(text: str) -> bool:
    return bool(PARAGRAPH_END.search(text))


def logical_lines(text: str) -> list[Line]:
    """One line per title, history entry, heading, article paragraph and item."""
    lines = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        stripped = raw.strip().strip("\u3000\xa0").strip()
        if stripped and not COMMENT.match(stripped):
            indent = len(LEADING_SPACE.match(raw).group())
            lines.append(Line(number, stripped, indented=indent >= 2))
    lines, page_marks, pages = _drop_page_numbers(lines)
    if not lines:
        return []
    title, rest = _title(lines)
    rest = _drop_running_headers(rest, spaceless(title.text), page_marks, pages)
    preamble, body = _split_preamble(rest)
    return [title, *_history(preamble), *_paragraphs(_skip_contents(body))]


def _drop_page_numbers(lines: list[Line]) -> tuple[list[Line], set[int], int]:
    """Page numbers out; kept are the file lines next to them, where running headers stand,
    and how many there were."""
    kept, marks, count = [], set(), 0
    for line in lines:
        if PAGE_NUMBER.match(line.text):
            marks.update((line.number - 2, line.number - 1, line.number + 1, line.number + 2))
            count += 1
        else:
            kept.append(line)
    return kept, marks, count


def _title(lines: list[Line]) -> tuple[Line, list[Line]]:
    """The title, joined again where the page broke it: "中华人民共和国地方各级人民代表大会" /
    "和地方各级人民政府组织法"."""
    first = lines[0]
    markdown = first.text.startswith("#")
    text, taken = first.text, 1
    for line in lines[1:MAX_TITLE_LINES]:
        piece = line.text
        if markdown:
            if not MARKDOWN_TITLE.match(piece):
                break
            piece = piece[1:].strip()
        if TITLE_END.search(text) or _opens_section(piece) or SENTENCE.search(piece):
            break
        text, taken = text + piece, taken + 1
    return Line(first.number, text), lines[taken:]


def _opens_section(text: str) -> bool:
    return bool(HISTORY_START.match(text) or MARKER.match(text) or CONTENTS.match(text))


def _drop_running_headers(
    lines: list[Line], title_key: str, page_marks: set[int], page_count: int
) -> list[Line]:
    """The title wherever it stands again, whole or over several lines, and any short line
    that stands next to the page numbers at most page breaks: headers and footers of the
    printed pages. A line that merely recurs (paragraphs that begin alike and wrap alike) does
    not stand by half the page numbers."""
    keep = [True] * len(lines)
    index = 0
    while title_key and index < len(lines):
        joined, end = "", index
        while end < len(lines) and title_key.startswith(joined + spaceless(lines[end].text)):
            joined += spaceless(lines[end].text)
            end += 1
            if joined == title_key:
                keep[index:end] = [False] * (end - index)
                break
        # Past the title found, or one line on: never in place, whatever the lines hold.
        index = end if joined == title_key else index + 1
    counts = Counter(spaceless(line.text) for line in lines)
    by_page: Counter[str] = Counter(
        spaceless(line.text) for line in lines if line.number in page_marks
    )
    for position, line in enumerate(lines):
        key = spaceless(line.text)
        if (
            keep[position]
            and by_page[key] >= max(3, page_count / 2)
            and by_page[key] * 2 >= counts[key]
            and len(key) <= MAX_HEADER
            and not MARKER.match(line.text)
            and not ITEM.match(line.text)
            and not ends_paragraph(line.text)
        ):
            keep[position] = False
    return [line for line, kept in zip(lines, keep, strict=True) if kept]


def _split_preamble(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    for index, line in enumerate(lines):
        if MARKER.match(line.text) or CONTENTS.match(line.text) or line.text.startswith("#"):
            return lines[:index], lines[index:]
    return lines, []


def _history(lines: list[Line]) -> list[Line]:
    """The amendment history, one entry a line, whether it came as a list or as one
    paragraph ("（1992年4月3日…通过　根据2009年8月27日…修正　根据…）"), broken anywhere."""
    text, starts = "", []  # starts: (offset in text, file line)
    for line in lines:
        starts.append((len(text), line.number))
        piece = line.text
        text = text + "\u3000" + piece if HISTORY_START.match(piece) and text else join(text, piece)
    if not HISTORY_START.match(text):
        return lines  # not a history: parse_law says so, naming the line
    cuts = [0] + [
        match.start()
        for match in DATE.finditer(text)
        if match.start() and ENTRY_BREAK.search(text[: match.start()])
    ]
    entries = []
    for begin, end in zip(cuts, [*cuts[1:], len(text)], strict=True):
        piece = text[begin:end].strip().strip("\u3000").lstrip("（(").strip()
        piece = TRAILING_LINK.sub("", piece).rstrip("）)").strip()
        number = max(line for offset, line in starts if offset <= begin)
        if piece:
            entries.append(Line(number, piece))
    return entries


def _skip_contents(lines: list[Line]) -> list[Line]:
    """A table of contents lists the headings; the body starts where its first one comes
    round again."""
    if not lines or not CONTENTS.match(lines[0].text):
        return lines
    first = next((line for line in lines[1:] if MARKER.match(line.text)), None)
    if first is None:
        return lines[1:]
    key = MARKER.match(first.text).group(1, 2)
    seen = False
    for index, line in enumerate(lines[1:], 1):
        marker = MARKER.match(line.text)
        if marker and marker.group(1, 2) == key:
            if seen:
                return lines[index:]
            seen = True
    return []


def _paragraphs(lines: list[Line]) -> list[Line]:
    """Lines joined into paragraphs: a line goes on the one before it unless that one ended a
    paragraph or the line starts a heading, an article or an item. Where the text indents its
    paragraphs (a PDF, a web page), a line that is not indented goes on a full line before it
    even after a full stop: the column ended there, not the paragraph."""
    # Whether the text indents its paragraphs: judged by its articles' first lines, which
    # every such text indents, not by its headings, which a copied page may centre with spaces.
    starts = [line for line in lines if (m := MARKER.match(line.text)) and m.group(2) == "条"]
    indenting = sum(line.indented for line in starts) * 2 >= len(starts) > 0
    lengths = sorted(len(line.text) for line in lines)
    full = lengths[int(len(lengths) * 0.9)] * 0.6 if lengths else 0
    result: list[Line] = []
    heading = False  # the line before is a heading, which a continuation finishes
    last_raw = ""
    last_article = 0
    for line in lines:
        text = line.text
        previous = result[-1] if result else None
        marker = MARKER.match(text) or ITEM.match(text)
        open_before = previous is not None and not ends_paragraph(previous.text)
        if marker and open_before and not heading and _cited(text, previous.text, last_article):
            marker = None  # "…依照本法" / "第三十条规定的…": a reference broken over lines
        if previous is None or marker:
            starts = True
        elif heading:
            starts = False
        elif text.startswith("#"):
            starts = True
        elif open_before:
            starts = False
        else:
            starts = not (indenting and not line.indented and len(last_raw) >= full)
        if starts:
            result.append(Line(line.number, _tidy_body(text), line.indented))
            kind = MARKER.match(text)
            heading = bool(kind and kind.group(2) != "条" and not ends_paragraph(text))
            if kind and kind.group(2) == "条":
                last_article = _value(kind.group(1))
        else:
            piece = _tidy_body(text.lstrip("#").strip())
            result[-1] = Line(previous.number, join(previous.text, piece), previous.indented)
            if heading and ends_paragraph(piece):
                heading = False
        last_raw = text
    return result


def _cited(text: str, before: str, last_article: int) -> bool:
    """第X条 or （一） at the start of a line that goes on an unfinished sentence: cited, not
    begun, where the words around it say so ("本法" / "第三十条规定", "第一款第" / "（二）项")
    or the article was already passed (laws never number backwards)."""
    item = ITEM.match(text)
    if item:
        return before.endswith("第") or bool(CITED.match(text[item.end() :]))
    marker = MARKER.match(text)
    if CITED.match(text[marker.end() :]):
        return True
    return marker.group(2) == "条" and _value(marker.group(1)) <= last_article


def _value(numeral: str) -> int:
    try:
        return chinese_number(numeral)
    except ValueError:
        return 0


def _tidy_body(text: str) -> str:
    return LAYOUT_SPACE.sub("", text)
