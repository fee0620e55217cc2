"""Staff assign courses to the deputies they may see, and only those."""

from django.urls import reverse

from courses.models import Enrolment
from deputies.factories import DeputyFactory

from .conftest import add_lesson


def enrolled(course):
    return set(Enrolment.objects.filter(course=course).values_list("deputy__user__name", flat=True))


def test_township_staff_assign_a_whole_station(
    client, course, township_staff, station, deputy, other_station_deputy
):
    client.force_login(township_staff)

    response = client.post(
        reverse("course_assign", args=[course.pk]),
        {"stations": [station.pk]},
        headers={"accept-language": "en"},
    )

    assert response.status_code == 302
    assert enrolled(course) == {deputy.user.name}
    again = client.post(reverse("course_assign", args=[course.pk]), {"stations": [station.pk]})
    assert again.status_code == 302 and Enrolment.objects.count() == 1
    page = client.get(reverse("course_overview"), headers={"accept-language": "en"})
    assert "1 of your deputies take it; 0 have completed it." in page.content.decode()


def test_county_officer_assigns_a_township(
    client, course, county_officer, township, deputy, other_station_deputy, other_county_deputy
):
    client.force_login(county_officer)
    client.post(reverse("course_assign", args=[course.pk]), {"townships": [township.pk]})
    assert enrolled(course) == {deputy.user.name, other_station_deputy.user.name}


def test_station_staff_cannot_reach_other_stations(
    client, course, station_staff, deputy, other_station_deputy, other_station
):
    client.force_login(station_staff)

    response = client.post(
        reverse("course_assign", args=[course.pk]),
        {"stations": [other_station.pk], "deputies": [other_station_deputy.pk]},
        headers={"accept-language": "en"},
    )

    assert response.status_code == 400  # not a choice they are offered
    assert not Enrolment.objects.exists()


def test_choosing_nobody_is_explained(client, course, station_staff):
    client.force_login(station_staff)
    response = client.post(
        reverse("course_assign", args=[course.pk]), {}, headers={"accept-language": "en"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose the course&#x27;s audience, or at least one township" in html


def test_chosen_deputies_only(client, course, station_staff, station, deputy):
    other = DeputyFactory(station=station, user__mobile="13600000021")
    client.force_login(station_staff)
    client.post(reverse("course_assign", args=[course.pk]), {"deputies": [other.pk]})
    assert enrolled(course) == {other.user.name}


def test_deputies_and_editors_do_not_assign(client, course, deputy, editor):
    for user in (deputy.user, editor):
        client.force_login(user)
        assert client.get(reverse("course_overview")).status_code == 404
        assert client.get(reverse("course_assign", args=[course.pk])).status_code == 404


def test_overview_queries_do_not_grow(client, course_index, course, county_officer, station,
                                      django_assert_max_num_queries):  # fmt: skip
    add_lesson(course, "a")
    for n in range(30):
        DeputyFactory(station=station, user__mobile=f"135{n:08d}")
    client.force_login(county_officer)
    client.get(reverse("course_overview"))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("course_overview")).status_code == 200
