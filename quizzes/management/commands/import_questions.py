from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quizzes.formats.detect import FORMATS, QuestionFileError, read_question_file
from quizzes.transfer import import_questions


class Command(BaseCommand):
    help = (
        "Import questions into the question bank from an Excel file made from the template "
        "(.xlsx), a Moodle GIFT file (.gift or .txt) or an Aiken file (.txt). Every question "
        "or row left out is listed with its line or row number and the reason, and the command "
        "exits with status 1 if any was left out for a mistake. Questions already in the bank "
        "(same type, text and category) are not imported again."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help="The file's format (default: recognised from its name and content).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and check everything, and report, but store nothing.",
        )

    def handle(self, *args, file, format, dry_run, **options):
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        try:
            report = read_question_file(file.name, content, format=format)
        except QuestionFileError as exc:
            raise CommandError(f"{file.name}: {exc}") from exc
        result = import_questions(report=report, dry_run=dry_run)

        counts = ", ".join(
            _("%(count)d %(type)s") % {"count": count, "type": label}
            for label, count in result.counts()
        )
        summary = (
            ngettext(
                "Would import %(count)d question", "Would import %(count)d questions", result.total
            )
            if dry_run
            else ngettext(
                "Imported %(count)d question", "Imported %(count)d questions", result.total
            )
        ) % {"count": result.total}
        self.stdout.write(f"{summary}{': ' + counts if counts else ''}")
        if result.needs_review:
            self.stdout.write(
                ngettext(
                    "%(count)d has no explanation or reference answer and waits for review.",
                    "%(count)d have no explanation or reference answer and wait for review.",
                    result.needs_review,
                )
                % {"count": result.needs_review}
            )
        if result.duplicates:
            self.stdout.write(
                ngettext(
                    "%(count)d was already in the bank.",
                    "%(count)d were already in the bank.",
                    result.duplicates,
                )
                % {"count": result.duplicates}
            )
        for item in result.skipped:
            self.stdout.write(f"  {result.unit_label} {item.place}: {item.reason}")
        if dry_run:
            self.stdout.write(_("Dry run: nothing was stored."))
        if result.rejected:
            raise CommandError(
                (
                    ngettext(
                        "%(count)d question would be left out for a mistake.",
                        "%(count)d questions would be left out for mistakes.",
                        len(result.rejected),
                    )
                    if dry_run
                    else ngettext(
                        "%(count)d question was left out for a mistake.",
                        "%(count)d questions were left out for mistakes.",
                        len(result.rejected),
                    )
                )
                % {"count": len(result.rejected)},
                returncode=1,
            )
