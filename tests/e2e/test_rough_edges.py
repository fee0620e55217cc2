"""Rough edges found when the site was tried on a phone (issue 23): the verification page
answering a mistyped code, the learning archive on a 390 px screen, search results grouped by
kind, and the dashboard's bar chart keeping every station's name whole."""

import pytest

from deputies.demo import DEMO_PASSWORD
from deputies.models import LiaisonStation

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Any cell of the archive whose text is taller than one line while a single word (学时) fits
# on one line is a word broken in two; on a phone the archive has no table at all.
ARCHIVE_LAYOUT = """() => {
  const tables = [...document.querySelectorAll('.archive table')];
  return tables.map(t => ({
    display: getComputedStyle(t).display,
    headVisible: t.tHead ? t.tHead.getBoundingClientRect().height > 0 : false,
    wide: [...t.querySelectorAll('tr')].some(r => r.scrollWidth > r.clientWidth + 1),
    labels: [...t.querySelectorAll('[data-label]')].filter(c => c.offsetParent !== null).map(
      c => getComputedStyle(c, '::before').content),
    headHeights: [...t.querySelectorAll('thead th')].map(th => {
      const lh = parseFloat(getComputedStyle(th).lineHeight) || 24;
      return th.getBoundingClientRect().height / (lh + 16);  // 16: the cell's padding
    }),
  }));
}"""


def test_a_mistyped_code_gets_the_form_back_on_a_phone(demo, new_page, screenshot):
    page = new_page(PHONE, "zh-hans")
    page.goto("/verify/")
    page.get_by_label("核验码").fill("Ab3-xY_9kLmN0pQrStUv-w")
    response_status = []
    page.on("response", lambda r: response_status.append(r.status) if "/verify/" in r.url else None)
    with page.expect_navigation():
        page.get_by_role("button", name="核验").click()
    assert 404 in response_status
    assert page.get_by_role("alert").inner_text().startswith("未找到该核验码，请核对。")
    assert page.get_by_label("核验码").input_value() == "Ab3-xY_9kLmN0pQrStUv-w"
    assert page.get_by_label("核验码").get_attribute("autocapitalize") == "none"
    assert_fits(page)
    screenshot(page, "verify-not-found-phone-zh")

    english = new_page(PHONE, "en")
    english.goto("/verify/ab3-xy_9klmn0pqrstuv-w/")
    assert (
        "No certificate has this code. Please check it."
        in english.get_by_role("alert").inner_text()
    )
    assert english.get_by_label("Verification code").input_value() == "ab3-xy_9klmn0pqrstuv-w"
    assert_fits(english)
    screenshot(english, "verify-not-found-phone-en")


def test_the_archive_is_cards_on_a_phone_and_tables_on_a_pc(demo, new_page, screenshot):
    phone = new_page(PHONE, "zh-hans")
    sign_in(phone, "13900000002", DEMO_PASSWORD)
    phone.goto("/archive/")
    tables = phone.evaluate(ARCHIVE_LAYOUT)
    assert tables, "the demo deputy's archive has tables"
    for table in tables:
        assert table["display"] == "block" and not table["headVisible"]
        assert not table["wide"]
        assert table["labels"] and all(label not in ("none", '""') for label in table["labels"])
    assert_fits(phone)
    screenshot(phone, "archive-deputy-phone-zh")
    with phone.expect_download() as download:
        phone.get_by_role("link", name="下载PDF").click()
    assert download.value.suggested_filename == "学习履职档案-李春梅.pdf"

    pc = new_page(DESKTOP, "zh-hans")
    sign_in(pc, "13900000002", DEMO_PASSWORD)
    pc.goto("/archive/")
    for table in pc.evaluate(ARCHIVE_LAYOUT):
        assert table["display"] == "table" and table["headVisible"]
        assert all(lines < 1.5 for lines in table["headHeights"]), table["headHeights"]
    assert_fits(pc)


def test_search_results_are_grouped_with_jump_links(demo, new_page, screenshot):
    page = new_page(PHONE, "zh-hans")
    page.goto("/search/?q=议案")
    summary = page.locator(".search-summary")
    assert "与“议案”有关的结果" in summary.inner_text()
    links = page.locator(".search-groups a")
    assert links.count() >= 2
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box["height"] >= 44
    last = links.nth(links.count() - 1)
    target = last.get_attribute("href")
    last.click()
    heading = page.locator(target)
    page.wait_for_function(f"location.hash === '{target}'")
    top = heading.bounding_box()["y"]
    assert 0 <= top < PHONE["height"] / 2
    assert_fits(page)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "search-grouped-phone-zh")

    english = new_page(PHONE, "en")
    english.goto("/search/?q=议案")
    assert "results for “议案”, by kind:" in english.locator(".search-summary").inner_text()
    assert_fits(english)
    screenshot(english, "search-grouped-phone-en")


CHART_NAMES = """() => [...document.querySelectorAll('.barchart__name')].map(n => ({
  text: n.textContent,
  cut: n.scrollWidth > n.clientWidth + 1 || getComputedStyle(n).textOverflow === 'ellipsis',
}))"""

CHART_WIDTHS = """() => [...document.querySelectorAll('figure.barchart')].map(f => {
  const card = f.closest('.card');
  const style = getComputedStyle(card);
  const inner = card.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [f.getBoundingClientRect().width, inner];
})"""


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_the_bar_chart_takes_its_card_and_keeps_names_whole(
    demo, new_page, screenshot, size, viewport
):
    long_name = "东街社区人大代表联络站（城关镇东片区老街临时办公点）"
    LiaisonStation.objects.filter(name="东街社区代表联络站").update(name=long_name)
    page = new_page(viewport, "zh-hans")
    sign_in(page, "13700000002", DEMO_PASSWORD)  # the township's staff: bars by station
    page.goto("/dashboard/")
    names = page.evaluate(CHART_NAMES)
    assert long_name in [name["text"] for name in names]
    assert not [name for name in names if name["cut"]]
    for width, inner in page.evaluate(CHART_WIDTHS):
        assert abs(width - inner) <= 1, (width, inner)
    # Every bar's track is as long as the others, so that bars compare.
    tracks = page.evaluate(
        "[...document.querySelectorAll('.barchart__track')].map(t => t.getBoundingClientRect())"
        ".map(r => [Math.round(r.left), Math.round(r.width)])"
    )
    assert len(set(map(tuple, tracks))) == 1, tracks
    assert_fits(page)
    page.locator("figure.barchart").first.scroll_into_view_if_needed()
    screenshot(page, f"dashboard-bars-{size}-zh")
