"""Division codes of counties and townships (GB/T 2260 and GB/T 10114): what is accepted, and
what each refusal says."""

import pytest
from django.core.exceptions import ValidationError

from deputies.factories import TownshipFactory
from deputies.models import County, Township
from deputies.places.forms import CountyForm, TownshipForm
from deputies.validators import validate_county_code, validate_township_code


@pytest.mark.parametrize("code", ["330523", "110101", "650102", "339001", "500101"])
def test_county_codes_of_real_provinces_are_accepted(code):
    validate_county_code(code)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("33052", "6-digit"),
        ("3305231", "6-digit"),
        ("33a523", "6-digit"),
        ("３３０５２３x", "6-digit"),
        ("٣٣٠٥٢٣", "6-digit"),  # Arabic-Indic digits are digits to \d, not to a code
        ("990523", "99 is no province's"),
        ("710101", "71 is no province's"),
        ("000523", "00 is no province's"),
        ("330500", "330500 is a city's or a province's code"),
        ("330000", "330000 is a city's or a province's code"),
    ],
)
def test_bad_county_codes_say_what_is_wrong(in_english, code, message):
    with pytest.raises(ValidationError) as error:
        validate_county_code(code)

    assert message in error.value.messages[0]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("33052300", "9 digits"),
        ("3305230011", "9 digits"),
        ("33052300a", "9 digits"),
        ("330523000", "not 000"),
    ],
)
def test_bad_township_codes_say_what_is_wrong(in_english, code, message):
    with pytest.raises(ValidationError) as error:
        validate_township_code(code)

    assert message in error.value.messages[0]


def test_the_county_form_takes_full_width_digits_and_spaces(in_english, db):
    form = CountyForm({"name": "长兴县", "code": "３３０ ５２２"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["code"] == "330522"


def test_a_county_code_is_unique(in_english, county):
    form = CountyForm({"name": "又一个安吉县", "code": county.code})

    assert not form.is_valid()
    assert form.errors["code"] == ["Another county already has this code."]


def test_a_township_code_starts_with_its_countys(in_english, county, other_county):
    good = TownshipForm({"name": "孝丰镇", "code": "330523101"}, county=county)
    elsewhere = TownshipForm({"name": "孝丰镇", "code": "330521101"}, county=county)
    without = TownshipForm({"name": "孝丰镇", "code": ""}, county=county)

    assert good.is_valid(), good.errors
    assert without.is_valid(), without.errors
    assert not elsewhere.is_valid()
    assert elsewhere.errors["code"] == ["A township's code starts with its county's code, 330523."]


def test_a_township_code_and_name_are_unique(in_english, county, township):
    township.code = "330523001"
    township.save()
    TownshipFactory(county=county, name="孝丰镇")

    form = TownshipForm({"name": "孝丰镇", "code": "330523001"}, county=county)

    assert not form.is_valid()
    assert form.errors["name"] == ["This county already has a township of that name."]
    assert form.errors["code"] == ["Another township already has this code."]


def test_two_townships_may_both_have_no_code(county):
    for name in ["甲镇", "乙镇"]:
        Township(county=county, name=name, code="").full_clean()
        Township.objects.create(county=county, name=name)

    assert Township.objects.filter(county=county, code="").count() == 2


def test_the_database_keeps_a_county_code_to_six_characters():
    assert County._meta.get_field("code").max_length == 6
