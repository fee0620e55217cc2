"""Moodle's GIFT format, as Moodle exports it and as teachers write it by hand, read and written
without losing what the bank can hold.

How GIFT maps onto our question types:
- `{=right ~wrong ~wrong}`: single choice. Without any `=`, options weighted `~%50%` make a
  multiple choice, positive weights marking the right options. Weights are kept, negative
  ones as penalties (`~%-50%`): the question scores the sum of the options chosen, never below
  nothing. `#text` after an answer is the feedback shown to whoever chose it.
- `{T}` `{F}` `{TRUE}` `{FALSE}`: true or false; `{T#on a wrong answer#on a right answer}`.
- `{=answer =%50%nearly =%0%*}`: Moodle's short answer, which is our fill in the blank, each
  answer with its credit and feedback; `*` stands for any characters.
- `{}`: Moodle's essay, which is our short answer. Its reference answer, which GIFT has no
  place for, is our note `// [reference:text]` (an editor adds it where the file has none).
- Answers in the middle of the text (Moodle's "missing word") leave the blank "____" where they
  stood; a run of underscores in the text becomes the same blank.
- `::title::` is kept; `// comment` lines are dropped, but Moodle's `[tag:name]` in them
  becomes a tag, and our `[difficulty:hard]` and `[article:代表法 14]` (which Moodle passes
  over) the difficulty and an article tested (in a note's text `\\]` is `]`, `\\n` a new line
  and `\\\\` a backslash); `$CATEGORY: a/b` files the questions after it
  (Moodle's `$course$/top/` is dropped); `####text` (general feedback) is the explanation.
  `[html]` texts become plain text with their line breaks and links (`markup.html_to_text`);
  `[plain]`, `[moodle]` and `[markdown]` are taken as they are written, without the marker.
  `\\~ \\= \\# \\{ \\} \\: \\\\` are literal characters, `\\n` a new line.
Matching (`->`), numerical (`{#…}`) and descriptions (no answers) have no counterpart here:
they are reported with their line and title, and skipped.

`write_gift` writes questions back so that reading them again gives the same questions.
The markup stays ASCII, as Moodle reads it: ～ and ＝ are ordinary characters in Chinese prose.
"""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from . import ParsedQuestion, ParseReport
from .fields import category_path
from .markup import html_to_text

BLANK = "____"
ESCAPE = re.compile(r"\\([\\~=#{}:n])")
# Escaped characters stand aside as private-use characters while the markup is read.
PROTECTED = dict(zip("\\~=#{}:", "\ue000\ue001\ue002\ue003\ue004\ue005\ue006", strict=True))
RESTORE = str.maketrans({hidden: char for char, hidden in PROTECTED.items()})
CATEGORY = re.compile(r"^\$CATEGORY\s*[:：]\s*(.*)$", re.IGNORECASE)
# Notes in comments: Moodle's [tag:name], and ours for what GIFT has no place for, which
# Moodle passes over: [difficulty:hard], [article:代表法 14], [reference:a short answer's
# reference answer]. A note's text may hold \] \n and \\.
NOTE = re.compile(r"\[(tag|difficulty|article|scoring|reference):((?:\\.|[^\]\\])+)\]")
NOTE_ESCAPE = re.compile(r"\\([\\\]n])")
# Our note on a multiple choice that had no weights of its own: the weights written are only
# how it scored, and reading it back restores its scoring rather than keeping them.
SCORING = {"all-or-nothing": False, "partial": True}
TITLE = re.compile(r"^\s*::(.*?)::", re.DOTALL)
FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
TRUE_FALSE = re.compile(r"^(T|TRUE|F|FALSE)\s*(#.*)?$", re.IGNORECASE | re.DOTALL)
ANSWER = re.compile(r"([=~])([^=~]*)")
WEIGHT = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
UNDERSCORES = re.compile(r"(?<![A-Za-z0-9])[_＿]+(?![A-Za-z0-9])")
HUNDRED = Decimal(100)
# Weights as Moodle keeps them (33.33333 for a third), and as Option.weight stores them.
PLACES = Decimal("0.00001")


def parse_gift(text: str) -> ParseReport:
    report = ParseReport(unit="line")
    category = ""
    for lines, notes in _blocks(text):
        match = CATEGORY.match(lines[0][1].strip())
        if match:
            category = _moodle_category(match[1])
            lines = lines[1:]
            if not lines:
                continue
        body = "\n".join(line for _number, line in lines)
        _read_question(report, lines[0][0], body, category=category, notes=notes)
    return report


def _blocks(text: str):
    """Each question's lines, numbered, with the notes (kind, value) its comments hold. Blank
    lines divide questions; comment lines are not part of them."""
    block, notes = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            notes += [(kind, _note_text(value)) for kind, value in NOTE.findall(stripped)]
        elif stripped:
            block.append((number, line))
        else:
            if block:
                yield block, notes
            block, notes = [], []
    if block:
        yield block, notes


