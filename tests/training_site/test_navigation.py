"""The phone's navigation: the bottom tab bar fitted to the role, the Me page that lists the
rest, the quiz page without either, and the favicon. What the bar looks like and how much of the
screen it takes is measured in the browser (tests/e2e/test_navigation.py)."""

import re
from datetime import date

import pytest
from django.urls import reverse, set_script_prefix

from courses.factories import PlacedQuizFactory, course_index
from deputies.models import Term
from deputies.terms import leave_office, set_term_start
from materials.lawtext import parse_law
from materials.services import import_law
from notifications.services import notify
from quizzes.factories import TrueFalseQuestionFactory
from quizzes.services import start_attempt

from ..materials.texts import SAMPLE

ME = reverse("me")
# The Me page, as any page with the menu: the session and its user, the scope, the page tree's
# two sections, the unread count; and the deputy's township and station. The same however many
# sections and rows it lists.
QUERIES = 8


def tabs(html: str) -> list[tuple[str, str]]:
    """(data-tab, href) of each tab in the bar, in order."""
    bar = html[html.index('class="tab-bar"') : html.index("</nav>", html.index('class="tab-bar"'))]
    return re.findall(r'href="([^"]+)" data-tab="(\w+)"', bar)


def current_tab(html: str) -> str | None:
    match = re.search(r'data-tab="(\w+)" aria-current="page"', html)
    return match.group(1) if match else None


@pytest.fixture
def sections(db):
    """The course list and the law library, as the demo and a real site have them."""
    index = course_index()
    law = import_law(parsed=parse_law(SAMPLE)).version.law
    return index, law


def test_a_deputy_has_five_tabs_and_the_current_one_is_marked(client, deputy, sections):
    index, law = sections
    client.force_login(deputy.user)
    home = client.get(reverse("home")).text
    assert [key for _, key in tabs(home)] == ["home", "learn", "practice", "writing", "me"]
    assert {key: url for url, key in tabs(home)} == {
        "home": "/",
        "learn": index.url,
        "practice": reverse("practice:book"),
        "writing": reverse("proposals:list"),
        "me": ME,
    }
    assert current_tab(home) == "home"
    # The law library belongs to 学习, the notifications to 我的.
    assert current_tab(client.get(law.url).text) == "learn"
    assert current_tab(client.get(reverse("notifications:list")).text) == "me"
    assert current_tab(client.get(reverse("proposals:list")).text) == "writing"
    assert current_tab(client.get(reverse("practice:book")).text) == "practice"


def test_the_menus_addresses_follow_the_prefix_the_site_is_served_under(client, deputy, sections):
    """The menus' addresses are reversed once a process (training_site.menu.menu_urls), for
    each script prefix: a county serving the site under /county/ gets links that stay there,
    and the same process serving it at the root gets root links again."""
    client.force_login(deputy.user)
    # What the WSGI handler does with SCRIPT_NAME (the test client does not).
    set_script_prefix("/county/")
    try:
        prefixed = client.get(reverse("home")).text
    finally:
        set_script_prefix("/")
    assert {url for url, _ in tabs(prefixed)} >= {"/county/", "/county" + ME}
    assert 'href="/county/practice/"' in prefixed  # the full menu too
    plain = client.get(reverse("home")).text
    assert {url for url, _ in tabs(plain)} >= {"/", ME}
    assert "/county" not in plain


def test_staff_have_their_own_tabs(client, station_staff, sections):
    client.force_login(station_staff)
    page = client.get(reverse("deputy_list")).text
    assert [key for _, key in tabs(page)] == ["home", "deputies", "study", "review", "me"]
    assert current_tab(page) == "deputies"
    assert current_tab(client.get(reverse("proposals:review_queue")).text) == "review"


def test_the_tab_labels_are_short_in_chinese(client, deputy, sections):
    client.force_login(deputy.user)
    client.cookies["django_language"] = "zh-hans"
    home = client.get(reverse("home"), headers={"accept-language": "zh-hans"}).text
    labels = re.findall(r'<span class="tab-bar__label">([^<]+)</span>', home)
    assert labels == ["首页", "学习", "练习", "写作", "我的"]


