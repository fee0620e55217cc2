"""`manage.py seed_scale`: the command around `training_site.scale`, which builds the data."""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from certificates.models import Certificate
from courses.models import Enrolment, LessonProgress
from deputies.models import Deputy
from quizzes.models import Attempt
from studysessions.models import Attendance, Invitation, StudySession
from training_site.scale.builder import MAX_DEPUTIES, PASSWORD, Builder, already_seeded


class Command(BaseCommand):
    help = (
        "Build a large, realistic data set for dashboards and benchmarks, with bulk writes "
        "(100,000 deputies in a few minutes on PostgreSQL): a county per 2,500 deputies, a "
        "township per 65, 2-5 liaison stations a township; three courses (two required, one "
        "of them past due, with a final test; one elective) of --lessons lessons; enrolments, "
        "reading, test results and completion uneven by township (about one township in ten "
        "far behind), certificates for completed courses; group study over the last 16 weeks "
        "with invitations and attendance; a county officer per county, and a township and a "
        "station officer in the first county (accounts and password printed at the end). "
        "The same --seed on the same day builds the same data. It builds once: if its "
        "counties (codes 9xxxxx), accounts (mobiles 150-153...) or courses (slugs scale-...) "
        "are in the database already, it refuses and changes nothing; build another size "
        "into a fresh database. -v 2 prints each step's time. Not for a live site."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--deputies", type=int, required=True, help="How many deputies, e.g. 2500 or 100000."
        )
        parser.add_argument(
            "--lessons",
            type=int,
            default=60,
            help="Lessons of the three courses together, at least 3 (default 60).",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed of the random choices (default 1)."
        )

    def handle(self, *args, deputies, lessons, seed, verbosity, **options):
        if not 1 <= deputies <= MAX_DEPUTIES:
            raise CommandError(f"--deputies must be between 1 and {MAX_DEPUTIES:,}.")
        if lessons < 3:
            raise CommandError("--lessons must be at least 3: each of the 3 courses needs one.")
        found = already_seeded()
        if found:
            raise CommandError(
                f"seed_scale has built here already ({', '.join(found)}); nothing was changed. "
                "Build into a fresh database."
            )

        def say(line):
            if verbosity >= 2:
                self.stdout.write(line)

        with transaction.atomic():
            built = Builder(deputies=deputies, lessons=lessons, seed=seed, say=say).build()
        if verbosity >= 1:
            self.report(built, seed=seed)

    def report(self, b: Builder, *, seed: int) -> None:
        out, counts = self.stdout.write, b.sink.counts
        levels = Counter(d.level for d in b.deputies)
        seconds = f"{b.elapsed:.1f} s"
        out(self.style.SUCCESS(f"Scale data ready in {seconds} (seed {seed})."))
        out(
            f"  {len(b.counties):,} counties, {len(b.townships):,} townships, "
            f"{len(b.stations):,} liaison stations"
        )
        out(
            f"  {len(b.deputies):,} deputies: {levels[Deputy.Level.COUNTY]:,} county-level, "
            f"{sum(not d.is_active for d in b.deputies):,} not in office, "
            f"{sum(d.station_id is None for d in b.deputies):,} without a station"
        )
        out(
            f"  3 courses, {b.n_lessons} lessons; {counts[Enrolment]:,} enrolments "
            f"({len(b.completions):,} completed), {counts[LessonProgress]:,} lesson progress "
            f"rows, {counts[Attempt]:,} quiz attempts, {counts[Certificate]:,} certificates"
        )
        out(
            f"  {counts[StudySession]:,} group study sessions, {counts[Invitation]:,} "
            f"invitations, {counts[Attendance]:,} attendances"
        )
        county, township = b.counties[0], b.townships[0]
        station = b.stations_of[township.pk][0]
        out(f"First county: {county.name} (pk {county.pk}, code {county.code})")
        out(f"  first township: {township.name} (pk {township.pk})")
        out(f"  its first station: {station.name} (pk {station.pk})")
        spec = b.specs[0]
        mine = [t for t in b.townships if t.county_id == county.pk and b.enrolled[t.pk, spec.slug]]
        rate = {t: b.completed[t.pk, spec.slug] / b.enrolled[t.pk, spec.slug] for t in mine}
        overall = sum(b.completed[t.pk, spec.slug] for t in mine) / sum(
            b.enrolled[t.pk, spec.slug] for t in mine
        )
        for label, pick in (("least", min), ("most", max)):
            t = pick(mine, key=rate.get)
            out(
                f"  {label} advanced township: {t.name} (pk {t.pk}), {spec.title} completed by "
                f"{rate[t]:.0%} (the county: {overall:.0%})"
            )
        out(f"Every account's password is {PASSWORD}")
        shown = b.sign_ins if len(b.sign_ins) <= 12 else b.sign_ins[:10] + b.sign_ins[-2:]
        for role, mobile, place in shown:
            out(f"  {mobile}  {role} · {place}")
        if len(shown) < len(b.sign_ins):
            more = len(b.sign_ins) - len(shown)
            out(f"  and {more} more county officers: 151, then the county's number in 8 digits")
        out(f"  deputies: 15000000001 to 150{len(b.deputies):08d}")
