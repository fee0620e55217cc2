"""A course's audience (deputy levels, townships) decides who may choose an elective and whom
"everyone it is meant for" assigns; a due date that has passed shows as overdue."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.factories import LessonPageFactory
from courses.models import Enrolment
from courses.selectors import courses_for_staff, my_learning
from courses.services import EnrolmentError, enrol
from deputies.factories import DeputyFactory
from deputies.models import Deputy

from .assigning import assign


@pytest.fixture
def county_deputy(station):
    return DeputyFactory(
        station=station, level=Deputy.Level.COUNTY, user__name="县代表", user__mobile="13600000005"
    )


def test_an_elective_for_township_deputies_is_not_offered_to_county_deputies(
    client, elective, deputy, county_deputy
):
    elective.for_county_deputies = False
    elective.save()

    assert elective.is_for(deputy) and not elective.is_for(county_deputy)
    with pytest.raises(EnrolmentError, match="本课程面向乡镇人大代表。"):
        enrol(deputy=county_deputy, course=elective)
    client.force_login(county_deputy.user)
    # The page names whom the elective is meant for, in either language.
    page = client.get(elective.url, headers={"accept-language": "en"}).content.decode()
    assert "This elective is meant for: Township deputies." in page
    assert "Take this elective" not in page
    page = client.get(elective.url, headers={"accept-language": "zh-hans"}).content.decode()
    assert "本课程面向乡镇人大代表。" in page and "其他代表" not in page
    response = client.post(
        reverse("enrol_elective", args=[elective.pk]), headers={"accept-language": "en"}
    )
    assert response.status_code == 302
    assert not Enrolment.objects.exists()


def test_a_course_limited_to_townships_names_them(
    client, elective, deputy, other_township, other_township_deputy
):
    elective.townships.set([other_township])
    elective.save()

    assert elective.is_for(other_township_deputy) and not elective.is_for(deputy)
    client.force_login(other_township_deputy.user)
    page = client.get(elective.url, headers={"accept-language": "en"}).content.decode()
    assert "County and township deputies（孝丰镇）" in page


def test_assigning_to_the_audience_takes_only_those_it_is_meant_for_in_scope(
    client,
    course,
    township_staff,
    deputy,
    county_deputy,
    other_station_deputy,
    other_township_deputy,
):
    course.for_county_deputies = False
    course.save()
    client.force_login(township_staff)
    form = client.get(reverse("course_assign", args=[course.pk]), headers={"accept-language": "en"})
    assert "Everyone the course is meant for in your area (2 deputies)" in form.content.decode()

    response = assign(client, course, {"audience": "on"})

    assert response.status_code == 302
    names = set(Enrolment.objects.values_list("deputy__user__name", flat=True))
    # Township deputies of the staff member's township only: not the county deputy, not the
    # deputy of another township.
    assert names == {deputy.user.name, other_station_deputy.user.name}


def test_an_overdue_course_shows_on_my_learning_and_to_staff(
    client, course, deputy, other_station_deputy, station_staff
):
    LessonPageFactory(parent=course, slug="only")
    course.due_date = timezone.localdate() - timedelta(days=1)
    course.save()
    enrol(deputy=deputy, course=course, assigned_by=station_staff)

    assert my_learning(deputy)[0].overdue
    assert Enrolment.objects.overdue().count() == 1
    assert Enrolment.objects.overdue(on=course.due_date).count() == 0  # due that day: not late
    client.force_login(deputy.user)
    home = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert "Overdue: was due" in home
    [row] = [c for c in courses_for_staff(Deputy.objects.all()) if c.pk == course.pk]
    assert (row.enrolled, row.completed, row.overdue) == (1, 0, 1)
    client.force_login(station_staff)
    overview = client.get(reverse("course_overview"), headers={"accept-language": "en"})
    assert "1 overdue" in overview.content.decode()


def test_a_completed_course_is_never_overdue(deputy, course, station_staff):
    LessonPageFactory(parent=course, slug="only")
    course.due_date = timezone.localdate() - timedelta(days=1)
    course.save()
    enrolment = enrol(deputy=deputy, course=course, assigned_by=station_staff)
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=timezone.now())

    assert not my_learning(deputy)[0].overdue
    assert not Enrolment.objects.overdue().exists()
