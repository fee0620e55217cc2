"""What group study tells other apps. It knows no course rules: `courses` listens here to mark
lessons studied, which may complete courses."""

from django.dispatch import Signal

# Sent when an attendance is recorded at a session set to mark its linked lessons studied, with
# `deputy=` and `lessons=` (a list of the session's lesson pages).
lessons_studied_together = Signal()

# Sent when an attendance is recorded (a check-in, or staff marking a deputy present), with
# `deputy=` and `session=`: group study's credit hours may complete a training programme.
attendance_recorded = Signal()
