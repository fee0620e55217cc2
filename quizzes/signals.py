"""What quizzes tell other apps. The quiz engine knows no course: `courses` listens here to
complete the courses a passed quiz is the final test of.

The rule of every engine's announcement (courses/hooks.py): it is sent inside the transaction
that makes it true, and its listeners write in that same transaction. A listener that raises
rolls the whole thing back: the attempt is not graded, the deputy sees an error and submits
again, so an attempt is never passed with its course left incomplete. Listeners therefore only
write rows; what leaves the database (e-mail, a rendered PDF) they defer with
`transaction.on_commit` or a task enqueued in the transaction.
"""

from django.dispatch import Signal

# Sent by `services` when an attempt is graded as passed (on submit, or when staff finish
# grading it), with `deputy=` and `quiz=`, inside the grading transaction.
quiz_passed = Signal()
