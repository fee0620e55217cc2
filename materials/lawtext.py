"""Reading official law texts: plain text or Markdown as published, .docx, and PDF.

`parse_law(text)` turns a text into a `ParsedLaw` (parsedlaw.py): title, amendment history,
and 编, chapters, sections and articles with their paragraphs (款) and items (项). `lawlines`
first puts the text back into one line per paragraph, however a PDF or web page broke it; this
module reads 第X编 / 第X章 / 第X节 / 第X条 with Chinese numerals. Anything it cannot place raises
`LawParseError` naming the line, so that a bad file is never half-imported; what may be
damage rather than law (a gap in the numbering, an unknown heading) is a warning."""

import re
from datetime import date

from django.utils.translation import gettext as _

from common.numerals import chinese_numeral, law_number
from common.textfiles import UndecodableText, decode_text_file
from materials.docxtext import docx_text
from materials.lawlines import NUMERAL, LawParseError, Line, chinese_number, logical_lines
from materials.pdftext import pdf_text

from .parsedlaw import Article, Chapter, HistoryEntry, LawWarning, ParsedLaw, Part, Section

SPACES = re.compile(r"[\s\u3000\xa0]+")

HEADING = re.compile(rf"^#*\s*第([{NUMERAL}\d]+)(分编|[编章节条])(?:[\s\u3000]+(.*)|(.*))$")
ITEM = re.compile(rf"^[（(]([{NUMERAL}]+)[）)]")
HISTORY = re.compile(r"^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# What the library's fields hold: a page title, a chapter or section title, and a number
# (article, chapter, item, and a part's or history line's position) in a small integer.
MAX_TITLE = 255
MAX_LOOSE_HEADING = 20  # a heading without a number is a few words, 附则 or 罚则
MAX_HEADING = 200
MAX_NUMBER = 32767


def tidy(text: str) -> str:
    """Drop spaces, which published texts scatter for layout (总　则, 代表法 ), from Chinese."""
    text = text.strip()
    return re.sub(r"(?<=[^\x00-\x7f])[\s\u3000\xa0]+(?=[^\x00-\x7f])", "", text).strip()


def _add_article(chapter: Chapter, article: Article) -> None:
    if chapter.sections:
        chapter.sections[-1].articles.append(article)
    else:
        chapter.articles.append(article)


def parse_law(text: str) -> ParsedLaw:
    if "\x00" in text:
        # UTF-16 read as UTF-8, or not text at all; PostgreSQL cannot store it either.
        line = text[: text.index("\x00")].count("\n") + 1
        raise LawParseError(
            line, _("the file has NUL characters: it is not text in UTF-8 or GB18030")
        )
    lines = logical_lines(text)
    title = ""
    history: list[HistoryEntry] = []
    chapters: list[Chapter] = []
    article: Article | None = None
    first_heading_seen = False
    part = ""  # the 编 (and 分编) the chapters now read stand in
    part_chapters = 0  # chapters since the last 编: their numbers may start again at 一
    last_article = 0  # kept as it goes: counting again at each article is quadratic
    warnings: list[LawWarning] = []
    skipping_repeat = False  # inside an article that repeats the one before word for word

    for index, logical in enumerate(lines):
        number, line = logical.number, logical.text
        if not title:
            title = tidy(line.lstrip("#").strip())
            if len(title) > MAX_TITLE:
                raise LawParseError(
                    number,
                    _("the title is longer than %(count)d characters") % {"count": MAX_TITLE},
                )
            continue

        heading = HEADING.match(line)
        if heading:
            value = _number(heading.group(1), number)
            if value is None:
                raise LawParseError(
                    number, _("cannot read the number in “%(text)s”") % {"text": line[:20]}
                )
            kind = heading.group(2)
            rest = (heading.group(3) or heading.group(4) or "").strip()
            first_heading_seen = True
            if skipping_repeat:  # any heading ends the repeated article: is it the same?
                _check_repeat(chapters, article)
                skipping_repeat = False
            if kind in ("编", "分编"):
                label = f"第{chinese_numeral(value)}{kind}　{tidy(rest)}".strip()
                part = label if kind == "编" else f"{part.split('　第')[0]}　{label}"
                part_chapters = 0
                article = None
            elif kind == "章":
                expected = len(chapters) + 1
                if value != expected and not (part and value == part_chapters + 1):
                    raise LawParseError(
                        number,
                        _("expected chapter %(n)d (第%(cn)s章)")
                        % {"n": expected, "cn": chinese_numeral(expected)},
                    )
                chapters.append(Chapter(number=value, title=tidy(rest), line=number, part=part))
                part_chapters += 1
                article = None
            elif kind == "节":
                if not chapters:
                    raise LawParseError(number, _("a section (节) before any chapter (章)"))
                chapter = chapters[-1]
                expected = len(chapter.sections) + 1
                if value != expected:
                    raise LawParseError(
                        number,
                        _("expected section %(n)d (第%(cn)s节)")
                        % {"n": expected, "cn": chinese_numeral(expected)},
                    )
                if chapter.articles:
                    raise LawParseError(number, _("a section (节) after articles of its chapter"))
                chapter.sections.append(Section(number=value, title=tidy(rest), line=number))
                article = None
            else:
                if not chapters:
                    # A law without chapters: its articles go in one untitled chapter.
                    chapters.append(Chapter(number=0, title=""))
                expected = last_article + 1
                if value <= last_article:
                    if value == last_article and article is not None:
                        # The same article again, as where a copy from several pages overlaps:
                        # kept if it turns out word for word the same, refused otherwise.
                        skipping_repeat = True
                        article = Article(number=value, line=number)
                        if rest:
                            article.parts.append(Part("paragraph", 1, rest))
                        warnings.append(
                            LawWarning(
                                number,
                                "numbering_repeat",
                                _("第%(cn)s条 appears twice; the second copy is left out")
                                % {"cn": chinese_numeral(value)},
                            )
                        )
                        continue
                    raise LawParseError(
                        number,
                        _("expected article %(n)d (第%(cn)s条)")
                        % {"n": expected, "cn": chinese_numeral(expected)},
                    )
                if value != expected:
                    missing = (
                        f"第{chinese_numeral(expected)}条"
                        if value == expected + 1
                        else f"第{chinese_numeral(expected)}条–第{chinese_numeral(value - 1)}条"
                    )
                    warnings.append(
                        LawWarning(
                            number,
                            "numbering_gap",
                            _("%(missing)s missing: from 第%(before)s条 to 第%(after)s条")
                            % {
                                "missing": missing,
                                "before": chinese_numeral(last_article),
                                "after": chinese_numeral(value),
                            },
                        )
                    )
                article = Article(number=value, line=number)
                last_article = value
                if rest:
                    article.parts.append(Part("paragraph", 1, rest))
                _add_article(chapters[-1], article)
            continue

        if not first_heading_seen:
            match = HISTORY.match(line)
            if not match:
                raise LawParseError(
                    number,
                    _("expected the history or 第一章/第一条: “%(text)s”") % {"text": line[:20]},
                )
            year, month, day = (int(g) for g in match.groups())
            try:
                when = date(year, month, day)
            except ValueError:
                raise LawParseError(
                    number, _("no such date: %(text)s") % {"text": line[:14]}
                ) from None
            history.append(HistoryEntry(when, line.lstrip("（(").rstrip("）)").strip()))
            continue

        following = lines[index + 1] if index + 1 < len(lines) else None
        if _unknown_heading(line, following):
            # "附　则" with no 第X章, a "#" line between articles: where it belongs is a
            # question for the editor, so it is left out with a warning, not guessed at.
            warnings.append(
                LawWarning(
                    number,
                    "unknown_heading",
                    _("“%(text)s” looks like a heading but is not 第X编/章/节/条; left out")
                    % {"text": line.lstrip("#").strip()[:20]},
                )
            )
            continue
        if article is None:
            raise LawParseError(
                number, _("text outside any article: “%(text)s”") % {"text": line[:20]}
            )
        item = ITEM.match(line)
        if item:
            value = _number(item.group(1), number)
            if value is None:
                raise LawParseError(
                    number, _("cannot read the number in “%(text)s”") % {"text": line[:20]}
                )
            article.parts.append(Part("item", value, line))
        else:
            paragraphs = sum(1 for p in article.parts if p.kind == "paragraph")
            article.parts.append(Part("paragraph", paragraphs + 1, line))

    if not title:
        raise LawParseError(1, _("the file is empty"))
    last_line = lines[-1].number if lines else 1
    if skipping_repeat:
        _check_repeat(chapters, article)
    articles = list(_all_articles(chapters))
    if not articles:
        raise LawParseError(last_line, _("no articles (第一条 …) found"))
    for art in articles:
        if not art.parts:
            raise LawParseError(
                art.line, _("article %(n)s has no text") % {"n": law_number(art.number)}
            )
    for chapter in chapters:
        if not chapter.articles and not any(s.articles for s in chapter.sections):
            raise LawParseError(
                chapter.line, _("chapter %(n)s has no articles") % {"n": law_number(chapter.number)}
            )
    _check_sizes(history, chapters, articles)
    return ParsedLaw(title=title, history=history, chapters=chapters, warnings=warnings)


def _unknown_heading(line: str, following: Line | None) -> bool:
    """A "#" line, or a short line with no sentence in it standing just above a heading or an
    article: a heading of a kind the parser does not know."""
    if line.startswith("#"):
        return True
    if ITEM.match(line) or len(line) > MAX_LOOSE_HEADING or re.search(r"[，。；：,;:！？]", line):
        return False
    return following is None or bool(HEADING.match(following.text))


def _check_repeat(chapters: list[Chapter], repeat: Article) -> None:
    """A repeated article is dropped only when it is the same words as the one stored."""
    stored = list(_all_articles(chapters))[-1]
    if SPACES.sub("", repeat.text) != SPACES.sub("", stored.text):
        raise LawParseError(
            repeat.line,
            _("第%(cn)s条 appears twice with different words: which is the law?")
            % {"cn": chinese_numeral(repeat.number)},
        )


def _number(text: str, line: int | None = None) -> int | None:
    """A heading's or item's number; None if it cannot be read. Given the line, a number no
    field could hold is refused there."""
    try:
        value = chinese_number(text)
    except ValueError:
        return None
    if value > MAX_NUMBER:
        if line is None:
            return None
        raise LawParseError(line, _("the number %(number)s is too large") % {"number": text[:20]})
    return value


def _check_sizes(history, chapters, articles) -> None:
    """What the library could not store is refused here, with its line, not by the database."""
    for owner in [*chapters, *(s for c in chapters for s in c.sections)]:
        if max(len(owner.title), len(getattr(owner, "part", ""))) > MAX_HEADING:
            raise LawParseError(
                owner.line,
                _("a chapter or section title is longer than %(count)d characters")
                % {"count": MAX_HEADING},
            )
    if len(history) > MAX_NUMBER:
        raise LawParseError(1, _("the amendment history is too long"))
    for art in articles:
        if len(art.parts) > MAX_NUMBER:
            raise LawParseError(
                art.line, _("article %(n)s is too long") % {"n": law_number(art.number)}
            )


def _all_articles(chapters):
    for chapter in chapters:
        yield from chapter.articles
        for section in chapter.sections:
            yield from section.articles


def read_law_file(name: str, content: bytes) -> ParsedLaw:
    """Parse an uploaded or local file by its extension: .docx, .pdf with a text layer, or
    UTF-8 text/Markdown."""
    if name.lower().endswith(".docx"):
        return parse_law(docx_text(content))
    if name.lower().endswith(".pdf"):
        return parse_law(pdf_text(content))
    return parse_law(decode_text(content))


def decode_text(content: bytes) -> str:
    """The text of a law file: UTF-8, UTF-16 with its mark, or GB18030."""
    try:
        return decode_text_file(content)
    except UndecodableText as exc:
        raise LawParseError(1, _("the file is neither UTF-8 nor GB18030 text")) from exc
