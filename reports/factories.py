"""Factories shared by the tests and the demo seeding command."""

import factory
from django.utils import timezone

from deputies.factories import UserFactory

from .models import Export


class ExportFactory(factory.django.DjangoModelFactory):
    """A finished export of the register (its file not written)."""

    class Meta:
        model = Export

    requested_by = factory.SubFactory(UserFactory)
    kind = Export.Kind.REGISTER
    fingerprint = factory.Sequence(lambda n: f"export-{n}")
    filename = "登记册.xlsx"
    status = Export.Status.DONE
    finished_at = factory.LazyFunction(timezone.now)
