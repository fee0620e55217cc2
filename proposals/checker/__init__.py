"""The proposal checker: reads a practice 建议 (suggestion) or 议案 (motion) the way the township
presidium or the county congress staff would, and says what they would send back.

Each finding names its rule, quotes the words it concerns (an exact substring of the part, so the
page can highlight it), marks the words that made it, says how to fix them and cites the law or
the accepted practice behind the rule. Each criterion scores 100 less the weights of its
findings; a draft passes when no finding is an error.

The rules are data, not code: a `Rule` (seeded from `rule_defaults.DEFAULT_RULES`, edited as
CheckRule rows) carries its wording, word list and settings, and its `kind` picks the detector
in `DETECTORS` that runs it. An editor adds a rule of an existing kind with its own words;
a new kind needs a detector. The checker is deterministic, with no model: it reads Chinese
word by word with jieba's dictionary and parts of speech (`proposals.reading`), and the same
draft always gets the same report, in a few milliseconds.

The same engine checks remarks on a government report and deliberation speeches (genre
"deliberation", rules of their own): `speech` sorts such a text into its parts, and
`deliberation` holds the detectors only they use. An inspection's plan and its report
(genres "visit_plan" and "visit_report", app `inspections`) are checked by rules of their own,
mostly of the existing kinds; `inspection` holds the one detector only the plan uses.

The package: `core` (parts, criteria, Rule, Finding, Report), `text` (sentences and quotes),
`detectors` (the prose), `signers` (a motion's joint signers), `deliberation` and `speech`
(remarks on a report); here, the detectors by kind, the check of a rule as an editor saved
it, and the check of a draft.
"""

import re
from collections.abc import Callable, Collection, Mapping, Sequence

from django.utils.translation import gettext

from .core import (
    ALL_PARTS,
    GENRE_LABELS,
    GENRES,
    LEVELS,
    PART_LABELS,
    PARTS,
    PROPOSAL_GENRES,
    SEVERITIES,
    Criterion,
    Finding,
    Report,
    Rule,
    criterion_labels,
)
from .deliberation import (
    detect_addressee,
    detect_figures,
    detect_formula,
    detect_length,
    detect_share,
    detect_tied,
)
from .detectors import (
    detect_advert,
    detect_evidence,
    detect_handler,
    detect_kind,
    detect_missing,
    detect_pattern,
    detect_powers,
    detect_prose,
    detect_topics,
    detect_vague_measures,
    detect_words,
    topic_table,
)
from .inspection import detect_lines
from .signers import detect_cosigners, detect_duplicates, detect_roster, signer_names
from .text import sentences

__all__ = [
    "ALL_PARTS",
    "DETECTORS",
    "GENRES",
    "GENRE_LABELS",
    "LEVELS",
    "PARAMS",
    "PARTS",
    "PART_LABELS",
    "PROPOSAL_GENRES",
    "SEVERITIES",
    "Criterion",
    "Finding",
    "Report",
    "Rule",
    "check",
    "criterion_labels",
    "rule_problems",
    "sentences",
    "signer_names",
]

Detector = Callable[[Rule, dict[str, str], str, str], list[Finding]]
DETECTORS: dict[str, Detector] = {
    "missing": detect_missing,
    "words": detect_words,
    "topics": detect_topics,
    "concrete": detect_vague_measures,
    "cosigners": detect_cosigners,
    "duplicates": detect_duplicates,
    "pattern": detect_pattern,
    "evidence": detect_evidence,
    "handler": detect_handler,
    "kind": detect_kind,
    "advert": detect_advert,
    "prose": detect_prose,
    "powers": detect_powers,
    "roster": detect_roster,
    # Remarks on a report and deliberation speeches (`deliberation`).
    "formula": detect_formula,
    "share": detect_share,
    "tied": detect_tied,
    "figures": detect_figures,
    "addressee": detect_addressee,
    "length": detect_length,
    # An inspection's plan (`inspection`): its questions line by line.
    "lines": detect_lines,
}
# What a detector reads beside the text, by kind: facts the caller of `check` may know.
CONTEXT: dict[str, tuple[str, ...]] = {
    "roster": ("roster",),
    "tied": ("report",),
    "figures": ("report",),
    "length": ("speech",),
}


