"""What proposal practice tells other apps. It knows no course: `courses` listens here to
complete the courses whose lessons ask for the exercise."""

from django.dispatch import Signal

# Sent when a deputy's draft becomes accepted, by the checker on submit
# (`services.submit_draft`) or by a reviewer (`reviews.review_revision`), with `deputy=` and
# `exercise=`, after the draft's status is saved.
exercise_accepted = Signal()
