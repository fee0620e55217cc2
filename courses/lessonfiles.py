"""Courses written as Markdown files, read into the pages and blocks the course list is made of.

A course is a folder named by the course's URL name (slug). Its `course.md` holds the course's
fields, its title and its summary; each other `NN-slug.md` is a lesson, in the order of NN, the
rest of its name being the lesson's URL name. Each file starts with TOML between `+++` lines
(`required = true`, `minutes = 12`, ...), then the title as a `# ` heading. In a course the
paragraph after it is the summary; in a lesson, what follows is the body: Markdown (paragraphs,
lists, bold) for the lesson's text, a line of `---` between two text blocks, and a fenced block
for each of its other blocks:

    ```callout tip            a callout: key, tip or warning; its text is Markdown
    ```article daibiaofa 2    an article quoted: the law's URL name and the article's number;
                              its text is the note (plain text)
    ```quiz 选举法小测         a quiz, by its title; its text is the introduction
    ```exercise 村道被……       a writing exercise, by its title; its text is the introduction
    ```changes daibiaofa 2015-08-29 2025-03-11 7 51
                              what an amendment changed: the law's URL name, the older and
                              the newer version's effective dates, then the newer version's
                              numbers of the articles whose moves to show (none, or any
                              number of them); its text is the introduction (plain text)

The texts of the laws the lessons follow may be declared in `course.md`, for every lesson of
the course, or in a lesson file, for that lesson: a `[basis]` table naming each law by its URL
name with the date of the amendment whose text the lessons were written against
(`daibiaofa = 2025-03-11`). A lesson follows, of the laws it cites in article blocks, the texts
so declared (the lesson's declaration first), and those a lesson declares itself; a cited law
declared nowhere follows the text in force when the lesson is stored (courses.models.basis).

A paragraph is one line: a line break inside one would show as a space between Chinese
characters. Markdown is read by markdown-it-py (CommonMark, the same rules as the editors'
usual Markdown tools), and the front matter by the standard library's TOML reader.

`read_course` reads a folder into a course's fields and its lessons, each with its blocks as
`courses.demo.seed_course` stores them (it looks up the laws, quizzes and exercises named).
"""

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from markdown_it import MarkdownIt

FRONT_MATTER = re.compile(r"\A\+\+\+\n(.*?)\n\+\+\+\n", re.DOTALL)
LESSON_FILE = re.compile(r"^(?P<number>\d+)-(?P<slug>[a-z0-9-]+)\.md$")
CALLOUT_KINDS = ("key", "tip", "warning")
# What the course page takes from course.md's front matter, and its default.
COURSE_FIELDS = {
    "required": False,
    "due_in_days": None,
    "for_county_deputies": True,
    "for_township_deputies": True,
}
# The texts followed: {law slug: date of the amendment}, in course.md or in a lesson file.
BASIS = "basis"

markdown = MarkdownIt("commonmark")


class LessonFileError(ValueError):
    """A course or lesson file that cannot be read; the message names the file."""


@dataclass
class Lesson:
    slug: str
    title: str
    minutes: int
    # ("text", html), ("callout", kind, html), ("article", law slug, number, note),
    # ("quiz", quiz title, intro), ("exercise", exercise title, intro) or
    # ("changes", law slug, old date, new date, [article numbers], intro)
    blocks: list[tuple]
    # The texts the lesson follows: {law slug: date of the amendment}.
    basis: dict[str, date] = field(default_factory=dict)


def read_course(folder: Path) -> tuple[dict, list[Lesson]]:
    """The course's page fields (slug, title, summary and COURSE_FIELDS) and its lessons."""
    fields, tokens = _read(folder / "course.md", allowed={**COURSE_FIELDS, BASIS: None})
    declared = _basis(folder / "course.md", fields)
    title, rest = _title(folder / "course.md", tokens)
    summary = "".join(t.content for t in rest if t.type == "inline")
    course = {"slug": folder.name, "title": title, "summary": summary}
    course.update({name: fields.get(name, default) for name, default in COURSE_FIELDS.items()})
    files = []
    for path in folder.glob("*.md"):
        name = LESSON_FILE.match(path.name)
        if name is None and path.name != "course.md":
            raise LessonFileError(f"{path.name}: a lesson file is named NN-slug.md")
        if name is not None:
            files.append((int(name["number"]), path, name["slug"]))
    lessons = [
        read_lesson(path, slug=slug, course_basis=declared) for _number, path, slug in sorted(files)
    ]
    return course, lessons