# Checking a rule as an editor saved it: the admin form shows these problems, and `check`
# leaves out a rule that has any, so a slip in the admin never breaks a deputy's page.


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10_000


def _is_regex(value) -> bool:
    try:
        re.compile(value)
    except (re.error, TypeError):
        return False
    return isinstance(value, str)


def _is_list(check: Callable) -> Callable:
    return lambda value: isinstance(value, list | tuple) and all(map(check, value))


def _is_map(keys: Sequence[str], check: Callable) -> Callable:
    return lambda value: (
        isinstance(value, dict) and all(key in keys and check(item) for key, item in value.items())
    )


# The settings (Rule.params) each kind reads, all optional, and the test of each value:
# missing     min_length: a count, or {part: count}
# words       patterns: [regex], except: [phrase], window: a count of characters
# topics      title_split: regex, body_min_hits: count, body_min_topics: count
# concrete    actions: [word], quantity: regex, time: regex
# cosigners   township: count, county: count
# pattern     patterns: {genre: regex}
# prose       min_share: percent of letters that are Chinese, markup_min: count
# powers      township: [word], county: [word]
# evidence, handler, kind, advert: no settings
# roster      none: the names come from the caller of `check`
# formula     filler: characters that say nothing, max_rest: count
# share       max_share: percent, min_length: count
# tied, figures: none (the report comes from the caller of `check`)
# addressee   patterns: [regex] naming a body
# length      chars_per_minute, min_minutes, max_minutes: counts
# lines       flag: regex, unless: regex, need: [regex]
PARAMS: dict[str, dict[str, Callable]] = {
    "missing": {"min_length": lambda v: _is_count(v) or _is_map(ALL_PARTS, _is_count)(v)},
    "words": {
        "patterns": _is_list(_is_regex),
        "except": _is_list(lambda v: isinstance(v, str)),
        "window": _is_count,
    },
    "topics": {"title_split": _is_regex, "body_min_hits": _is_count, "body_min_topics": _is_count},
    "concrete": {
        "actions": _is_list(lambda v: isinstance(v, str)),
        "quantity": _is_regex,
        "time": _is_regex,
    },
    "cosigners": dict.fromkeys(LEVELS, _is_count),
    "duplicates": {},
    "pattern": {"patterns": _is_map(GENRES, _is_regex)},
    "evidence": {},
    "handler": {},
    "kind": {},
    "advert": {},
    "prose": {"min_share": _is_count, "markup_min": _is_count},
    "powers": dict.fromkeys(LEVELS, _is_list(lambda v: isinstance(v, str))),
    "roster": {},
    "formula": {"filler": lambda v: isinstance(v, str), "max_rest": _is_count},
    "share": {"max_share": lambda v: _is_count(v) and v <= 100, "min_length": _is_count},
    "tied": {},
    "figures": {},
    "addressee": {"patterns": _is_list(_is_regex)},
    "length": {
        "chars_per_minute": lambda v: _is_count(v) and v > 0,
        "min_minutes": _is_count,
        "max_minutes": _is_count,
    },
    "lines": {"flag": _is_regex, "unless": _is_regex, "need": _is_list(_is_regex)},
}


