"""A deputy new in the term sees their initial training (初任培训) on the phone: the card at
the top of the home page, then the programme's page, in large text too, Chinese and English;
a county officer exempts a re-elected deputy from the register. Nothing sticks out sideways,
and axe-core (every page, see accessibility.py) finds nothing serious. Screenshots are kept
with E2E_SCREENSHOTS=DIR."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import CourseIndexPage, ProgrammeAssignment
from deputies.factories import PASSWORD, DeputyFactory, LiaisonStationFactory, UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role
from studysessions.factories import StudySessionFactory
from tests.courses.programme_helpers import (
    add_course,
    finish_courses,
    make_programme,
    open_new_term,
    open_term,
    seat,
)

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _world():
    from wagtail.models import Site

    root = Site.objects.get(is_default_site=True).root_page
    index = root.add_child(instance=CourseIndexPage(title="学习课程", slug="courses"))
    courses = [
        add_course(index, "daibiaofa-rumen"),
        add_course(index, "xuanjufa-yaodian"),
        add_course(index, "difang-zuzhifa"),
    ]
    programme = make_programme(courses, study_hours="4.0")
    station = LiaisonStationFactory(name="递铺代表联络站", township__name="递铺街道")
    new = DeputyFactory(station=station, user__name="王秀英", user__mobile="13600000001")
    again = DeputyFactory(station=station, user__name="陈丽", user__mobile="13600000005")
    term = open_term(station.township, starts_on=timezone.localdate() - timedelta(days=7))
    seat([new], term)
    seat([again], term, reelected=True)
    open_new_term(term=term, new=[new], reelected=[again], choice="required")
    finish_courses(new, courses[:1])
    StudySessionFactory(station=station, starts_in=timedelta(days=3), topic="集中学习：选举法要点")
    officer = UserFactory(name="县人大干部", mobile="13700000003")
    grant_role(user=officer, kind=StaffRole.Kind.COUNTY, place=station.township.county)
    return programme, new, again, officer


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_new_deputy_sees_initial_training_on_the_phone(new_page, screenshot, language):
    programme, deputy, _again, _officer = _world()
    page = new_page(PHONE, language)
    sign_in(page, deputy.user.mobile, PASSWORD)
    card = page.locator(".programme-card")
    assert card.count() == 1
    words = "课程 1/3" if language == "zh-hans" else "Courses 1/3"
    assert words in card.inner_text()
    assert_fits(page)
    screenshot(page, f"programme-home-{language}")

    with page.expect_navigation():
        card.get_by_role("link").last.click()
    expect(page).to_have_url(re.compile(f"/learn/programmes/{programme.pk}/$"))
    assert page.locator(".programme-steps__item").count() >= 3
    assert_fits(page)
    screenshot(page, f"programme-page-{language}")

    with page.expect_navigation():
        page.locator(".display-controls form").last.get_by_role("button").click()
    assert "large-font" in page.locator("html").get_attribute("class")
    assert_fits(page)
    screenshot(page, f"programme-page-large-{language}")


def test_a_county_officer_exempts_a_re_elected_deputy(new_page, screenshot):
    programme, _deputy, again, officer = _world()
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = new_page(viewport)
        sign_in(page, officer.mobile, PASSWORD)
        page.goto(f"/staff/programmes/{programme.pk}/")
        assert_fits(page)
        screenshot(page, f"programme-register-{size}")
    row = page.locator(".programme-row", has_text="陈丽")
    row.locator("select[name=kind]").select_option("exempted")
    row.locator("input[name=note]").fill("已参加市级初任培训")
    with page.expect_navigation():
        row.get_by_role("button").click()
    assignment = ProgrammeAssignment.objects.get(deputy=again)
    assert (assignment.kind, assignment.note) == ("exempted", "已参加市级初任培训")
