"""The one place where courses hear from the engines, and tell them what only courses know
(DESIGN: quizzes, proposals and group study know no course). Each receiver hands over to the
service that applies the completion rules; the quiz engine learns where quizzes are placed
(quizzes.access); a law's new version is answered with the lessons it leaves to check, those
following an earlier text sent to review, and its deletion takes them back (citations); a new
term is answered with its deputies' training programmes (programmes), which a passed quiz or a
recorded attendance may complete. `CoursesConfig.ready` connects them.

The engines' announcements have one meaning: each is sent inside the transaction that makes
it true (the grading of an attempt, the acceptance of a draft, the recording of an attendance,
the confirming of a term change, the import of a law), and the receivers here write in that
same transaction. A receiver that raises rolls the engine's write back with its own: the deputy
or officer sees an error and tries again, and nothing is left half done (an attempt passed with
its course incomplete), so there is nothing to reconcile afterwards. Hence receivers write rows
only, and defer what leaves the database (notifications' e-mail, certificate PDFs) with
`transaction.on_commit` or a task enqueued in the transaction, as `notify` and
`certificates.services` do. Each engine's tests hold the rule with a failing receiver
(tests/<engine>/test_signals.py; the term change's in tests/deputies/test_term_change.py)."""

from deputies.signals import term_opened
from materials.signals import law_version_deleting, law_version_imported
from proposals.signals import exercise_accepted
from quizzes.access import register_placement
from quizzes.signals import quiz_passed
from studysessions.signals import attendance_recorded, lessons_studied_together

from .citations import on_law_version_deleting, on_law_version_imported
from .models import quiz_placed_live, quiz_set_by_programme
from .programmes import assign_new_term, complete_programmes
from .services import complete_exercise_courses, complete_final_tests, mark_lessons_studied


def on_quiz_passed(sender, *, deputy, quiz, **kwargs):
    complete_final_tests(deputy=deputy, quiz=quiz)
    complete_programmes(deputy=deputy)


def on_attendance_recorded(sender, *, deputy, session, **kwargs):
    complete_programmes(deputy=deputy)


def on_term_opened(sender, *, terms, new, reelected, by=None, reelected_choice="exempted", **kw):
    assign_new_term(
        terms=terms, new=new, reelected=reelected, reelected_choice=reelected_choice, by=by
    )


def on_exercise_accepted(sender, *, deputy, exercise, **kwargs):
    complete_exercise_courses(deputy=deputy, exercise=exercise)


def on_lessons_studied_together(sender, *, deputy, lessons, **kwargs):
    mark_lessons_studied(deputy=deputy, lessons=lessons)


def connect() -> None:
    # Deputies open a quiz only where a live lesson or a live course's final test places it.
    register_placement(quiz_placed_live)
    register_placement(quiz_set_by_programme)
    quiz_passed.connect(on_quiz_passed, dispatch_uid="courses.quiz_passed")
    exercise_accepted.connect(on_exercise_accepted, dispatch_uid="courses.exercise_accepted")
    lessons_studied_together.connect(
        on_lessons_studied_together, dispatch_uid="courses.lessons_studied_together"
    )
    attendance_recorded.connect(on_attendance_recorded, dispatch_uid="courses.attendance_recorded")
    term_opened.connect(on_term_opened, dispatch_uid="courses.term_opened")
    law_version_imported.connect(on_law_version_imported, dispatch_uid="courses.lessons_to_check")
    law_version_deleting.connect(on_law_version_deleting, dispatch_uid="courses.lessons_to_check")
