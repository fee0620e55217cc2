"""What group study tells other apps. It knows no course rules: `courses` listens here to mark
lessons studied, which may complete courses.

The rule of every engine's announcement (courses/hooks.py): it is sent inside the transaction
that makes it true, and its listeners write in that same transaction. A listener that raises
rolls the whole thing back: the attendance is not recorded and the deputy scans again (or the
clerk marks again), so an attendance never stands without its lessons marked studied. Listeners
therefore only write rows; what leaves the database they defer with `transaction.on_commit` or a
task enqueued in the transaction.
"""

from django.dispatch import Signal

# Sent when an attendance is recorded at a session set to mark its linked lessons studied, with
# `deputy=` and `lessons=` (a list of the session's lesson pages), inside the recording
# transaction.
lessons_studied_together = Signal()

# Sent when an attendance is recorded (a check-in, or staff marking a deputy present), with
# `deputy=` and `session=`, inside the recording transaction: group study's credit hours may
# complete a training programme.
attendance_recorded = Signal()
