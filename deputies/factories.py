"""Factories shared by the tests and the demo seeding command."""

import factory

from .models import County, Deputy, LiaisonStation, Township, User

# Every made user's password.
PASSWORD = "pass-word-1"  # noqa: S105 (made users, for tests and the demo)


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"县{n}")
    code = factory.Sequence(lambda n: f"{330700 + n}")


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township
        django_get_or_create = ("county", "name")

    county = factory.SubFactory(CountyFactory)
    name = factory.Sequence(lambda n: f"镇{n}")


class LiaisonStationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiaisonStation
        django_get_or_create = ("township", "name")

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"联络站{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("mobile",)
        skip_postgeneration_save = True

    mobile = factory.Sequence(lambda n: f"139{n:08d}")
    name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.django.Password(PASSWORD)


class DeputyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deputy
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    gender = Deputy.Gender.FEMALE
    level = Deputy.Level.TOWNSHIP
    term = 18
    station = factory.SubFactory(LiaisonStationFactory)
    township = factory.LazyAttribute(
        lambda o: o.station.township if o.station else TownshipFactory()
    )