def rule_problems(rule: Rule) -> list[str]:
    """What keeps a rule from running, in words an editor can act on; empty when it is sound."""
    problems = []
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", str(rule.code)):
        problems.append(gettext("The code is lower-case letters, digits and hyphens."))
    if rule.kind not in DETECTORS:
        problems.append(gettext("Unknown kind: %(kind)s.") % {"kind": rule.kind})
    if rule.criterion not in Criterion.values:
        problems.append(gettext("Unknown criterion: %(c)s.") % {"c": rule.criterion})
    if rule.severity not in SEVERITIES:
        problems.append(gettext("The severity is error or warning."))
    if not _is_count(rule.weight) or rule.weight > 100:
        problems.append(gettext("The weight is a whole number from 0 to 100."))
    explained = (rule.name, rule.message, rule.fix, rule.basis)
    if not all(isinstance(text, str) and text.strip() for text in explained):
        problems.append(gettext("Name, message, fix and basis are all needed."))
    unknown = (
        [p for p in rule.parts if p not in ALL_PARTS]
        + [g for g in rule.genres if g not in GENRES]
        + [lv for lv in rule.levels if lv not in LEVELS]
    )
    if unknown:
        problems.append(gettext("Unknown part, genre or level: %(x)s.") % {"x": ", ".join(unknown)})
    if not isinstance(rule.params, dict):
        return [*problems, gettext("The settings are a JSON object: {} when there are none.")]
    shapes = PARAMS.get(rule.kind, {})
    for key, value in rule.params.items():
        if key not in shapes or not shapes[key](value):
            problems.append(gettext("Setting %(key)s is not valid here.") % {"key": key})
    if rule.kind == "topics" and len(topic_table(rule.words)) < 2:
        problems.append(
            gettext("List at least two topics, one a line: a name, a colon, then its words.")
        )
    return problems


# The check.


def check(
    parts: Mapping[str, str],
    *,
    genre: str,
    level: str,
    rules: Sequence[Rule],
    roster: Collection[str] | None = None,
    report: str | None = None,
    speech: bool | None = None,
) -> Report:
    """Check a draft against the rules that apply to its genre and level, in the order given.

    `roster` holds the names of the deputies of the congress the draft goes to, for the rule
    that joint signers be its deputies; None when they are not known (the command line), and
    that rule then stays quiet. Spaces in the names are ignored.

    For remarks on a report (genre "deliberation"): `report` is the text of the report they
    deliberate, for the rules that they cite it; None (or blank) when there is none, and those
    rules stay quiet. `speech` is True when the text is a whole speech, so that it may be too
    short; None when not known (a remark is never too short).

    Any text is read as plain text: a missing or None part counts as empty, markup and emoji
    are just characters. A rule with `rule_problems` is left out rather than let fail. An
    unknown genre or level is the caller's mistake and raises ValueError.
    """
    if genre not in GENRES or level not in LEVELS:
        raise ValueError(f"Unknown genre or level: {genre!r}, {level!r}")
    given = parts if isinstance(parts, Mapping) else {}
    texts = {part: _text(given.get(part)) for part in PARTS[genre]}
    known = {
        "roster": None if roster is None else {"".join(str(n).split()) for n in roster},
        "report": str(report) if report and str(report).strip() else None,
        "speech": speech,
    }
    found = []
    for rule in rules:
        if rule.applies_to(genre=genre, level=level) and not rule_problems(rule):
            context = {name: known[name] for name in CONTEXT.get(rule.kind, ())}
            found += DETECTORS[rule.kind](rule, texts, genre, level, **context)
    findings = _in_reading_order(list(dict.fromkeys(found)), texts, genre)
    lost = dict.fromkeys(Criterion.values, 0)
    for finding in findings:
        lost[finding.rule.criterion] += finding.rule.weight
    scores = {criterion: max(0, 100 - points) for criterion, points in lost.items()}
    return Report(
        findings=findings,
        scores=scores,
        # Half up, as a reader rounds; the scores are never negative.
        overall=int(sum(scores.values()) / len(scores) + 0.5),
        passed=not any(finding.rule.severity == "error" for finding in findings),
    )


def _text(value) -> str:
    return "" if value is None else str(value)


def _in_reading_order(findings: list[Finding], texts: dict[str, str], genre: str):
    order = {part: index for index, part in enumerate(PARTS[genre])}

    def place(finding: Finding) -> tuple[int, int]:
        if not finding.part:
            return (-1, -1)
        position = texts[finding.part].find(finding.quote) if finding.quote else -1
        return (order.get(finding.part, len(order)), position)

    # A stable sort: findings at the same place keep the order of the rules.
    return sorted(findings, key=place)
