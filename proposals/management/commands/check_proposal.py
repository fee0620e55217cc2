"""`manage.py check_proposal FILE`: the checker's report on a whole 建议 or 议案 kept as a text
file, as a deputy or the congress staff would paste it into the draft page.

The text is split into its parts by `proposals.split` and checked by the rules in use
(`active_rules`, so an editor's changes count), exactly as the draft page does. The exit status
says whether the file could be read, not what the checker thinks of the text: a script reads the
verdict from the output (--json for machines)."""

import json
import re
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from common.textfiles import UndecodableText, decode_text_file

from ...checker import PART_LABELS
from ...models import Genre, Level
from ...services import check_parts
from ...split import guess_genre, split_text

KINDS = {"建议": "suggestion", "议案": "motion", "suggestion": "suggestion", "motion": "motion"}
KIND_NAMES = {"suggestion": "建议", "motion": "议案"}
SEVERITIES = {"error": "must_fix", "warning": "advice"}
# Far more than any 建议 or 议案 (a draft part holds 5,000 characters); a larger file is
# something else, and reading it whole would only waste memory.
MAX_BYTES = 1_000_000
# Control characters other than tab and breaks: a text file has none, a binary file that
# happens to decode as GB18030 has plenty.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Word's manual line break (vertical tab) and page break, kept by some ways of saving as text.
_WORD_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


class Command(BaseCommand):
    help = (
        "Check a whole 建议 (suggestion) or 议案 (motion) in a text file (UTF-8 or GB18030, the "
        "title on the first line; - reads standard input) by the checker's rules in use, and "
        "print how it was split into parts, every finding, the verdict and the score. The exit "
        "status is 0 whatever the verdict; a file that is missing, empty or not text is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The text file, or - for standard input.")
        parser.add_argument(
            "--kind",
            choices=list(KINDS),
            help="建议/suggestion or 议案/motion (default: as the title says, else 建议).",
        )
        parser.add_argument(
            "--level",
            choices=Level.values,
            default=Level.TOWNSHIP,
            help="The congress the text goes to (default: township).",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="Print one JSON object instead of the text.",
        )

    def handle(self, *args, file, kind, level, as_json, **options):
        text = read_text(file)
        genre = KINDS[kind] if kind else guess_genre(text) or Genre.SUGGESTION.value
        parts = split_text(text, genre)
        report = check_parts(genre=genre, level=level, parts=parts)
        if as_json:
            self.stdout.write(json_report(genre=genre, level=level, parts=parts, report=report))
        else:
            self.stdout.write(text_report(genre=genre, level=level, parts=parts, report=report))


def read_text(name: str) -> str:
    """The text of the file (or of standard input for "-"), or a CommandError saying why not."""
    shown = _("standard input") if name == "-" else name
    if name == "-":
        stream = getattr(sys.stdin, "buffer", sys.stdin)
        content = stream.read(MAX_BYTES + 1)
        if isinstance(content, str):  # a text stream without a buffer (a test's StringIO)
            content = content.encode("utf-8")
    else:
        try:
            with Path(name).open("rb") as handle:
                content = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": shown, "reason": exc.strerror}
            ) from exc
    if len(content) > MAX_BYTES:
        raise CommandError(
            _("%(file)s is larger than %(size)s bytes: it is not a single 建议 or 议案.")
            % {"file": shown, "size": f"{MAX_BYTES:,}"}
        )
    not_text = _("%(file)s is not a text file in UTF-8 or GB18030.") % {"file": shown}
    try:
        text = decode_text_file(content)
    except UndecodableText as exc:
        raise CommandError(not_text) from exc
    if _CONTROL.search(text):
        raise CommandError(not_text)
    text = text.lstrip("\ufeff").translate(_WORD_BREAKS)
    if not text.strip():
        raise CommandError(_("%(file)s is empty: there is nothing to check.") % {"file": shown})
    return text


def json_report(*, genre, level, parts, report) -> str:
    """One JSON object: the kind as the deputy names it, the parts, the verdict, every finding
    (severity must_fix or advice) and the scores."""
    return json.dumps(
        {
            "kind": KIND_NAMES[genre],
            "genre": genre,
            "level": level,
            "parts": parts,
            "verdict": "pass" if report.passed else "must_fix",
            "findings": [
                {
                    "rule": finding.rule.code,
                    "name": finding.rule.name,
                    "severity": SEVERITIES[finding.rule.severity],
                    "part": finding.part,
                    "quote": finding.quote,
                    "words": list(finding.words),
                    "message": finding.message,
                    "fix": finding.rule.fix,
                    "basis": finding.rule.basis,
                }
                for finding in report.findings
            ],
            "score": report.overall,
            "scores": report.scores,
        },
        ensure_ascii=False,
        indent=2,
    )


def text_report(*, genre, level, parts, report) -> str:
    """The report as a reader goes through it: the parts as split, the findings in reading
    order, then the verdict and the score."""
    lines = [f"{Genre(genre).label} · {Level(level).label}", ""]
    for part, text in parts.items():
        body = text.strip() or _("(empty)")
        lines.append(f"【{PART_LABELS[part]}】{body}")
    lines.append("")
    if report.findings:
        count = len(report.findings)
        lines.append(
            ngettext("%(count)d finding:", "%(count)d findings:", count) % {"count": count}
        )
    else:
        lines.append(_("No findings."))
    severities = {"error": _("Must fix"), "warning": _("Worth improving")}
    for number, finding in enumerate(report.findings, start=1):
        rule = finding.rule
        where = str(PART_LABELS[finding.part]) if finding.part else _("the whole text")
        lines.append(f"{number}. [{severities[rule.severity]}] {rule.name} · {where}")
        if finding.quote:
            lines.append("   " + _("Quote: %(quote)s") % {"quote": f"「{finding.quote}」"})
        if finding.words:
            lines.append("   " + _("Words: %(words)s") % {"words": "、".join(finding.words)})
        lines.append("   " + finding.message)
        lines.append("   " + _("How to fix: %(fix)s") % {"fix": rule.fix})
        lines.append("   " + _("Basis: %(basis)s") % {"basis": rule.basis})
    lines.append("")
    verdict = (
        pgettext("checker verdict", "Pass")
        if report.passed
        else pgettext("checker verdict", "Must fix")
    )
    lines.append(_("Verdict: %(verdict)s") % {"verdict": verdict})
    lines.append(_("Score: %(score)d of 100") % {"score": report.overall})
    return "\n".join(lines)
