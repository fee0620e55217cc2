"""The detectors that read remarks on a government report (审议意见) and a deliberation speech
(审议发言): detector(rule, parts, genre, level, **context) -> findings, like those in
`detectors`. Some read what the caller knows beside the text (`CONTEXT` in the package):
`report`, the text of the report deliberated (None when there is none, and those rules stay
quiet), and `speech`, whether the text is given as a whole speech (None when not said).

The shipped rules (rule_defaults, genre "deliberation") also reuse the proposal detectors:
`concrete` for a suggestion with nothing to do, `words` for personal attacks."""

import re
from functools import lru_cache

from .. import reading
from ..reading import simplified
from .core import Finding, Rule, as_strings
from .text import make_finding, parts_read, quote_around, sentences, word_pattern

_PUNCTUATION = re.compile(r"[\W_]+")


def _sentences_of(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences(text)]


def _size(text: str) -> int:
    """Characters other than spaces: what a reader reads aloud (punctuation included)."""
    return len("".join(text.split()))


def is_formula(sentence: str, pattern: re.Pattern | None, filler: str, max_rest: int) -> bool:
    """Whether the sentence is made of the pattern's words and `filler` characters, with at
    most `max_rest` characters (punctuation aside) left over."""
    plain = simplified(sentence)
    rest = pattern.sub("", plain) if pattern else plain
    rest = _PUNCTUATION.sub("", rest)
    rest = "".join(ch for ch in rest if ch not in filler)
    return len(rest) <= max_rest


