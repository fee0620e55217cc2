"""The one place where certificates hear from courses (DESIGN: certificates read completion;
courses know no certificate). A completed course or programme has its certificate issued, in
the transaction that completed it. `CertificatesConfig.ready` connects them."""

from courses.signals import course_completed, programme_completed

from .services import issue_certificate, issue_programme_certificate


def on_course_completed(sender, *, enrolment, **kwargs):
    # Issuing twice is a no-op.
    issue_certificate(enrolment=enrolment)


def on_programme_completed(sender, *, assignment, **kwargs):
    issue_programme_certificate(assignment)


def connect() -> None:
    course_completed.connect(on_course_completed, dispatch_uid="certificates.course_completed")
    programme_completed.connect(
        on_programme_completed, dispatch_uid="certificates.programme_completed"
    )
