from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from materials.models import LawPage, LawVersion
from quizzes.cloze.services import ProposalError, propose_questions
from quizzes.models import ClozeProposal


class Command(BaseCommand):
    help = (
        "Propose fill-in-the-blank and single-choice questions from the facts in numbers of a "
        "law version (head counts, deadlines, shares, ages, terms), for editors to review in "
        "the admin's queue. Proposing again adds only what is new. Prints the count by kind."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version names the law's version here, not Django's; the interface asks it.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("law", help="The law's slug (or its short name, 代表法).")
        parser.add_argument(
            "--version",
            dest="effective",
            type=date.fromisoformat,
            help="The version's effective date, YYYY-MM-DD (default: the version in force).",
        )

    def handle(self, *args, law, effective, **options):
        page = LawPage.objects.filter(slug=law).first() or (
            LawPage.objects.filter(short_name=law).first()
        )
        if page is None:
            raise CommandError(_("No law “%(law)s” in the library.") % {"law": law})
        versions = LawVersion.objects.filter(law=page)
        version = (
            versions.filter(effective_date=effective).first()
            if effective
            else versions.current().first() or versions.order_by("-effective_date").first()
        )
        if version is None:
            raise CommandError(_("%(law)s has no such version.") % {"law": page.short_name})
        try:
            result = propose_questions(version=version)
        except ProposalError as error:
            raise CommandError(str(error)) from error
        kinds = dict(ClozeProposal.Kind.choices)
        for kind, count in sorted(result.by_kind.items()):
            self.stdout.write(_("%(kind)s: %(count)d") % {"kind": kinds[kind], "count": count})
        self.stdout.write(
            _("%(version)s: %(created)d new proposals, %(existing)d proposed before.")
            % {"version": version, "created": result.created, "existing": result.existing}
        )
