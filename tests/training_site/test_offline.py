"""Offline use: the web app manifest, the service worker at /sw.js, the offline and kept pages,
the "Keep for offline reading" control, and the quiz answers a phone sends late or twice."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import StaticFilesStorage
from django.urls import reverse
from django.utils import translation
from PIL import Image

from courses.factories import CoursePageFactory, LessonPageFactory, PlacedQuizFactory
from materials.lawtext import parse_law
from materials.services import import_law
from quizzes.factories import SingleChoiceQuestionFactory, TrueFalseQuestionFactory
from quizzes.services import save_answer, start_attempt

from ..materials.texts import SAMPLE

MANIFEST = reverse("manifest")
WORKER = reverse("service_worker")
OFFLINE = reverse("offline")
KEPT = reverse("offline_kept")


class Scripts(HTMLParser):
    """The page's <script> tags and the text inside them."""

    def __init__(self):
        super().__init__()
        self.tags, self.inline, self._inside = [], [], False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.tags.append(dict(attrs))
            self._inside = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._inside = False

    def handle_data(self, data):
        if self._inside and data.strip():
            self.inline.append(data)


def scripts_of(html):
    parser = Scripts()
    parser.feed(html)
    return parser


def static_file(url):
    """The file a static URL names, found as the static files app finds it."""
    assert url.startswith(settings.STATIC_URL)
    return finders.find(url.removeprefix(settings.STATIC_URL))


# The manifest


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_manifest_names_the_app_in_the_pages_language(client, db, language):
    response = client.get(MANIFEST, {"lang": language})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    with translation.override(language):
        assert manifest["short_name"] == translation.gettext("Deputy training")
        assert manifest["name"] == translation.gettext("Deputy training platform")
    assert manifest["lang"] == language
    assert manifest["short_name"] == ("Deputy training" if language == "en" else "人大代表学习培训")
    assert manifest["start_url"] == "/" and manifest["scope"] == "/"
    assert manifest["display"] == "standalone"


def test_the_manifest_follows_the_readers_language_without_one_named(client, db):
    client.cookies["django_language"] = "en"
    assert client.get(MANIFEST).json()["lang"] == "en"
    client.cookies["django_language"] = "zh-hans"
    assert client.get(MANIFEST, {"lang": "fr"}).json()["lang"] == "zh-hans"


def test_the_manifest_colour_is_the_sites_red(client, db):
    css = Path(finders.find("css/site.css")).read_text()
    red = re.search(r"--red:\s*(#[0-9a-fA-F]{6})", css).group(1)

    assert client.get(MANIFEST).json()["theme_color"] == red


def test_the_manifest_icons_exist_at_their_sizes(client, db):
    icons = client.get(MANIFEST).json()["icons"]

    assert {(icon["sizes"], icon["purpose"]) for icon in icons} >= {
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    }
    for icon in icons:
        path = static_file(icon["src"])
        assert path, f"{icon['src']} is not among the static files"
        with Image.open(path) as image:
            assert image.format == "PNG" and icon["type"] == "image/png"
            assert f"{image.width}x{image.height}" == icon["sizes"]
    with Image.open(finders.find("icons/icon-maskable-512.png")) as maskable:
        # A maskable icon fills its square: no transparent corner for the phone to cut into.
        assert maskable.convert("RGBA").getpixel((0, 0))[3] == 255


def test_every_page_links_the_manifest_and_runs_no_inline_script(client, deputy):
    client.force_login(deputy.user)
    client.cookies["django_language"] = "en"

    html = client.get(reverse("home")).content.decode()

    assert f'<link rel="manifest" href="{MANIFEST}?lang=en">' in html
    assert '<meta name="theme-color" content="#b3161b">' in html
    assert 'rel="apple-touch-icon" href="/static/icons/apple-touch-icon.png"' in html
    scripts = scripts_of(html)
    assert not scripts.inline  # a content security policy will forbid inline scripts
    offline = [tag for tag in scripts.tags if tag.get("src", "").endswith("js/offline.js")]
    assert len(offline) == 1 and "defer" in offline[0]
    assert offline[0]["data-sw"] == WORKER
    assert offline[0]["data-logout"] == reverse("logout")
    assert f'<form action="{reverse("logout")}" method="post"' in html  # what it listens to


