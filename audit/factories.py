"""Factories shared by the tests and the demo seeding command."""

import factory

from deputies.factories import UserFactory

from .models import Action, AuditEntry


class AuditEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEntry

    actor = factory.SubFactory(UserFactory)
    actor_name = factory.LazyAttribute(lambda o: o.actor.name if o.actor else "")
    action = Action.ROLE_GRANTED
