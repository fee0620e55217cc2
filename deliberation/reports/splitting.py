"""A report's whole text, as pasted from Word, a web page or a PDF, split into sections of
paragraphs.

Headings are the lines a Chinese report numbers its parts with: 一、 第一部分 (a part), （一）
(a point within one), or Markdown's # and ##. What a PDF copy leaves behind is dropped: page
numbers (- 3 -, 第3页, 3/12), a running header repeated on every page, and line breaks in the
middle of a sentence, which are joined up again."""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_TEXT_CHARS = 100_000
MAX_PARAGRAPH_CHARS = 5000
MAX_SECTIONS = 200
MAX_PARAGRAPHS = 1000
MAX_HEADING_CHARS = 60

NUMERAL = "一二三四五六七八九十百零〇"
PART = re.compile(rf"^(?:[{NUMERAL}]+[、.．]|第[{NUMERAL}\d]+部分)")
POINT = re.compile(rf"^(?:[（(][{NUMERAL}]+[）)])")
MARKDOWN = re.compile(r"^(#{1,6})\s*(.+)$")
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~～\s]*\d{1,4}[-—–－~～\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
# Where a line ends a sentence: a line ending otherwise was broken by the page's width.
SENTENCE_END = tuple("。！？；：!?;:”’」』）)…")
SPACES = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u200b\ufeff]+")


class SplitError(ValueError):
    """The text cannot be made into a report; the message says why."""


@dataclass
class Section:
    heading: str
    depth: int = 1
    paragraphs: list[str] = field(default_factory=list)


def _clean(line: str) -> str:
    return SPACES.sub(" ", line).strip()


def _heading(line: str) -> tuple[str, int] | None:
    """(heading, depth) when the line is one, else None."""
    if len(line) > MAX_HEADING_CHARS:
        return None
    marked = MARKDOWN.match(line)
    if marked:
        return marked.group(2).strip(), 1 if len(marked.group(1)) == 1 else 2
    if PART.match(line):
        return line, 1
    # （一） starts a point's heading, but often the point's text follows on the same line:
    # a heading is a short line that does not run on into sentences.
    if POINT.match(line) and line.rstrip("。").count("。") == 0:
        return line, 2
    return None


def _running_headers(lines: list[str]) -> set[str]:
    """Short lines repeated three times or more: a PDF's running header or footer."""
    counts = Counter(line for line in lines if line and len(line) <= 40)
    return {
        line
        for line, count in counts.items()
        if count >= 3 and _heading(line) is None and not line.endswith(SENTENCE_END)
    }


def _line_width(lines: list[str]) -> int:
    """How long a line is when the page's width broke it: most lines of a PDF's copy are as
    long as the page is wide, the last of a paragraph shorter. Text with a line a paragraph
    (from Word, a web page) has lines of every length, and few end without a full stop."""
    lengths = sorted(len(line) for line in lines if _heading(line) is None)
    if not lengths:
        return 1
    return max(15, int(lengths[int(len(lengths) * 0.75)] * 0.85))


def split_report(text) -> list[Section]:
    """The text's sections, each with its paragraphs; the paragraphs before the first heading
    make a section with no heading. Raises SplitError when the text is empty, too long, or
    makes no paragraph, too many, or one too long."""
    if not isinstance(text, str) or not text.strip():
        raise SplitError(_("The text is empty. Paste the report's whole text, or upload it."))
    if len(text) > MAX_TEXT_CHARS:
        raise SplitError(
            _("The text is %(length)d characters long; a report may have at most %(max)d.")
            % {"length": len(text), "max": MAX_TEXT_CHARS}
        )
    lines = [_clean(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    noise = _running_headers(lines)
    width = _line_width([line for line in lines if line and line not in noise])
    sections: list[Section] = [Section(heading="")]
    current: list[str] = []  # the lines of the paragraph being read

    def end_paragraph():
        if current:
            sections[-1].paragraphs.append("".join(current))
            current.clear()

    for line in lines:
        if not line:
            continue
        if PAGE_NUMBER.match(line) or line in noise:
            continue  # as if it were not there: a sentence broken by a page goes on
        heading = _heading(line)
        if heading is not None:
            end_paragraph()
            sections.append(Section(heading=heading[0], depth=heading[1]))
        elif (
            current
            and not current[-1].endswith(SENTENCE_END)
            and len(current[-1]) >= width
            # A report's subtitle (——在……会议上) stands alone.
            and not current[-1].startswith(("——", "--"))
        ):
            # A line broken by the page's width (a PDF's copy): the sentence goes on.
            current.append(line)
        else:
            end_paragraph()
            current.append(line)
    end_paragraph()
    if not sections[0].paragraphs:
        sections.pop(0)
    sections = [s for s in sections if s.paragraphs or s.heading]
    paragraphs = [p for s in sections for p in s.paragraphs]
    if not paragraphs:
        raise SplitError(_("No paragraph of text was found, only headings."))
    if len(paragraphs) > MAX_PARAGRAPHS or len(sections) > MAX_SECTIONS:
        raise SplitError(
            _(
                "The text makes %(sections)d sections and %(paragraphs)d paragraphs; a report "
                "may have at most %(max_sections)d sections and %(max_paragraphs)d paragraphs."
            )
            % {
                "sections": len(sections),
                "paragraphs": len(paragraphs),
                "max_sections": MAX_SECTIONS,
                "max_paragraphs": MAX_PARAGRAPHS,
            }
        )
    for number, paragraph in enumerate(paragraphs, start=1):
        if len(paragraph) > MAX_PARAGRAPH_CHARS:
            raise SplitError(
                _(
                    "Paragraph %(number)d (“%(start)s…”) is %(length)d characters long; a "
                    "paragraph may have at most %(max)d. Is a line break missing?"
                )
                % {
                    "number": number,
                    "start": paragraph[:20],
                    "length": len(paragraph),
                    "max": MAX_PARAGRAPH_CHARS,
                }
            )
    return sections


def report_text(sections) -> str:
    """Sections (ReportSection rows with their paragraphs, or `Section`s) as text that splits
    into the same sections again: what the editor's box shows."""
    blocks = []
    for section in sections:
        heading = section.heading
        if heading:
            if _heading(heading) != (heading, section.depth):
                heading = f"{'#' * section.depth} {heading}"
            blocks.append(heading)
        paragraphs = section.paragraphs
        texts = paragraphs if isinstance(paragraphs, list) else [p.text for p in paragraphs.all()]
        blocks.extend(texts)
    return "\n\n".join(blocks)