def _note_text(value: str) -> str:
    return NOTE_ESCAPE.sub(lambda m: "\n" if m[1] == "n" else m[1], value).strip()


def _moodle_category(path: str) -> str:
    parts = category_path(re.sub(r"^\$\w+\$/", "", path.strip())).split("/")
    if parts and parts[0].lower() == "top":
        parts = parts[1:]
    return "/".join(parts)


def _read_question(report: ParseReport, line: int, text: str, *, category: str, notes: list):
    text = ESCAPE.sub(_protect, text)
    title = TITLE.match(text)
    if title:
        text = text[title.end() :]
    title = title[1].translate(RESTORE).strip() if title else ""
    markup = FORMAT.match(text)
    text_format = "html" if markup and markup[1].lower() == "html" else "plain"
    if markup:
        text = text[markup.end() :]
    start = text.find("{")
    end = text.find("}", start)
    if start < 0:
        return report.skip(
            line, _("no answers in { }: descriptions are not supported"), title=title
        )
    if end < 0:
        return report.skip(line, _("the answers have no closing }"), title=title)
    body, after = text[start + 1 : end], text[end + 1 :]
    if "{" in body or "{" in after or "}" in after:
        return report.skip(
            line,
            _("more than one pair of { }: write a brace in the text as \\{ or \\}"),
            title=title,
        )
    # Answers before the end of the sentence stand where the blank is ("missing word").
    stem = text[:start] + (BLANK if after.strip() else "") + after
    answers, _sep, feedback = body.partition("####")
    question = ParsedQuestion(
        type="",
        stem=UNDERSCORES.sub(BLANK, _clean(stem, text_format, own_format=False)),
        explanation=_clean(feedback, text_format),
        category=category,
        line=line,
        title=title,
    )
    reason = _read_notes(question, notes) or _read_answers(question, answers.strip(), text_format)
    scoring = [SCORING[value] for kind, value in notes if kind == "scoring" and value in SCORING]
    if not reason and scoring and question.type == "multiple":
        question.partial_credit, question.weights = scoring[-1], []
    references = [value for kind, value in notes if kind == "reference"]
    if not reason and references and question.type == "short":
        question.answer = references[-1]
    if reason:
        report.skip(line, reason, title=title)
    else:
        report.add(question)


def _read_notes(question: ParsedQuestion, notes: list[tuple[str, str]]) -> str | None:
    """Tags, difficulty and articles from the comments above the question; or say which
    article cannot be read."""
    question.tags = list(dict.fromkeys(value for kind, value in notes if kind == "tag"))
    for kind, value in notes:
        if kind == "difficulty":
            question.difficulty = value.lower()
        elif kind == "article":
            law, _space, number = value.rpartition(" ")
            if not (law.strip() and number.isdigit()):
                return _("cannot read the article “%(text)s”: write [article:law number]") % {
                    "text": value
                }
            question.articles.append((law.strip(), int(number)))
    return None


def _read_answers(question: ParsedQuestion, body: str, text_format: str) -> str | None:
    """Fill in the question's type and answers from the text between the braces; or say why
    they cannot be read."""
    if not body:
        question.type, question.answer = "short", ""
        return None
    if body.startswith("#"):
        return _("numerical questions are not supported")
    if "->" in body:
        return _("matching questions are not supported")
    truth = TRUE_FALSE.match(body)
    if truth:
        question.type, question.answer = "truefalse", truth[1].upper().startswith("T")
        # Moodle's order: the feedback on a wrong answer, then on a right one.
        wrong, right = ([*body.split("#", 2)[1:], "", ""])[:2]
        on_answer = [_clean(right, text_format), _clean(wrong, text_format)]
        if any(on_answer):
            question.feedback = on_answer if question.answer else on_answer[::-1]
        return None
    first = ANSWER.search(body)
    if first is None or body[: first.start()].strip():
        return _("cannot read the answers “%(text)s”: start each with = or ~") % {
            "text": _clean(body, text_format)
        }
    answers = []
    for marker, rest in ANSWER.findall(body[first.start() :]):
        weight = WEIGHT.match(rest)
        text, _sep, feedback = (rest[weight.end() :] if weight else rest).partition("#")
        answers.append(
            (
                marker,
                Decimal(weight[1]).quantize(PLACES) if weight else None,
                _clean(text, text_format),
                _clean(feedback, text_format),
            )
        )
    markers = [marker for marker, *_rest in answers]
    weights = [weight for _marker, weight, *_rest in answers]
    feedback = [feedback for *_rest, feedback in answers]
    question.weights = weights if any(weight is not None for weight in weights) else []
    question.feedback = feedback if any(feedback) else []
    texts = [text for _marker, _weight, text, _feedback in answers]
    if all(marker == "=" for marker in markers):
        question.type, question.accepted = "blank", texts
        return None
    # As Moodle reads it: an answer marked = makes a question with one answer to choose, the
    # right one being the one with all the points; without =, every option with points is right.
    single = "=" in markers
    question.type = "single" if single else "multiple"
    question.partial_credit = not single
    question.options = [
        (text, _is_right(marker, weight, single=single))
        for marker, weight, text, _feedback in answers
    ]
    return None


