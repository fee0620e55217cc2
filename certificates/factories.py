"""Factories shared by the tests and the demo seeding command: certificate templates and
certificates earned by completing a course."""

import factory

from courses.factories import CoursePageFactory, read_everything
from courses.models import Enrolment
from courses.services import complete_if_done, enrol
from deputies.factories import DeputyFactory, UserFactory

from .models import Certificate, CertificateTemplate


class CertificateTemplateFactory(factory.django.DjangoModelFactory):
    """The county's default template."""

    class Meta:
        model = CertificateTemplate

    issuing_body = "安吉县人大常委会"
    signatory = "代表工作委员会"
    is_default = True


class CertificateFactory(factory.django.DjangoModelFactory):
    """A certificate earned the way courses issues one: `deputy` is enrolled in `course` by
    `by`, reads every lesson, and so completes it. Needs a default template."""

    class Meta:
        model = Certificate

    deputy = factory.SubFactory(DeputyFactory)
    course = factory.SubFactory(CoursePageFactory, law=True)
    by = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, deputy, course, by):
        enrolment = enrol(deputy=deputy, course=course, assigned_by=by)
        read_everything(deputy, course)
        complete_if_done(Enrolment.objects.get(pk=enrolment.pk))
        return model_class.objects.valid().get(deputy=deputy, course=course)
