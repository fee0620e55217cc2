"""What reading a law text gives (`lawtext.parse_law`): a `ParsedLaw` with its amendment
history, its chapters, sections and articles, each article's paragraphs (款) and items (项),
and the warnings about what may be damage rather than law."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Part:
    """One paragraph (款) of an article, or one item (项) of the paragraph before it."""

    kind: str  # "paragraph" or "item"
    number: int  # 款 counted within the article; 项 as numbered in the text
    text: str


@dataclass
class Article:
    number: int
    parts: list[Part] = field(default_factory=list)
    line: int = 0  # where it starts in the file, for error messages; not part of the law

    @property
    def text(self) -> str:
        return "\n".join(part.text for part in self.parts)


@dataclass
class Section:
    number: int
    title: str
    articles: list[Article] = field(default_factory=list)
    line: int = 0


@dataclass
class Chapter:
    number: int
    title: str
    sections: list[Section] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)  # those not in a section
    line: int = 0
    part: str = ""  # "第一编　总则", where a code groups its chapters in 编 (and 分编)


@dataclass
class HistoryEntry:
    date: date
    text: str


@dataclass
class LawWarning:
    """Something in a text that may be damage rather than law: the import preview shows it and
    the editor must confirm before such a text is stored. `code` is stable for tests and
    filters ("numbering_gap", "numbering_repeat", ...); `message` is for people."""

    line: int
    code: str
    message: str


@dataclass
class ParsedLaw:
    title: str
    history: list[HistoryEntry]
    chapters: list[Chapter]
    warnings: list[LawWarning] = field(default_factory=list)

    @property
    def articles(self) -> list[Article]:
        found = []
        for chapter in self.chapters:
            found.extend(chapter.articles)
            for section in chapter.sections:
                found.extend(section.articles)
        return sorted(found, key=lambda a: a.number)

    @property
    def section_count(self) -> int:
        return sum(len(chapter.sections) for chapter in self.chapters)

    @property
    def latest_date(self) -> date | None:
        return max((entry.date for entry in self.history), default=None)

    def fingerprint(self) -> str:
        """A hash of the structure and words, blind to layout: the same text gives the same
        fingerprint, however it was spaced or which file format it came in."""

        def words(articles):
            return [[a.number, [[p.kind, p.number, p.text] for p in a.parts]] for a in articles]

        structure = [
            [c.number, c.title, words(c.articles), [[s.number, s.title, words(s.articles)]
                                                    for s in c.sections]]
            + ([c.part] if c.part else [])  # as before 编 were read, for the laws without
            for c in self.chapters
        ]  # fmt: skip
        payload = json.dumps([self.title, structure], ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()
