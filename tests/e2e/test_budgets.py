"""A deputy reads the demo's budget exercise from the writing practice list: the table by side
with its changes and the livelihood lines, fitting a phone and a desktop, in both languages; and
an editor uploads a table and approves a proposed question in the content admin."""

import pytest

from deliberation.budgets.demo import seed_budget_exercise
from deputies.factories import DeputyFactory, UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "budget-pass-2026"
WORDS = {
    "zh-hans": {"link": "练习读懂预算表", "howto": "怎样看预算", "livelihood": "民生"},
    "en": {
        "link": "Practise reading a budget's tables",
        "howto": "How to read a budget",
        "livelihood": "livelihood",
    },
}


@pytest.fixture
def exercise():
    return seed_budget_exercise()


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_deputy_reads_a_budget(new_page, screenshot, exercise, size, language):
    DeputyFactory(user__mobile="13600000031", user__name="读表代表", user__password=PASSWORD)
    words = WORDS[language]
    page = new_page(PHONE if size == "phone" else DESKTOP, language)
    sign_in(page, "13600000031", PASSWORD)
    page.goto("/proposals/")
    page.get_by_role("link", name=words["link"]).click()
    with page.expect_navigation():
        page.get_by_role("link", name=exercise.title).first.click()
    assert page.locator("h1").inner_text() == exercise.title
    transport = page.locator(".budget-line", has_text="交通运输支出")
    assert "+148" in transport.inner_text() and "+40.7%" in transport.inner_text()
    assert page.locator(".budget-line .badge", has_text=words["livelihood"]).count() == 6
    assert words["howto"] in page.content()
    assert_fits(page)
    screenshot(page, f"budget-{size}-{language}")


def test_an_editor_proposes_and_approves_a_question(new_page, screenshot, exercise):
    editor = UserFactory(mobile="13700000044", name="编辑", password=PASSWORD)
    grant_role(user=editor, kind=StaffRole.Kind.EDITOR)
    page = new_page(DESKTOP, "zh-hans")
    sign_in(page, "13700000044", PASSWORD)
    page.goto(f"/admin/deliberation/budgets/{exercise.pk}/table/")
    assert "交通运输支出" in page.content()
    screenshot(page, "budget-admin-table")
    pending = exercise.proposals.pending().count()
    with page.expect_navigation():
        page.locator(".cloze-proposal").first.get_by_role("button", name="采用", exact=True).click()
    assert exercise.proposals.pending().count() == pending - 1
    screenshot(page, "budget-admin-approved")