def read_lesson(path: Path, *, slug: str, course_basis: dict | None = None) -> Lesson:
    fields, tokens = _read(path, allowed={"minutes": None, BASIS: None})
    if not isinstance(fields.get("minutes"), int):
        raise LessonFileError(f"{path.name}: the front matter needs minutes = <number>")
    title, rest = _title(path, tokens)
    blocks = _blocks(path, rest)
    own = _basis(path, fields)
    cited = [block[1] for block in blocks if block[0] == "article"]
    declared = {**(course_basis or {}), **own}
    basis = {law: declared[law] for law in dict.fromkeys([*cited, *own]) if law in declared}
    return Lesson(slug=slug, title=title, minutes=fields["minutes"], blocks=blocks, basis=basis)


def _basis(path: Path, fields: dict) -> dict[str, date]:
    """The [basis] table: each law's URL name with the date of the text followed."""
    table = fields.get(BASIS, {})
    if not isinstance(table, dict) or not all(
        type(day) is date and re.fullmatch(r"[\w-]+", law) for law, day in table.items()
    ):
        raise LessonFileError(
            f"{path.name}: write the basis as a [basis] table of dates by the law's URL name, "
            "for example daibiaofa = 2025-03-11"
        )
    return dict(table)


def _read(path: Path, *, allowed: dict) -> tuple[dict, list]:
    text = path.read_text(encoding="utf-8")
    front = FRONT_MATTER.match(text)
    if front is None:
        raise LessonFileError(f"{path.name}: no front matter between +++ lines")
    try:
        fields = tomllib.loads(front[1])
    except tomllib.TOMLDecodeError as exc:
        raise LessonFileError(f"{path.name}: {exc}") from exc
    unknown = set(fields) - set(allowed)
    if unknown:
        raise LessonFileError(f"{path.name}: unknown fields {', '.join(sorted(unknown))}")
    return fields, _body(text, front)


def _title(path: Path, tokens: list) -> tuple[str, list]:
    if len(tokens) < 3 or tokens[0].tag != "h1" or tokens[0].type != "heading_open":
        raise LessonFileError(f"{path.name}: the title comes first, as a # heading")
    return tokens[1].content.strip(), tokens[3:]


def _blocks(path: Path, tokens: list) -> list[tuple]:
    """The lesson's blocks: each run of Markdown between fenced blocks is one text block, and
    a line of --- (a thematic break) divides two text blocks."""
    blocks, run = [], []
    for token in [*tokens, None]:
        if token is not None and token.type not in ("fence", "hr"):
            run.append(token)
            continue
        if run:
            blocks.append(("text", _html(run)))
            run = []
        if token is not None and token.type == "fence":
            blocks.append(_fenced(path, token))
    return blocks


def _fenced(path: Path, token) -> tuple:
    kind, _space, argument = token.info.strip().partition(" ")
    text = token.content.strip()
    if kind == "callout" and argument in CALLOUT_KINDS:
        return ("callout", argument, _html(markdown.parse(text)))
    if kind == "article":
        law, _space, number = argument.strip().partition(" ")
        if law and number.isdigit():
            return ("article", law, int(number), text)
    if kind in ("quiz", "exercise") and argument.strip():
        return (kind, argument.strip(), text)
    if kind == "changes" and (changes := _changes(argument.split(), text)):
        return changes
    raise LessonFileError(
        f"{path.name} line {token.map[0] + 1}: cannot read the block “{token.info.strip()}”: "
        "write callout key|tip|warning, article <law> <number>, quiz <title>, "
        "exercise <title> or changes <law> <old date> <new date> [<number> ...]"
    )


def _changes(words: list[str], text: str) -> tuple | None:
    """A changes block's arguments (law, two dates, the newer version's article numbers), or
    None if they are not that."""
    if len(words) < 3 or not all(word.isdigit() for word in words[3:]):
        return None
    try:
        old, new = date.fromisoformat(words[1]), date.fromisoformat(words[2])
    except ValueError:
        return None
    if old >= new:
        return None
    return ("changes", words[0], old, new, [int(word) for word in words[3:]], text)


def _html(tokens: list) -> str:
    """The tokens as HTML the way the rich text editor stores it: no line breaks between
    elements."""
    html = markdown.renderer.render(tokens, markdown.options, {})
    return re.sub(r">\n+<", "><", html).strip()


def _body(text: str, front: re.Match) -> list:
    """The Markdown after the front matter, parsed; blank lines stand for the front matter, so
    that the tokens' line numbers are the file's."""
    return markdown.parse("\n" * front[0].count("\n") + text[front.end() :])