def _is_right(marker: str, weight: Decimal | None, *, single: bool) -> bool:
    if weight is None:
        return marker == "="
    return weight >= HUNDRED if single else weight > 0


def _protect(match: re.Match) -> str:
    return "\n" if match[1] == "n" else PROTECTED[match[1]]


def _clean(text: str, default_format: str, *, own_format: bool = True) -> str:
    """The text without its markup: an answer or a feedback may name its own format, else it
    has the question's."""
    markup = FORMAT.match(text) if own_format else None
    if markup:
        text = text[markup.end() :]
    if (markup[1].lower() if markup else default_format) == "html":
        text = html_to_text(text)
    return text.translate(RESTORE).strip()


def write_gift(questions: list[ParsedQuestion]) -> str:
    """The questions as GIFT, each with its title, tags, difficulty, articles, category, weights
    and feedback: `parse_gift` reads back the same questions. A multiple choice without
    weights gets the ones that score it as it scored (each right option an equal share; each
    wrong one as much off, or, without partial credit, all); a short answer's reference answer
    goes in a note of its own."""
    blocks, category = [], ""
    for question in questions:
        lines = []
        if question.category != category:
            category = question.category
            lines.append(f"$CATEGORY: $course$/top/{category}".rstrip("/"))
        notes = _notes(question)
        if notes:
            lines.append("// " + " ".join(f"[{kind}:{_note(value)}]" for kind, value in notes))
        if question.type == "short" and question.answer:
            # On a line of its own: it is as long as an answer.
            lines.append(f"// [reference:{_note(question.answer)}]")
        title = f"::{_escape(question.title)}::" if question.title else ""
        answers = ANSWER_WRITERS[question.type](question)
        if question.explanation:
            answers += "####" + _text(question.explanation)
        lines.append(f"{title}{_text(question.stem)}{{{answers}}}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _notes(question: ParsedQuestion) -> list[tuple[str, str]]:
    notes = [("tag", tag) for tag in question.tags]
    if question.difficulty != "medium":
        notes.append(("difficulty", question.difficulty))
    if question.type == "multiple" and not question.weights:
        notes.append(("scoring", "partial" if question.partial_credit else "all-or-nothing"))
    return notes + [("article", f"{law} {number}") for law, number in question.articles]


def _note(text: str) -> str:
    return text.replace("\\", "\\\\").replace("]", "\\]").replace("\r\n", "\n").replace("\n", "\\n")


def _choices(question: ParsedQuestion) -> str:
    weights = question.weights or _weights_as_scored(question)
    single = question.type == "single"
    written = []
    for (text, right), weight, feedback in zip(
        question.options, weights, _padded(question.feedback, question.options), strict=True
    ):
        marker = "=" if single and right else "~"
        written.append(f"{marker}{_weight(weight)}{_text(text)}{_feedback(feedback)}")
    return " ".join(written)


def _weights_as_scored(question: ParsedQuestion) -> list[Decimal | None]:
    if question.type == "single":
        return [None] * len(question.options)
    right = sum(1 for _text, is_right in question.options if is_right)
    share = (HUNDRED / max(right, 1)).quantize(PLACES)
    penalty = -share if question.partial_credit else -HUNDRED
    return [share if is_right else penalty for _text, is_right in question.options]


def _blanks(question: ParsedQuestion) -> str:
    return " ".join(
        f"={_weight(weight)}{_text(text)}{_feedback(feedback)}"
        for text, weight, feedback in zip(
            question.accepted,
            _padded(question.weights, question.accepted, None),
            _padded(question.feedback, question.accepted),
            strict=True,
        )
    )


def _truth(question: ParsedQuestion) -> str:
    on_true, on_false = _padded(question.feedback, [True, False])
    right, wrong = (on_true, on_false) if question.answer else (on_false, on_true)
    feedback = [wrong, right] if right else [wrong] if wrong else []
    truth = "TRUE" if question.answer else "FALSE"
    return truth + "".join(f"#{_text(text)}" for text in feedback)


ANSWER_WRITERS = {
    "single": _choices,
    "multiple": _choices,
    "truefalse": _truth,
    "blank": _blanks,
    "short": lambda question: "",
}


def _padded(values: list, like: list, empty=""):
    return values + [empty] * (len(like) - len(values))


def _weight(weight: Decimal | None) -> str:
    return "" if weight is None else f"%{format(weight.normalize(), 'f')}%"


def _feedback(text: str) -> str:
    return f"#{_text(text)}" if text else ""


def _text(text: str) -> str:
    """A question's, answer's or feedback's text as GIFT writes it: one that starts like a
    format marker gets [plain] before it, so that the marker is read as text."""
    return _escape(f"[plain]{text}" if FORMAT.match(text) else text)


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\")
    for char in "~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")
