"""Large-text mode on the pages deputies and officers use most, at phone size and at desktop
size: nothing sticks out sideways, the text really is larger, and axe-core (which every page
here runs, see accessibility.py) finds the colours still readable. Screenshots of each are kept
with E2E_SCREENSHOTS=DIR for a person to look at."""

import pytest

from courses.models import LessonPage
from deputies.demo import DEMO_PASSWORD
from deputies.models import Deputy, User
from materials.lawtext import parse_law
from materials.services import import_law
from quizzes.models import Quiz
from quizzes.services import start_attempt

from ..materials.texts import SAMPLE
from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TEXT_PX = 16 * 1.25  # the body text in large-text mode (site.css: html.large-font)


def body_text_px(page) -> float:
    return page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('main p, main li, main td')).fontSize)"
    )


@pytest.mark.parametrize(
    ("size", "language"), [("phone", "zh-hans"), ("desktop", "en")], ids=["phone", "desktop"]
)
def test_large_text_on_the_main_pages(demo, new_page, screenshot, size, language):
    law = import_law(parsed=parse_law(SAMPLE)).version.law
    deputy = Deputy.objects.get(user__mobile="13900000001")
    attempt = start_attempt(quiz=Quiz.objects.order_by("pk").first(), deputy=deputy)
    viewport = PHONE if size == "phone" else DESKTOP
    reader_pages = {
        "home": "/",
        "lesson": LessonPage.objects.live().get(slug="bihui-qijian").url,
        "quiz": f"/quizzes/attempts/{attempt.pk}/",
        "writing": "/proposals/",
        "certificates": "/certificates/",
        "group-study": "/study/",
        "law": law.url,
    }

    page = new_page(viewport, language)
    sign_in(page, deputy.user.mobile, DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator(".display-controls form").last.get_by_role("button").click()
    assert "large-font" in page.locator("html").get_attribute("class")
    for name, path in reader_pages.items():
        page.goto(path)
        assert body_text_px(page) >= TEXT_PX, name
        assert_fits(page)
        screenshot(page, f"large-text-{name}-{size}-{language}")

    officer = User.objects.get(mobile="13700000001")
    county = officer.staff_roles.get(kind="county").county
    township = county.townships.order_by("name").first()
    page = new_page(viewport, language)
    sign_in(page, officer.mobile, DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator(".display-controls form").last.get_by_role("button").click()
    for name, path in {
        "dashboard": f"/dashboard/counties/{county.pk}/",
        "township": f"/dashboard/townships/{township.pk}/",
        "deputies": "/staff/deputies/",
    }.items():
        page.goto(path)
        assert body_text_px(page) >= TEXT_PX, name
        assert_fits(page)
        screenshot(page, f"large-text-{name}-{size}-{language}")
