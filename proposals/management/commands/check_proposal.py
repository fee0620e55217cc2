"""`manage.py check_proposal FILE`: the checker's report on a whole 建议 or 议案 kept as a text
file, as a deputy or the congress staff would paste it into the draft page.

The text is split into its parts by `proposals.split` and checked by the rules in use
(`active_rules`, so an editor's changes count), exactly as the draft page does. The exit status
says whether the file could be read, not what the checker thinks of the text: a script reads the
verdict from the output (--json for machines)."""

import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ...checker import PART_LABELS
from ...models import Genre, Level
from ...services import check_parts
from ...split import guess_genre, split_text
from ..cli import finding_dicts, finding_lines, read_text_file

KINDS = {"建议": "suggestion", "议案": "motion", "suggestion": "suggestion", "motion": "motion"}
KIND_NAMES = {"suggestion": "建议", "motion": "议案"}


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
    return read_text_file(
        name,
        too_large=_("%(file)s is larger than %(size)s bytes: it is not a single 建议 or 议案."),
    )


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
            "findings": finding_dicts(report),
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
    lines += finding_lines(report)
    lines.append("")
    verdict = (
        pgettext("checker verdict", "Pass")
        if report.passed
        else pgettext("checker verdict", "Must fix")
    )
    lines.append(_("Verdict: %(verdict)s") % {"verdict": verdict})
    lines.append(_("Score: %(score)d of 100") % {"score": report.overall})
    return "\n".join(lines)
