"""The axe-core check itself: it catches a page with serious problems, passes a clean one, and
checks a page the test left before axe had finished with it."""

from .accessibility import AxeWatch
from .browser import PHONE

BROKEN = """<!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main>
<p style="color:#bbb;background:#fff">Grey on white is hard to read.</p>
<img src="/x.png"><a href="/next"></a></main></body></html>"""
CLEAN = """<!DOCTYPE html><html lang="en"><head><title>Clean</title></head><body><main>
<h1>Fine</h1><p>Black on white.</p><a href="/next">Next page</a></main></body></html>"""


def watched(browser, pages, *, first_delay_ms=0):
    """A context serving `pages` at http://site.test, watched by axe; the first page it opens
    has axe wait `first_delay_ms` before it starts."""
    context = browser.new_context(viewport=PHONE)
    watch = AxeWatch(context)

    def answer(route):
        body = pages.get(route.request.url.removeprefix("http://site.test"))
        if body is None:
            route.fulfill(status=404, body="")
        else:
            route.fulfill(body=body, content_type="text/html")

    context.route("http://site.test/**", answer)
    if first_delay_ms:
        context.add_init_script(
            "if (!localStorage.seen) { localStorage.seen = 1; "
            f"window.__axeDelayMs = {first_delay_ms}; }}"
        )
    return watch, context.new_page()


def test_axe_finds_serious_problems_and_passes_a_clean_page(browser):
    watch, page = watched(browser, {"/broken": BROKEN, "/clean": CLEAN})
    page.goto("http://site.test/clean")
    page.goto("http://site.test/broken")

    problems = watch.finish()
    watch.context.close()

    assert "http://site.test/clean" not in problems
    assert "http://site.test/broken" in problems
    for rule in ("color-contrast", "image-alt", "link-name"):
        assert rule in problems
    assert watch.pages_checked == 2


def test_a_page_left_at_once_is_checked_at_the_end(browser):
    # On the first page, axe waits a minute before it starts: the test moves on first, and the
    # check opens that page again at the end, in a new tab.
    watch, page = watched(browser, {"/broken": BROKEN, "/clean": CLEAN}, first_delay_ms=60000)
    page.goto("http://site.test/broken")
    page.goto("http://site.test/clean")
    assert "http://site.test/broken" not in watch.checked

    problems = watch.finish()
    watch.context.close()

    assert "http://site.test/broken" in problems


FADING = """<!DOCTYPE html><html lang="en"><head><title>Saved</title></head><body><main>
<div class="messages"><ul><li style="color:#ccc;background:#fff">Saved.</li></ul></div>
<p style="color:#ccc;background:#fff">Grey outside the banner.</p></main></body></html>"""


def test_only_wagtails_fading_banner_in_the_admin_is_let_off(browser):
    watch, page = watched(browser, {"/admin/saved": FADING, "/saved": FADING})
    page.goto("http://site.test/admin/saved")
    page.goto("http://site.test/saved")

    watch.finish()
    watch.context.close()

    def contrast_targets(url):
        found = [v for v in watch.checked[url] if v["id"] == "color-contrast"]
        return " ".join(" ".join(v["targets"]) for v in found)

    assert contrast_targets("http://site.test/admin/saved") == "p"  # not the banner
    assert "li" in contrast_targets("http://site.test/saved")  # the banner too, outside the admin