# The service worker


def worker_config(response):
    body = response.content.decode()
    match = re.match(r"self\.OFFLINE_CONFIG = (\{.*?\n\});\n\n", body, re.S)
    assert match, "the worker starts with its configuration"
    return json.loads(match.group(1)), body[match.end() :]


def test_the_worker_is_served_from_the_root_and_never_cached_stale(client, db):
    response = client.get(WORKER)

    assert response.status_code == 200
    assert WORKER == "/sw.js"
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Cache-Control"] == "no-cache"
    config, code = worker_config(response)
    assert code == Path(finders.find("js/sw.js")).read_text()
    assert config["offlinePage"] == OFFLINE and config["keptPage"] == KEPT
    assert config["loginUrl"] == reverse("login")
    assert {"/admin/", "/accounts/", "/staff/", "/exports/"} <= set(config["neverKept"])
    assert re.fullmatch(r"[0-9a-f]{12}", config["version"])


def test_the_worker_keeps_the_shell_it_needs(client, db):
    config, _code = worker_config(client.get(WORKER))

    shell = config["shell"]
    for name in ("css/site.css", "css/offline.css", "js/offline.js", "js/quiz.js", "js/draft.js"):
        assert f"/static/{name}" in shell
    for url in shell:
        assert static_file(url), f"{url} is not among the static files"


class HashedNames(StaticFilesStorage):
    """Names as ManifestStaticFilesStorage makes them in production: a hash of the content."""

    suffix = "0123456789ab"

    def url(self, name):
        stem, dot, ext = name.rpartition(".")
        return super().url(f"{stem}.{self.suffix}{dot}{ext}")


def test_the_worker_learns_the_hashed_names_and_a_new_deploy_changes_it(client, db, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": f"{__name__}.HashedNames"},
    }

    first, _code = worker_config(client.get(WORKER))
    HashedNames.suffix = "ba9876543210"
    try:
        second, _code = worker_config(client.get(WORKER))
    finally:
        HashedNames.suffix = "0123456789ab"

    assert "/static/css/site.0123456789ab.css" in first["shell"]
    assert "/static/js/quiz.0123456789ab.js" in first["shell"]
    assert "/static/css/site.ba9876543210.css" in second["shell"]
    assert first["version"] != second["version"]  # so phones install the new worker
    page = client.get(reverse("login")).content.decode()
    assert "/static/js/offline.0123456789ab.js" in page


# The offline page and the kept page


def test_the_offline_page_says_what_still_works(client, db):
    client.cookies["django_language"] = "en"

    html = client.get(OFFLINE).content.decode()

    assert "No connection" in html
    assert "This page is not kept on this phone" in html
    assert f'href="{KEPT}"' in html


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "deputy"])
def test_the_kept_page_explains_itself_without_javascript(
    client, deputy, signed_in, django_assert_max_num_queries
):
    client.cookies["django_language"] = "en"
    if signed_in:
        client.force_login(deputy.user)

    with django_assert_max_num_queries(6):
        response = client.get(KEPT)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kept for offline reading" in html
    # Without JavaScript this is what shows; the script swaps in the list, the empty state or
    # the browser's lack of support.
    nojs = re.search(r'<div data-kept-state="nojs">(.*?)</div>', html, re.S).group(1)
    assert "needs JavaScript" in nojs
    assert '<div class="empty-state" data-kept-state="empty" hidden>' in html
    assert "Nothing is kept on this phone yet." in html
    assert '<div data-kept-state="unsupported" hidden>' in html
    assert "This browser cannot keep pages for offline reading." in html
    assert '<template id="kept-item">' in html
    # A course kept whole is listed as one group: its template, once, in the page's body.
    assert html.count('<template id="kept-group">') == 1
    assert "<title>Kept for offline reading" in html and html.index("kept-group") > html.index(
        "</head>"
    )
    # The menu leads signed-in users here; visitors have no menu.
    assert (f'<a href="{KEPT}" aria-current="page">Offline reading</a>' in html) is signed_in


