"""A law's study notes written as a Markdown file, read into the law page's fields and its notes.

The file is named by the law's URL name (`xuanjufa.md`). It starts with TOML between `+++`
lines (`short_name = "选举法"`, and `follows = 2020-10-17`: the date of the amendment, or of
the adoption, whose text the notes explain), then the law's full title as a `# ` heading (as
the official text is titled, so that importing the text later finds the page), the summary as
the paragraph below, and a `## ` heading for each note: the article as a law writes it and the
note's heading (`## 第三条　县乡代表由选民直选`), the note's text in the paragraphs after it.
Notes are plain text: the paragraphs are taken as written, one line each.

Markdown is read by markdown-it-py (CommonMark), the front matter by the standard library's
TOML reader.
"""

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from markdown_it import MarkdownIt

from .lawlines import NUMERAL, chinese_number

FRONT_MATTER = re.compile(r"\A\+\+\+\n(.*?)\n\+\+\+\n", re.DOTALL)
NOTE_HEADING = re.compile(rf"^第(?P<number>[\d{NUMERAL}]+)条\s*(?P<heading>.+)$")

markdown = MarkdownIt("commonmark")


class NoteFileError(ValueError):
    """A study-notes file that cannot be read; the message names the file and the line."""


@dataclass
class StudyLaw:
    slug: str
    title: str
    short_name: str
    summary: str
    # The date of the amendment (or adoption) whose text the notes explain.
    follows: date | None = None
    # (article number, heading, text), in the file's order
    notes: list[tuple[int, str, str]] = field(default_factory=list)


def read_notes_file(path: Path) -> StudyLaw:
    text = path.read_text(encoding="utf-8")
    front = FRONT_MATTER.match(text)
    if front is None:
        raise NoteFileError(f"{path.name}: no front matter between +++ lines")
    try:
        fields = tomllib.loads(front[1])
    except tomllib.TOMLDecodeError as exc:
        raise NoteFileError(f"{path.name}: {exc}") from exc
    if "short_name" not in fields or set(fields) - {"short_name", "follows"}:
        raise NoteFileError(
            f"{path.name}: the front matter holds short_name and follows (a date), and only them"
        )
    follows = fields.get("follows")
    if follows is not None and type(follows) is not date:
        raise NoteFileError(f"{path.name}: write follows as a date, for example 2020-10-17")
    tokens = _body(text, front)
    if len(tokens) < 3 or tokens[0].type != "heading_open" or tokens[0].tag != "h1":
        raise NoteFileError(f"{path.name}: the law's title comes first, as a # heading")
    law = StudyLaw(
        slug=path.stem,
        title=tokens[1].content.strip(),
        short_name=fields["short_name"],
        summary="",
        follows=follows,
    )
    paragraphs: list[str] = []  # of the summary, then of each note in turn
    for position, token in enumerate(tokens[3:], start=3):
        if token.type == "heading_open" and token.tag == "h2":
            _close(law, paragraphs)
            inline = tokens[position + 1]
            heading = NOTE_HEADING.match(inline.content.strip())
            if heading is None:
                raise NoteFileError(
                    f"{path.name} line {token.map[0] + 1}: write a note's heading as "
                    "## 第三条　heading"
                )
            law.notes.append((chinese_number(heading["number"]), heading["heading"].strip(), ""))
        elif token.type == "inline" and tokens[position - 1].type == "paragraph_open":
            paragraphs.append(token.content.strip())
    _close(law, paragraphs)
    return law


def _close(law: StudyLaw, paragraphs: list[str]) -> None:
    """Give the paragraphs read so far to the last note, or to the summary before any note."""
    text = "\n\n".join(paragraphs)
    if law.notes:
        number, heading, _text = law.notes[-1]
        law.notes[-1] = (number, heading, text)
    else:
        law.summary = text
    paragraphs.clear()


def _body(text: str, front: re.Match) -> list:
    """The Markdown after the front matter, parsed; blank lines stand for the front matter, so
    that the tokens' line numbers are the file's."""
    return markdown.parse("\n" * front[0].count("\n") + text[front.end() :])
