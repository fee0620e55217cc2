from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from certificates.demo import seed_certificates
from courses.demo import seed_assignment, seed_courses, seed_learning
from courses.demo_programme import seed_initial_training
from courses.services import assign_course
from deliberation.demo import seed_deliberation
from deputies.demo import DEMO_PASSWORD, NEWCOMERS, seed_newcomers, seed_people
from deputies.models import Deputy, User
from inspections.demo import seed_inspection
from materials.demo import import_law_folder, seed_study_notes
from materials.lawtext import LawParseError
from materials.services import LawImportError
from notifications.demo import seed_notice
from proposals.demo import seed_proposals
from quizzes.demo import (
    seed_cloze_proposals,
    seed_final_test,
    seed_practice,
    seed_questions,
    seed_quizzes,
)
from receptions.matters.demo import seed_receptions
from receptions.suggestions.demo import seed_suggestions
from reports.demo import seed_progress
from studysessions.demo import seed_study_sessions
from training_site.demo_term import describe, seed_term_change


class Command(BaseCommand):
    help = (
        "Load the demo: a county with its townships, stations, deputies and staff of every "
        "role, study notes, courses, a question bank and quizzes, and, with --laws, the "
        "official law texts found in a folder. "
        "Running it again adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--laws",
            type=Path,
            help="A folder of official law texts (.md, .txt, .docx) to import as well.",
        )

    @transaction.atomic
    def handle(self, *args, laws, **options):
        sign_ins = seed_people()
        if laws is not None:
            if not laws.is_dir():
                raise CommandError(f"No folder {laws}")
            try:
                results = import_law_folder(laws)
            except (LawParseError, LawImportError) as exc:
                raise CommandError(f"{laws}: {exc}") from exc
            for result in results:
                status = "imported" if result.created else "already there"
                self.stdout.write(f"Law: {result.version} {status}, {result.articles} articles")

        for law in seed_study_notes():
            self.stdout.write(f"Study notes: {law.short_name}, {law.notes.count()} notes")
        self.stdout.write(f"Questions: {seed_questions()} added to the bank")
        for version, pending in seed_cloze_proposals():
            self.stdout.write(f"Questions the law proposes: {pending} from {version}, to review")
        quizzes = seed_quizzes()
        exercises = seed_proposals()  # before the courses: a lesson of the writing course names one
        courses = seed_courses()
        programme, _refresher = seed_initial_training(courses)
        self.stdout.write(
            f"Initial training: {programme.title}, {programme.courses.count()} courses"
        )
        reader = Deputy.objects.get(user__mobile="13900000001")
        officer = User.objects.get(mobile="13700000001")
        newcomers = [mobile for _name, mobile, _gender in NEWCOMERS]
        seed_learning(
            courses[0],
            deputies=Deputy.objects.filter(township__county__code="339001").exclude(
                user__mobile__in=newcomers
            ),
            assigned_by=officer,
            reader=reader,
        )
        # The election course, past due, for the reader's township: what overdue looks like.
        election = courses[1]
        assign_course(
            course=election,
            deputies=election.audience(Deputy.objects.filter(township=reader.township)),
            assigned_by=officer,
        )
        # The township clerk assigns the supervision elective to the reader's station with its
        # own due date, and tells the township about group study.
        clerk = User.objects.get(mobile="13700000002")
        seed_assignment(courses[2], station=reader.station, assigned_by=clerk)
        seed_notice(township=reader.township, sender=clerk)
        seed_final_test(course=courses[0], quiz=quizzes[0], reader=reader)
        seed_practice(reader=reader)
        certificate = seed_certificates(assigned_by=officer)
        completed = seed_progress(courses[0])
        if completed:
            self.stdout.write(f"Dashboard: {completed} deputies completed {courses[0].title}")
        for session in seed_study_sessions():
            self.stdout.write(f"Group study: {session}")
        for line in seed_deliberation():
            self.stdout.write(line)
        for line in seed_receptions():
            self.stdout.write(line)
        for line in seed_suggestions():
            self.stdout.write(line)
        for line in seed_inspection():
            self.stdout.write(line)
        change = seed_term_change(officer=officer)
        for line in describe(change) if change else ():
            self.stdout.write(line)
        for newcomer in seed_newcomers():
            self.stdout.write(f"New deputy without a password: {newcomer.name}")
        for course in courses:
            self.stdout.write(f"Course: {course.title}, {course.lessons().count()} lessons")
        for quiz in quizzes:
            self.stdout.write(f"Quiz: {quiz.title}")
        for exercise in exercises:
            self.stdout.write(f"Writing exercise: {exercise.title}")

        if certificate is not None:
            self.stdout.write(
                f"Certificate: {certificate.serial} for {certificate.holder_name}, "
                f"verify at /verify/{certificate.code}/"
            )
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"Every demo account's password is {DEMO_PASSWORD}")
        for role, mobile, where in sign_ins:
            self.stdout.write(f"  {role:<15} {mobile}  {where}")
