"""A deputy reads a law on a phone: library, contents, an article, what changed, search."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from deputies.demo import DEMO_PASSWORD
from materials.lawtext import parse_law
from materials.services import import_law

from ..materials.texts import AMENDED, SAMPLE
from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def library(demo):
    import_law(parsed=parse_law(SAMPLE))
    import_law(parsed=parse_law(AMENDED))


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_deputy_reads_a_law_and_sees_what_changed(library, new_page, screenshot, size):
    page = new_page(PHONE if size == "phone" else DESKTOP, "zh-hans")
    sign_in(page, "13900000001", DEMO_PASSWORD)

    with page.expect_navigation():
        page.get_by_role("link", name="法律法规库").first.click()
    with page.expect_navigation():
        page.get_by_role("link", name="某某县村务议事规则").click()
    assert_fits(page)
    screenshot(page, f"law-reader-{size}-zh")

    page.get_by_role("link", name="第二章　议事程序").click()
    assert page.locator("#chapter-2").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="第四条", exact=True).click()
    assert "（一）村民委员会；" in page.locator("main").inner_text()
    assert "现行有效" in page.locator("main").inner_text()
    screenshot(page, f"law-article-{size}-zh")

    with page.expect_navigation():
        page.get_by_role("link", name="第五条 →").click()
    expect(page).to_have_url(re.compile(r"/articles/5/$"))

    page.goto(page.url.split("articles/")[0] + "changes/")
    main = page.locator("main").inner_text()
    assert "原第三条 → 现第四条" in main and "原第四条" in main
    assert page.locator("ins").first.inner_text() == "保障村民参与，"
    assert_fits(page)
    screenshot(page, f"law-changes-{size}-zh")

    # The filters work without script; the jump list leads to the change.
    with page.expect_navigation():
        page.get_by_role("link", name="删除 1").click()
    assert page.locator("li.change").count() == 1
    page.get_by_role("link", name="原第四条", exact=True).click()
    assert page.locator("#change-4").is_visible()
    assert_fits(page)
    screenshot(page, f"law-changes-removed-{size}-zh")

    # 旧版条号查询 on the law's page: the 2024 handbook's article 3 is article 4 now.
    page.goto(page.url.split("changes/")[0])
    page.get_by_text("旧版条号查询").click()
    page.get_by_label("条序号").fill("第三条")
    with page.expect_navigation():
        page.get_by_role("button", name="查找").click()
    main = page.locator("main").inner_text()
    assert "原第三条 → 现第四条" in main and "（一）村民委员会；" in main
    assert_fits(page)
    screenshot(page, f"law-old-number-{size}-zh")


def test_search_from_the_home_page(library, new_page, screenshot):
    page = new_page(PHONE, "en")
    sign_in(page, "13900000001", DEMO_PASSWORD)

    page.get_by_role("searchbox").first.fill("村务公开")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").first.click()

    assert "1 result for “村务公开”" in page.locator("main").inner_text()
    assert page.locator("mark").first.inner_text() == "村务公开"
    with page.expect_navigation():
        page.get_by_role("link", name="某某县村务议事规则 第三条").click()
    expect(page).to_have_url(re.compile(r"/articles/3/$"))
    screenshot(page, "search-phone-en")


def test_deputy_follows_an_article_link_from_a_lesson(new_page, screenshot, shared_laws):
    call_command("seed_demo", "--laws", str(shared_laws), stdout=io.StringIO())
    page = new_page(PHONE, "en")
    sign_in(page, "13900000001", DEMO_PASSWORD)

    with page.expect_navigation():
        page.locator(".tab-bar__tab[data-tab=learn]").click()  # 学习 (Learn) on a phone
    with page.expect_navigation():
        page.get_by_role("link", name="代表法入门：新任代表必读").click()
    with page.expect_navigation():
        page.get_by_role("link", name="第二课　代表的权利和义务", exact=True).click()
    assert_fits(page)
    screenshot(page, "lesson-phone-en")

    with page.expect_navigation():
        page.get_by_role("link", name="代表法 第七条").click()
    expect(page).to_have_url(re.compile(r"/laws/daibiaofa/articles/7/$"))
    assert "代表享有下列权利" in page.locator("main").inner_text()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_lesson_on_a_law_not_imported_leads_to_its_study_notes(demo, new_page, screenshot, size):
    """Without ../shared/laws: the election course quotes study notes, which lead to the law's
    page of notes; the course, past due, shows as overdue on the deputy's home page."""
    page = new_page(PHONE if size == "phone" else DESKTOP, "zh-hans")
    sign_in(page, "13900000001", DEMO_PASSWORD)

    assert "已逾期" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="开始学习：第一课 谁来选，选出谁").click()
    assert_fits(page)
    screenshot(page, f"lesson-study-note-{size}-zh")

    with page.expect_navigation():
        page.get_by_role("link", name="选举法 第三条").first.click()
    expect(page).to_have_url(re.compile(r"/laws/xuanjufa/#note-3$"))
    assert page.locator("#note-3").is_visible()
    assert "正式文本尚未收入法规库" in page.locator("main").inner_text()
    assert_fits(page)
    screenshot(page, f"law-notes-{size}-zh")
