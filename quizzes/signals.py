"""What quizzes tell other apps. The quiz engine knows no course: `courses` listens here to
complete the courses a passed quiz is the final test of."""

from django.dispatch import Signal

# Sent by `services` when an attempt is graded as passed (on submit, or when staff finish
# grading it), with `deputy=` and `quiz=`.
quiz_passed = Signal()
