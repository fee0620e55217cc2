"""What courses tell other apps. Courses know no certificate: `certificates` listens here to
issue the certificate of what was completed (certificates/hooks.py).

Both are sent inside the transaction that marks the completion, and a receiver's error is not
caught: a certificate that cannot be issued rolls the completion back, as when courses called
the certificates' service directly."""

from django.dispatch import Signal

# Sent by `services` when an enrolment is marked complete, with `enrolment=`.
course_completed = Signal()

# Sent by `programmes` when a programme assignment is marked complete, with `assignment=`.
programme_completed = Signal()
