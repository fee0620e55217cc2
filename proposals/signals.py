"""What proposal practice tells other apps. It knows no course: `courses` listens here to
complete the courses whose lessons ask for the exercise.

The rule of every engine's announcement (courses/hooks.py): it is sent inside the transaction
that makes it true, and its listeners write in that same transaction. A listener that raises
rolls the whole thing back: the submission or the review is not saved and the deputy or the
reviewer sees an error and tries again, so a draft is never accepted with its course left
incomplete. Listeners therefore only write rows; what leaves the database they defer with
`transaction.on_commit` or a task enqueued in the transaction.
"""

from django.dispatch import Signal

# Sent when a deputy's draft becomes accepted, by the checker on submit
# (`services.submit_draft`) or by a reviewer (`reviews.review_revision`), with `deputy=` and
# `exercise=`, after the draft's status is saved and inside the same transaction.
exercise_accepted = Signal()
