"""Demo certificates: one deputy who has finished the writing course, with the certificate
that completing it issued (on the course's own 培训证书 template), and one issued by hand by the
county officer for training taken in person."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from courses.models import CoursePage, Enrolment, LessonProgress
from courses.services import complete_if_done, enrol, required_seconds
from deputies.models import Deputy

from .models import Certificate, CertificateTemplate
from .services import issue_by_hand, render_certificate

WRITING_COURSE = "yian-jianyi-xiezuo"
GRADUATE = "13900000002"
INTRO_COURSE = "daibiaofa-rumen"
TRAINED_IN_PERSON = "13900000003"
IN_PERSON_NOTE = "参加县人大常委会举办的新任代表集中培训（线下，2 天）"
# The in-person training took place this long before the demo is loaded, whenever that is.
IN_PERSON_DAYS_AGO = 40


def seed_template() -> CertificateTemplate:
    template = CertificateTemplate.objects.filter(is_default=True).first()
    if template is None:
        template = CertificateTemplate.objects.create(
            issuing_body="青溪县人大常委会",
            signatory="代表工作委员会",
            is_default=True,
        )
    return template


def seed_certificates(*, assigned_by) -> Certificate | None:
    """Have the graduate read every lesson of the writing course, complete it through the
    same service a real completion goes through, and make sure the PDF is there at once."""
    seed_template()
    course = CoursePage.objects.filter(slug=WRITING_COURSE).first()
    deputy = Deputy.objects.filter(user__mobile=GRADUATE).first()
    if course is None or deputy is None:
        return None
    if course.certificate_template_id is None:
        course.certificate_template, _created = CertificateTemplate.objects.get_or_create(
            title="培训证书",
            defaults={"issuing_body": "青溪县人大常委会", "signatory": "代表工作委员会"},
        )
        course.save_revision().publish()
    seed_by_hand(by=assigned_by)
    enrolment = enrol(deputy=deputy, course=course, assigned_by=assigned_by)
    now = timezone.now()
    for lesson in course.lessons():
        LessonProgress.objects.get_or_create(
            deputy=deputy,
            lesson=lesson,
            defaults={
                "seconds": required_seconds(lesson),
                "reached_end": True,
                "clock": now,
                "completed_at": now,
            },
        )
    enrolment = Enrolment.objects.select_related("deputy__user", "course").get(pk=enrolment.pk)
    if enrolment.completed_at is None:
        complete_if_done(enrolment)
    certificate = Certificate.objects.valid().filter(deputy=deputy, course=course).first()
    # With the database queue the worker would render it a moment after `make run` starts;
    # render it here so the demo shows a PDF at once.
    if certificate is not None and "immediate" not in settings.TASKS["default"]["BACKEND"].lower():
        certificate = render_certificate(certificate.pk)
    return certificate


def seed_by_hand(*, by) -> Certificate | None:
    """The intro course's certificate for a deputy trained in person, issued by hand, with the
    date of the training."""
    course = CoursePage.objects.filter(slug=INTRO_COURSE).first()
    deputy = Deputy.objects.filter(user__mobile=TRAINED_IN_PERSON).first()
    if course is None or deputy is None:
        return None
    held = Certificate.objects.valid().filter(deputy=deputy, course=course).first()
    if held is not None:
        return held
    certificate = issue_by_hand(
        deputy=deputy,
        course=course,
        credit_hours=course.credit_hours or 2,
        note=IN_PERSON_NOTE,
        trained_on=timezone.localdate() - timedelta(days=IN_PERSON_DAYS_AGO),
        by=by,
    )
    if "immediate" not in settings.TASKS["default"]["BACKEND"].lower():
        certificate = render_certificate(certificate.pk)
    return certificate
