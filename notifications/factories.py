"""Factories shared by the tests and the demo seeding command."""

import factory

from deputies.factories import UserFactory

from .models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    title = "新课程"
    url = "/"
