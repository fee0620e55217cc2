"""Courses and lessons and what deputies do in them, one concern a module: the Wagtail pages editors
write (`pages`), deputies' enrolments and reading progress (`enrolments`), and the training
programmes given to deputies new in a term (`programmes`). Every model, and the quiz placements
quizzes.access asks about, is importable from `courses.models` as before."""

from .basis import LessonBasis
from .enrolments import Enrolment, EnrolmentQuerySet, LessonProgress
from .pages import CourseIndexPage, CoursePage, LessonPage, LessonQuiz, quiz_placed_live
from .programmes import (
    Programme,
    ProgrammeAssignment,
    ProgrammeAssignmentQuerySet,
    quiz_set_by_programme,
)

__all__ = [
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "EnrolmentQuerySet",
    "LessonBasis",
    "LessonPage",
    "LessonProgress",
    "LessonQuiz",
    "Programme",
    "ProgrammeAssignment",
    "ProgrammeAssignmentQuerySet",
    "quiz_placed_live",
    "quiz_set_by_programme",
]
