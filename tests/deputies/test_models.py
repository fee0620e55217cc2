import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from deputies.factories import DeputyFactory, LiaisonStationFactory, UserFactory
from deputies.models import Deputy, StaffRole, User
from deputies.validators import normalize_mobile


@pytest.mark.parametrize(
    "typed",
    [
        "13812345678",
        "１３８１２３４５６７８",  # full-width digits, as Chinese input methods type them
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "0086 13812345678",
        "  13812345678\t",
    ],
)
def test_a_mobile_number_is_stored_the_same_however_it_is_typed(db, typed):
    user = User.objects.create_user(typed, "pass-word-1", name="王秀英")

    user.refresh_from_db()
    assert user.mobile == "13812345678"
    assert normalize_mobile(typed) == "13812345678"


def test_two_spellings_of_one_number_cannot_make_two_accounts(db):
    User.objects.create_user("13812345678", name="王秀英")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("+86 138-1234-5678", name="王秀英")

    assert User.objects.count() == 1


@pytest.mark.parametrize(
    "bad",
    [
        "1381234567",  # ten digits
        "138123456789",  # twelve digits
        "23812345678",  # not starting with 1
        "12812345678",  # 12x is not a mobile range
        "1381234567a",
        "13٨١٢٣٤٥٦٧٨",  # Arabic-Indic digits: \d matches them, a phone keypad does not
        "+1 415 555 0100",
        "",
    ],
)
def test_a_bad_mobile_number_is_refused_with_a_clear_message(db, in_english, bad):
    with pytest.raises(ValidationError) as excinfo:
        User.objects.create_user(bad, name="王秀英")

    assert "11-digit mainland mobile number" in str(excinfo.value)
    assert not User.objects.exists()


def test_full_clean_rejects_a_bad_stored_number(db):
    user = User(mobile="1381234567", name="王秀英")

    with pytest.raises(ValidationError) as excinfo:
        user.full_clean()

    assert "mobile" in excinfo.value.message_dict


def test_lists_show_a_masked_number(db):
    user = UserFactory(mobile="13812345678")

    assert user.masked_mobile == "138****5678"


@pytest.mark.parametrize(
    ("kind", "place"),
    [
        (StaffRole.Kind.COUNTY, {}),
        (StaffRole.Kind.TOWNSHIP, {}),
        (StaffRole.Kind.STATION, {}),
        (StaffRole.Kind.COUNTY, {"township": "township"}),
        (StaffRole.Kind.STATION, {"station": "station", "township": "township"}),
        (StaffRole.Kind.EDITOR, {"county": "county"}),
    ],
)
def test_the_database_refuses_a_role_whose_place_does_not_fit_its_kind(
    request, station, kind, place
):
    user = UserFactory()
    places = {field: request.getfixturevalue(name) for field, name in place.items()}

    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRole.objects.create(user=user, kind=kind, **places)

    assert not StaffRole.objects.filter(user=user).exists()


def test_the_database_accepts_each_kind_of_role_with_its_place(county, township, station):
    user = UserFactory()

    StaffRole.objects.create(user=user, kind=StaffRole.Kind.COUNTY, county=county)
    StaffRole.objects.create(user=user, kind=StaffRole.Kind.TOWNSHIP, township=township)
    StaffRole.objects.create(user=user, kind=StaffRole.Kind.STATION, station=station)
    StaffRole.objects.create(user=user, kind=StaffRole.Kind.EDITOR)

    assert user.staff_roles.count() == 4


def test_the_same_role_cannot_be_held_twice_over_one_place(county):
    user = UserFactory()
    StaffRole.objects.create(user=user, kind=StaffRole.Kind.COUNTY, county=county)

    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRole.objects.create(user=user, kind=StaffRole.Kind.COUNTY, county=county)


def test_a_deputy_station_must_be_in_the_deputy_township(township, other_township, in_english):
    elsewhere = LiaisonStationFactory(township=other_township)
    deputy = Deputy(
        user=UserFactory(),
        gender=Deputy.Gender.MALE,
        level=Deputy.Level.TOWNSHIP,
        term=8,
        township=township,
        station=elsewhere,
    )

    with pytest.raises(ValidationError) as excinfo:
        deputy.full_clean()

    assert excinfo.value.message_dict["station"] == [
        "The liaison station must be in the deputy's township."
    ]


def test_a_deputy_in_a_station_of_their_township_or_in_none_is_valid(township, station):
    in_station = DeputyFactory.build(user=UserFactory(), township=township, station=station)
    without_station = DeputyFactory.build(user=UserFactory(), township=township, station=None)

    in_station.full_clean()
    without_station.full_clean()
