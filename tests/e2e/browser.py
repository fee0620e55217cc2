"""What the browser tests do again and again."""

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def sign_in(page, mobile, password):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", mobile)
    page.fill("input[name=password]", password)
    # Until the page the form posts to has loaded (wait_for_load_state alone can return at
    # once, while the sign-in page is still the one loaded).
    with page.expect_navigation():
        page.click("button[type=submit].button--primary")


def assert_fits(page):
    """Nothing sticks out sideways: a phone user never scrolls horizontally.

    A link clicked just before may still be loading its page: measured before the new
    document exists, there is nothing to measure (a fault seen once in CI).
    """
    page.wait_for_load_state("domcontentloaded")
    page.wait_for_function("document.documentElement !== null")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the viewport"


def open_from_menu(page, name, *, exact=False):
    """Follow a link of the site's menu as its user would: on a desktop the full menu shows
    it; on a phone (the bottom tab bar shown instead) it is a row of the 我的 (Me) page."""
    if page.locator(".tab-bar").is_visible():
        page.locator(".tab-bar__tab[data-tab=me]").click()
        link = page.locator(".me-list").get_by_role("link", name=name, exact=exact).first
    else:
        link = page.locator(".main-nav").get_by_role("link", name=name, exact=exact).first
    link.wait_for()
    with page.expect_navigation():
        link.click()
