from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from materials.importcheck import preview_text, warning_text
from materials.lawtext import LawParseError, read_law_file
from materials.services import LawImportError, import_law, preview_import


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = (
        "Import an official law text (.md, .txt or .docx) as a version of its law. It prints "
        "what it read first (counts, the first and last article, warnings); a text with "
        "warnings is imported only with --accept-warnings. Importing the same text again "
        "changes nothing; a file that cannot be read is rejected with the line where reading "
        "failed, and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--effective-date",
            type=iso_date,
            help="When this version took effect (default: the last date in its history).",
        )
        parser.add_argument("--short-name", help="For a new law, for example 代表法.")
        parser.add_argument("--slug", help="For a new law, its URL name, for example daibiaofa.")
        parser.add_argument(
            "--accept-warnings",
            action="store_true",
            help="Import a text with warnings (a gap in the numbering, ...) after reading them.",
        )

    def handle(self, *args, file, effective_date, short_name, slug, accept_warnings, **options):
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        try:
            parsed = read_law_file(file.name, content)
        except LawParseError as exc:
            raise CommandError(f"{file.name}, line {exc.line}: {exc.message}") from exc
        preview = preview_import(parsed=parsed, effective_date=effective_date)
        self.stdout.write(preview_text(preview))
        if preview.problem:
            raise CommandError(preview.problem)
        if preview.warnings and not accept_warnings:
            warnings = "; ".join(warning_text(warning) for warning in preview.warnings)
            raise CommandError(
                f"The text may be damaged; nothing was imported: {warnings}. Compare it with "
                "the official text, and import it with --accept-warnings if it is right."
            )
        try:
            result = import_law(
                parsed=parsed,
                effective_date=effective_date,
                source_name=file.name,
                short_name=short_name,
                slug=slug,
                accept_warnings=accept_warnings,
            )
        except LawImportError as exc:
            raise CommandError(str(exc)) from exc

        version = result.version
        status = "imported" if result.created else "already imported, nothing changed"
        self.stdout.write(f"  {status}: {version.law.url}")
        for notice in result.notices:
            self.stdout.write(f"  {notice}")
