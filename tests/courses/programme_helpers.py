"""Terms, seats, programmes and their parts, for the training programme tests."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from courses.factories import CoursePageFactory, LessonPageFactory, read_everything, text_block
from courses.models import CoursePage, Programme
from deputies import terms as seats
from deputies.factories import DeputyFactory
from deputies.models import Term
from deputies.signals import term_opened
from quizzes.factories import QuizFactory, SingleChoiceQuestionFactory
from quizzes.models import Attempt
from studysessions.attendance import mark_present
from studysessions.factories import StudySessionFactory


def open_term(township, *, starts_on, number=19) -> Term:
    """The township congress's next term from `starts_on`, the current one ended the day
    before (as the term change does)."""
    Term.objects.filter(township=township, ends_on__isnull=True).update(
        ends_on=starts_on - timedelta(days=1)
    )
    return Term.objects.create(
        county=township.county, township=township, number=number, starts_on=starts_on
    )


def seat(deputies, term, *, reelected=False):
    for deputy in deputies:
        seats.take_seat(deputy, term=term, on=term.starts_on, reelected=reelected)


def new_deputies(station, count, *, first=0):
    return [
        DeputyFactory(
            station=station, user__name=f"新代表{first + n}", user__mobile=f"1350000{first + n:04d}"
        )
        for n in range(count)
    ]


def add_course(index, slug, *, hours="2.0", lessons=1) -> CoursePage:
    course = CoursePageFactory(
        parent=index,
        title=f"课程{slug}",
        slug=slug,
        summary="初任培训。",
        credit_hours=Decimal(hours),
    )
    for n in range(lessons):
        LessonPageFactory(
            parent=course, title=f"{slug} 第{n + 1}课", slug=f"{slug}-{n}", body=[text_block()]
        )
    return course


def make_programme(courses, *, study_hours="2.0", final_test=True, **fields) -> Programme:
    fields.setdefault("title", "初任培训")
    fields.setdefault("certificate_title", "初任培训结业证书")
    fields.setdefault("due_days", 90)
    programme = Programme.objects.create(
        study_hours=Decimal(study_hours),
        final_test=QuizFactory(questions=[SingleChoiceQuestionFactory()], pass_mark=60)
        if final_test
        else None,
        **fields,
    )
    programme.courses.set(courses)
    return programme


def open_new_term(*, term, new=(), reelected=(), by=None, choice="exempted"):
    """What the lead's term change sends once confirmed."""
    term_opened.send(
        sender=Term,
        county=term.county,
        terms=[term],
        new=list(new),
        reelected=list(reelected),
        by=by,
        reelected_choice=choice,
    )


def pass_test(deputy, quiz):
    """A graded, passed attempt, and the signal the quiz engine sends with it."""
    from quizzes.signals import quiz_passed

    Attempt.objects.create(
        quiz=quiz,
        deputy=deputy,
        number=1,
        status=Attempt.Status.GRADED,
        submitted_at=timezone.now(),
        graded_at=timezone.now(),
        passed=True,
    )
    quiz_passed.send(sender=Attempt, deputy=deputy, quiz=quiz)


def attend(deputy, *, hours="2.0", ago=timedelta(hours=3), by=None):
    """The deputy attended a session of their station that began `ago`."""
    session = StudySessionFactory(
        station=deputy.station,
        starts_in=-ago,
        minutes=90,
        invitees=[deputy],
        credit_hours=Decimal(hours),
    )
    mark_present(session=session, deputy=deputy, recorded_by=by)
    return session


def finish_courses(deputy, courses):
    """Read every lesson and complete the enrolments as the reading service does."""
    from courses.models import Enrolment
    from courses.services import complete_if_done

    for course in courses:
        read_everything(deputy, course)
        for enrolment in Enrolment.objects.filter(deputy=deputy, course=course):
            complete_if_done(enrolment)