@pytest.mark.parametrize("url", [OFFLINE, KEPT], ids=["offline", "kept"])
def test_the_offline_pages_fetched_late_do_not_put_back_an_old_csrf_cookie(client, deputy, url):
    """The worker fetched this page with the cookie the phone had before signing in; the answer
    arrives after the sign-in gave it a new one, and must not set the old one again."""
    client.get(reverse("login"))  # a visitor's CSRF cookie, then the worker's fetch with it
    before = client.cookies["csrftoken"].value
    client.force_login(deputy.user)
    page = client.get(reverse("home"))  # a page with forms: the cookie is sent with it
    assert page.cookies["csrftoken"].value == before

    response = client.get(url)

    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()  # the menu's forms
    assert "csrftoken" not in response.cookies


def test_a_lesson_offers_to_keep_it(client, deputy):
    course = CoursePageFactory(title="村务课程", slug="cunwu")
    lesson = LessonPageFactory(parent=course, slug="keep")
    client.force_login(deputy.user)
    client.cookies["django_language"] = "en"

    html = client.get(lesson.url).content.decode()

    control = re.search(r"<div class=\"keep-offline\" data-keep hidden ([^>]*)>", html)
    assert control, "the control is hidden until the script finds the browser can keep pages"
    assert f'data-title="{lesson.title}"' in control.group(1)
    assert "Keep for offline reading" in html and "Remove from this phone" in html
    assert "/static/css/offline.css" in html


def test_a_law_and_its_articles_offer_to_keep_them(client, db):
    version = import_law(parsed=parse_law(SAMPLE), source_name="sample.md").version
    client.cookies["django_language"] = "en"

    law = client.get(version.law.url).content.decode()
    article = client.get(f"{version.law.url}articles/4/").content.decode()

    assert f'data-keep hidden data-title="{version.title}"' in law
    assert f'data-keep hidden data-title="{version.law.short_name} 第四条"' in article


# Answers a phone sends late, twice or out of order


@pytest.fixture
def signed_in(client, deputy):
    client.force_login(deputy.user)
    client.cookies["django_language"] = "en"
    return client


def post_answer(client, attempt, item, value, seq=None):
    data = {"item": item.pk, item.field_name: value}
    if seq is not None:
        data["seq"] = seq
    return client.post(reverse("quizzes:answer", args=[attempt.pk]), data)


@pytest.fixture
def answering(deputy):
    question = SingleChoiceQuestionFactory()
    attempt = start_attempt(
        quiz=PlacedQuizFactory(questions=[question], layout="all"), deputy=deputy
    )
    options = {o.text: o.pk for o in question.options.all()}
    return attempt, attempt.items.get(), options


def test_an_older_change_does_not_overwrite_a_newer_one(signed_in, answering):
    attempt, item, options = answering

    newer = post_answer(signed_in, attempt, item, options["四年"], seq=2)
    older = post_answer(signed_in, attempt, item, options["三年"], seq=1)  # arrived late

    assert newer.json() == {"saved": True, "answered_count": 1, "seq": 2}
    assert older.status_code == 200
    assert older.json() == {"saved": False, "stale": True, "seq": 2}
    item.refresh_from_db()
    assert item.response == {"option": options["四年"]} and item.answer_seq == 2


def test_a_change_sent_twice_is_saved_once(signed_in, answering):
    attempt, item, options = answering
    post_answer(signed_in, attempt, item, options["五年"], seq=1)
    item.refresh_from_db()
    first_saved = item.answered_at

    again = post_answer(signed_in, attempt, item, options["五年"], seq=1)

    assert again.json() == {"saved": False, "stale": True, "seq": 1}
    item.refresh_from_db()
    assert item.answered_at == first_saved and item.answer_seq == 1
    later = post_answer(signed_in, attempt, item, options["十年"], seq=3)  # numbers may skip
    assert later.json()["saved"] is True
    item.refresh_from_db()
    assert item.response == {"option": options["十年"]} and item.answer_seq == 3