def detect_formula(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """Nothing but formula: every sentence of the text is made of the rule's words (同意,
    实事求是, 没有意见, 谢谢大家) and params["filler"] (的, 是, 很…), with at most
    params["max_rest"] (2) characters left over. An empty text says nothing either. One
    finding, quoting the first sentence and marking its formula words."""
    pattern = word_pattern(rule.words)
    filler = rule.params.get("filler", "")
    max_rest = rule.params.get("max_rest", 2)
    wanted = parts_read(rule, genre)
    said = [(part, s) for part in wanted for s in _sentences_of(parts[part])]
    if any(not is_formula(s, pattern, filler, max_rest) for _part, s in said):
        return []
    if not said:
        return [make_finding(rule, wanted[0] if wanted else "", "")]
    part, first = said[0]
    found = pattern.finditer(simplified(first)) if pattern else ()
    return [make_finding(rule, part, first, [first[m.start() : m.end()] for m in found])]


def detect_share(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """The rule's parts (the overall assessment) take more than params["max_share"] percent
    (50) of a text of params["min_length"] characters or more (200, under a minute spoken):
    praise crowds out the problems and suggestions. Quotes the part's first sentence."""
    max_share = rule.params.get("max_share", 50)
    min_length = rule.params.get("min_length", 200)
    total = sum(_size(text) for text in parts.values())
    if total < max(min_length, 1):
        return []
    wanted = parts_read(rule, genre)
    if 100 * sum(_size(parts[p]) for p in wanted) <= max_share * total:
        return []
    part = next(p for p in wanted if parts[p].strip())
    first = next(iter(_sentences_of(parts[part])), "")
    return [make_finding(rule, part, first)]


# A number as written in a report or a remark: 18, 1,200, 3.5 (not part of a longer number).
_NUMBER = re.compile(r"(?<![0-9.,])[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?![0-9])")
# A figure worth citing: a number with a unit or a percentage, not a year or a date.
_FIGURE = re.compile(
    r"(?<![0-9.,])([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)\s*"
    r"(?=%|％|‰|万|亿|元|公里|千米|米|平方米|立方米|亩|户|人|名|个|座|条|所|盏|吨|家|项|次|辆|台"
    r"|处|间|套|倍|小时|天|周|个月|公顷|床|张|笔|场|批|期|个百分点)"
)


def _numbers(text: str) -> set[str]:
    return {m.group().replace(",", "") for m in _NUMBER.finditer(simplified(text))}


@lru_cache(maxsize=8)
def report_facts(report: str, general: tuple[str, ...]) -> tuple[frozenset, frozenset]:
    """What a remark may cite from a report: its figures (the numbers with units, commas
    dropped), and its content words (nouns, names and places of two characters or more that
    are not among `general`, the words every report and remark share)."""
    plain = simplified(report)
    figures = frozenset(m.group(1).replace(",", "") for m in _FIGURE.finditer(plain))
    skip = set(general)
    content = frozenset(
        word.text
        for word in reading.words(report)
        if len(word.text) >= 2
        and (word.tag.startswith("n") or word.tag == "vn")
        and word.text not in skip
    )
    return figures, content


def _ties(sentence: str, figures: frozenset, content: frozenset) -> bool:
    plain = simplified(sentence)
    if _numbers(sentence) & figures:
        return True
    return any(word.text in content for word in reading.words(plain))


def detect_tied(
    rule: Rule, parts: dict[str, str], genre: str, level: str, *, report: str | None = None
) -> list[Finding]:
    """A problem tied to nothing in the report: a sentence of the rule's parts (the problems)
    that shares no figure and no content word (a noun, name or place; the rule's words are too
    general to count) with the report, nor does the sentence either side of it, which may
    hold its evidence. One finding a sentence. Quiet without a report."""
    if not report or not report.strip():
        return []
    figures, content = report_facts(report, rule.words)
    findings = []
    for part in parts_read(rule, genre, ("problems",)):
        said = _sentences_of(parts[part])
        tied = [_ties(s, figures, content) for s in said]
        for index, sentence in enumerate(said):
            if not any(tied[max(0, index - 1) : index + 2]):
                findings.append(make_finding(rule, part, sentence))
    return findings


def detect_figures(
    rule: Rule, parts: dict[str, str], genre: str, level: str, *, report: str | None = None
) -> list[Finding]:
    """The report gives figures (numbers with units) and the text cites none of them: no
    number of the report appears in it. One finding for the whole text, quoting nothing.
    Quiet without a report, or when the report has no figure."""
    if not report or not report.strip():
        return []
    figures, _content = report_facts(report, ())
    wanted = parts_read(rule, genre)
    text = "\n".join(parts[part] for part in wanted)
    if not figures or not text.strip() or _numbers(text) & figures:
        return []
    return [make_finding(rule, "", "")]


def detect_addressee(rule: Rule, parts: dict[str, str], genre: str, level: str) -> list[Finding]:
    """A question or suggestion put to nobody: the part has text and names no body that
    params["patterns"] recognise (镇财政所, 县交通运输局, 镇政府). Quotes the first sentence
    and marks the rule's words, the general words that name nobody (有关部门, 上级)."""
    bodies = [re.compile(p) for p in as_strings(rule.params.get("patterns"))]
    general = word_pattern(rule.words)
    findings = []
    for part in parts_read(rule, genre, ("questions", "suggestions")):
        text = parts[part]
        plain = simplified(text)
        if not plain.strip() or any(body.search(plain) for body in bodies):
            continue
        spans = [m.span() for m in general.finditer(plain)] if general else []
        first = spans[0] if spans else next(iter(sentences(text)), (0, len(text)))
        quote = quote_around(text, *first, window=30)
        findings.append(make_finding(rule, part, quote, [text[a:b] for a, b in spans]))
    return findings


def detect_length(
    rule: Rule, parts: dict[str, str], genre: str, level: str, *, speech: bool | None = None
) -> list[Finding]:
    """Spoken length far outside the usual: at params["chars_per_minute"] (250) characters a
    minute, longer than params["max_minutes"], or shorter than params["min_minutes"] when the
    text is given as a speech (`speech` True). A remark is short by nature, so without being
    told that the text is a speech the rule never calls it too short. "{minutes}" in the
    message becomes the estimate, to half a minute."""
    per_minute = max(rule.params.get("chars_per_minute", 250), 1)
    longest = rule.params.get("max_minutes")
    shortest = rule.params.get("min_minutes")
    total = sum(_size(parts[part]) for part in parts_read(rule, genre))
    too_long = longest is not None and total > longest * per_minute
    too_short = shortest is not None and speech is True and 0 < total < shortest * per_minute
    if not (too_long or too_short):
        return []
    shown = f"{max(round(total / per_minute * 2) / 2, 0.5):g}"
    finding = make_finding(rule, "", "")
    return [
        Finding(finding.rule, "", "", finding.message.replace("{minutes}", shown), finding.words)
    ]
