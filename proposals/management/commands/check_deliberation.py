"""`manage.py check_deliberation FILE [--report REPORT_FILE] [--json]`: the checker's report on
remarks on a government report (审议意见), or a whole deliberation speech (审议发言), kept as
a text file wherever it was written.

The text comes unlabelled: `checker.speech.split_remarks` sorts its sentences into the
assessment, problems, questions and suggestions (or --kind puts it all in one), and the rules
in use for the genre "deliberation" check it, as the platform does. With --report, the rules
that compare the remarks with the report (a problem tied to it, a figure cited from it) run
too; without it they stay quiet.

The exit status is 0 whatever the verdict, an empty FILE included (it says nothing, and the
verdict says so). Status 2 only when FILE or REPORT_FILE cannot be read: missing, unreadable,
not text in UTF-8 or GB18030, or larger than a megabyte."""

import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ...checker import GENRE_LABELS, PART_LABELS, Report
from ...checker.speech import PART_OF_KIND, remark_parts, split_remarks
from ...models import Level
from ...services import check_parts
from ..cli import finding_dicts, finding_lines, read_text_file

GENRE = "deliberation"
UNREADABLE = 2


class Command(BaseCommand):
    help = (
        "Check remarks on a government report (审议意见) or a deliberation speech (审议发言) in "
        "a text file (UTF-8 or GB18030, unlabelled; - reads standard input) by the checker's "
        "rules in use, and print how its sentences were sorted, every finding and the verdict "
        "(substantive or needs work). The exit status is 0 whatever the verdict, also for an "
        "empty file; it is 2 when FILE or REPORT_FILE cannot be read (missing, not text, "
        "larger than a megabyte)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The text file, or - for standard input.")
        parser.add_argument(
            "--report",
            metavar="REPORT_FILE",
            help="The report deliberated, as text: problems and figures are compared with it.",
        )
        parser.add_argument(
            "--kind",
            choices=list(PART_OF_KIND),
            help="The whole text is one remark of this kind (肯定/问题/询问/建议) instead of "
            "being sorted sentence by sentence.",
        )
        parser.add_argument(
            "--speech",
            action="store_true",
            help="The text is a whole speech: it may also be too short (a remark never is).",
        )
        parser.add_argument(
            "--level",
            choices=Level.values,
            default=Level.TOWNSHIP,
            help="The congress deliberating (default: township).",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="Print one JSON object instead of the text.",
        )

    def handle(self, *args, file, report, kind, speech, level, as_json, **options):
        too_large = _("%(file)s is larger than %(size)s bytes: it is not a remark or a speech.")
        text = read_text_file(file, too_large=too_large, allow_empty=True, returncode=UNREADABLE)
        report_text = None
        if report:
            report_text = read_text_file(
                report, too_large=too_large, allow_empty=True, returncode=UNREADABLE
            )
        parts = remark_parts(text, kind) if kind else split_remarks(text)
        result = check_parts(
            genre=GENRE,
            level=level,
            parts=parts,
            report=report_text,
            speech=True if speech else None,
        )
        given = bool(report_text and report_text.strip())
        if as_json:
            self.stdout.write(json_report(level=level, parts=parts, report=result, given=given))
        else:
            self.stdout.write(text_report(level=level, parts=parts, report=result, given=given))


def verdict(report: Report) -> str:
    return "substantive" if report.passed else "needs_work"


def json_report(*, level: str, parts: dict, report: Report, given: bool) -> str:
    """One JSON object: the verdict and the findings first, then the level, the parts as
    sorted, whether a report was given, and the score."""
    return json.dumps(
        {
            "verdict": verdict(report),
            "findings": finding_dicts(report),
            "level": level,
            "parts": parts,
            "report_given": given,
            "score": report.overall,
        },
        ensure_ascii=False,
        indent=2,
    )


def text_report(*, level: str, parts: dict, report: Report, given: bool) -> str:
    """The report as a reader goes through it: the text as sorted into parts, the findings
    in reading order, then the verdict."""
    lines = [f"{GENRE_LABELS[GENRE]} · {Level(level).label}", ""]
    for part, text in parts.items():
        body = text.strip().replace("\n", " ") or _("(empty)")
        lines.append(f"【{PART_LABELS[part]}】{body}")
    lines.append("")
    if not given:
        lines += [
            _(
                "No report given (--report): whether the remarks cite it and keep to it "
                "was not checked."
            ),
            "",
        ]
    lines += finding_lines(report)
    lines.append("")
    shown = {
        "substantive": pgettext("deliberation verdict", "Substantive"),
        "needs_work": pgettext("deliberation verdict", "Needs work"),
    }
    lines.append(_("Verdict: %(verdict)s") % {"verdict": shown[verdict(report)]})
    return "\n".join(lines)