def test_the_page_gives_the_script_the_number_the_server_has(signed_in, answering):
    attempt, item, options = answering
    post_answer(signed_in, attempt, item, options["五年"], seq=7)

    html = signed_in.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()

    assert f'data-item="{item.pk}" data-seq="7"' in html
    assert f'data-attempt="{attempt.pk}"' in html
    assert re.search(r'data-connection aria-live="polite"', html)
    assert "answers waiting to be sent" in html and "are not sent yet" in html


def test_the_form_without_the_script_counts_one_change_more(signed_in, answering):
    attempt, item, options = answering
    post_answer(signed_in, attempt, item, options["三年"], seq=4)

    signed_in.post(
        reverse("quizzes:take", args=[attempt.pk]), {item.field_name: options["五年"], "go": "save"}
    )

    item.refresh_from_db()
    assert item.response == {"option": options["五年"]} and item.answer_seq == 5
    # The phone's change 5, sent late, was made before the form was posted: it is not saved.
    late = post_answer(signed_in, attempt, item, options["三年"], seq=5)
    assert late.json()["stale"] is True
    item.refresh_from_db()
    assert item.response == {"option": options["五年"]}


@pytest.mark.parametrize("seq", ["0", "-1", "abc", "1.5", "99999999999"])
def test_an_unreadable_change_number_saves_nothing(signed_in, answering, seq):
    attempt, item, options = answering

    response = post_answer(signed_in, attempt, item, options["五年"], seq=seq)

    assert response.status_code == 400
    assert response.json()["error"] == "This answer could not be read."
    item.refresh_from_db()
    assert item.response is None and item.answer_seq == 0


def test_a_change_overtaken_while_on_its_way_is_not_saved(answering):
    """Two requests for one answer at once: the later change is saved first; the earlier
    one, read before that save, finds the number moved on when it writes."""
    attempt, item, options = answering
    stale_copy = type(item).objects.select_related("attempt__quiz", "question").get(pk=item.pk)
    save_answer(attempt=attempt, item=item, data={item.field_name: str(options["四年"])}, seq=3)

    result = save_answer(
        attempt=stale_copy.attempt,
        item=stale_copy,
        data={item.field_name: str(options["三年"])},
        seq=2,
    )

    assert result.stale
    item.refresh_from_db()
    assert item.response == {"option": options["四年"]} and item.answer_seq == 3


def test_a_repeat_after_the_right_answer_was_shown_gets_the_same_feedback(signed_in, deputy):
    quiz = PlacedQuizFactory(
        questions=[TrueFalseQuestionFactory(correct=True)], layout="all", show_answers="each"
    )
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    item = attempt.items.get()

    first = post_answer(signed_in, attempt, item, "true", seq=1)
    repeat = post_answer(signed_in, attempt, item, "true", seq=1)  # its reply was lost
    change = post_answer(signed_in, attempt, item, "false", seq=2)

    assert first.json()["saved"] and "feedback" in first.json()
    assert repeat.status_code == 200 and repeat.json()["stale"] is True
    assert repeat.json()["feedback"] == first.json()["feedback"]
    assert change.status_code == 409  # locked once shown, as before
    item.refresh_from_db()
    assert item.response == {"value": True}


def test_saving_a_numbered_answer_asks_no_more_than_an_unnumbered_one(
    signed_in, answering, django_assert_num_queries
):
    """As tests/quizzes pins it: the session, the user, the attempt's question with its
    attempt and quiz, the update (locking the attempt in the same statement where the database
    has row locks) and the count. A repeat asks only the first three: it has nothing to update
    and nothing new to count."""
    attempt, item, options = answering
    post_answer(signed_in, attempt, item, options["三年"], seq=1)  # the question now cached

    with django_assert_num_queries(5):
        saved = post_answer(signed_in, attempt, item, options["四年"], seq=2)
    with django_assert_num_queries(3):
        repeat = post_answer(signed_in, attempt, item, options["四年"], seq=2)

    assert saved.json()["saved"] and repeat.json()["stale"]