def test_the_me_tab_shows_the_unread_count(client, deputy, sections):
    notify([deputy.user], title="一")
    notify([deputy.user], title="二")
    client.force_login(deputy.user)
    home = client.get(reverse("home")).text
    me_tab = home[home.index('data-tab="me"') : home.index("</a>", home.index('data-tab="me"'))]
    assert '<span class="tab-bar__badge" aria-hidden="true">2</span>' in me_tab
    client.post(reverse("notifications:mark_read"))
    assert "tab-bar__badge" not in client.get(reverse("home")).text


def test_the_me_page_lists_everything_else(client, deputy, sections, django_assert_max_num_queries):
    _, law = sections
    notify([deputy.user], title="一")
    client.force_login(deputy.user)
    client.get(ME)  # the session and the scope's caches warm up as on any second page
    with django_assert_max_num_queries(QUERIES):
        page = client.get(ME).text
    assert deputy.user.name in page
    for url in (
        law.get_parent().url,
        reverse("certificates:mine"),
        reverse("studysessions:mine"),
        reverse("reports:archive"),
        reverse("search"),
        reverse("offline_kept"),
        reverse("notifications:list"),
        reverse("password_change"),
    ):
        assert f'href="{url}"' in page, url
    assert f'action="{reverse("logout")}"' in page
    assert "nav-badge" in page
    # A deputy sees no staff tools.
    assert reverse("dashboard:home") not in page.split('class="me-section"', 1)[1]
    assert 'href="/admin/"' not in page


def test_the_me_page_gives_staff_their_tools(client, county_officer, sections):
    client.force_login(county_officer)
    page = client.get(ME).text
    me = page[page.index('class="me-section"') :]
    for url in (
        reverse("dashboard:home"),
        reverse("course_overview"),
        reverse("send_notice"),
        reverse("quiz_staff:results"),
        reverse("certificates:staff_list"),
        reverse("roster_upload"),
    ):
        assert f'href="{url}"' in me, url
    assert f'href="{reverse("certificates:mine")}"' not in me  # a staff member who is no deputy


def test_the_me_page_is_for_signed_in_users(client, db):
    response = client.get(ME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_former_deputy_keeps_their_few_links(client, deputy, sections):
    set_term_start(Term.objects.get(township=deputy.township), date(2022, 1, 5))
    deputy.refresh_from_db()
    leave_office(deputy, on=date.today(), reason="moved")
    client.force_login(deputy.user)
    archive = client.get(reverse("reports:archive")).text
    assert [key for _, key in tabs(archive)] == ["archive", "certificates", "me"]
    me = client.get(ME)
    assert me.status_code == 200
    listed = me.text[me.text.index('class="me-section"') :]
    assert reverse("certificates:mine") in listed and reverse("password_change") in listed
    assert reverse("proposals:list") not in listed and reverse("search") not in listed


def test_the_quiz_page_shows_nothing_but_the_quiz(client, deputy, sections):
    quiz = PlacedQuizFactory(questions=[TrueFalseQuestionFactory()])
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    client.force_login(deputy.user)
    page = client.get(reverse("quizzes:take", args=[attempt.pk])).text
    assert 'class="tab-bar"' not in page and 'class="main-nav"' not in page
    assert "has-tab-bar" not in page
    assert 'class="site-header__brand" href="/"' in page  # the way out
    assert "data-quiz" in page
    assert 'class="tab-bar"' in client.get(reverse("home")).text


def test_every_page_names_its_icon_and_favicon_ico_answers(client, db):
    page = client.get(reverse("login")).text
    assert 'rel="icon" href="/static/icons/favicon.svg"' in page
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/icons/favicon.ico"


def test_the_icon_files_are_real_images():
    from pathlib import Path

    from django.conf import settings
    from PIL import Image

    icons = Path(settings.BASE_DIR) / "static" / "icons"
    with Image.open(icons / "favicon.ico") as ico:
        assert ico.format == "ICO" and (32, 32) in ico.info["sizes"]
    with Image.open(icons / "favicon-32.png") as png:
        assert png.size == (32, 32)
    assert (icons / "favicon.svg").read_text().startswith("<svg")


def test_the_favicon_answers_a_user_who_must_change_their_password(client, deputy):
    deputy.user.must_change_password = True
    deputy.user.save(update_fields=["must_change_password"])
    client.force_login(deputy.user)
    assert client.get(reverse("home"))["Location"] == reverse("password_change")
    assert client.get("/favicon.ico")["Location"] == "/static/icons/favicon.ico"
