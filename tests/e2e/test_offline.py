"""Offline use on a phone with a poor connection: keep a lesson and read it with no connection,
find it on the kept page and remove it; keep a whole course in one tap, with its lessons and
the law article they quote; answer a quiz offline, reload, come back, and the server
ends with exactly the latest answers, each saved once; a draft typed offline, reloaded offline,
arrives when the connection returns. Signing out leaves nothing kept on the phone."""

import json
import time

import pytest
from wagtail.models import Site

from courses.factories import LessonPageFactory, PlacedQuizFactory
from courses.models import CourseIndexPage, CoursePage, LessonProgress
from deputies.factories import DeputyFactory
from materials.lawtext import parse_law
from materials.services import import_law
from proposals.factories import VAGUE, ExerciseFactory
from proposals.models import Draft
from quizzes.factories import SingleChoiceQuestionFactory, TrueFalseQuestionFactory
from quizzes.models import Attempt
from quizzes.services import start_attempt

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "offline-pass-2026"
LESSON_TEXT = "代表在闭会期间的活动以集体活动为主，以代表小组活动为基本形式。"


@pytest.fixture
def deputy():
    return DeputyFactory(user__mobile="13600000031", user__name="离线代表", user__password=PASSWORD)


@pytest.fixture
def lesson():
    root = Site.objects.get(is_default_site=True).root_page
    index = root.add_child(instance=CourseIndexPage(title="学习课程", slug="courses"))
    course = index.add_child(
        instance=CoursePage(title="代表法入门", slug="daibiaofa", summary="代表法的基本内容。")
    )
    body = [{"type": "text", "value": f"<p>{LESSON_TEXT}</p>"}]
    return LessonPageFactory(parent=course, slug="bihui", body=body)


def until(page, condition, seconds=10):
    """Wait for the live server to have done something the page asked for (waiting through
    the page, so that Playwright goes on handling its events meanwhile)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the server never got there"
        page.wait_for_timeout(100)


def go_offline(page):
    """Cut the connection, and wait until the page knows it."""
    page.context.set_offline(True)
    page.wait_for_function("() => navigator.onLine === false")


def worker_ready(page):
    """The service worker is installed (the shell kept) and looks after this page. A page whose
    request left before the worker took over stays without it until it is opened again, as in
    any browser: so, when the machine is slow, open it again."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("navigator.serviceWorker.controller !== null"):
        page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)


def cache_urls(page, name):
    return page.evaluate(
        "async (name) => (await caches.has(name))"
        " ? (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname)"
        " : []",
        name,
    )


@pytest.mark.parametrize(
    ("size", "language"), [("phone", "zh-hans"), ("desktop", "en")], ids=["phone-zh", "desktop-en"]
)
def test_a_kept_lesson_opens_without_a_connection(
    new_page, screenshot, deputy, lesson, size, language
):
    page = new_page(PHONE if size == "phone" else DESKTOP, language)
    sign_in(page, "13600000031", PASSWORD)
    page.goto(lesson.url)
    worker_ready(page)

    keep, remove = page.locator("[data-keep-add]"), page.locator("[data-keep-remove]")
    assert keep.is_visible() and not remove.is_visible()
    assert_fits(page)
    screenshot(page, f"offline-lesson-keep-{size}-{language}")
    keep.click()
    remove.wait_for()
    assert not keep.is_visible()
    if language == "en":
        status = page.locator("[data-keep-status]").inner_text()
        assert status == "Kept on this phone: it opens without a connection."
    screenshot(page, f"offline-lesson-kept-{size}-{language}")
    kept = cache_urls(page, "kept-v1")  # the page and what it needs
    assert [url for url in kept if not url.startswith("/static/")] == [lesson.url]
    assert {"/static/css/site.css", "/static/css/offline.css", "/static/js/reading.js"} <= set(kept)
    # Only what was kept remains: the copies of recently opened pages are gone.
    page.evaluate("caches.delete('pages-v1')")

    go_offline(page)
    page.reload()
    assert LESSON_TEXT in page.locator("main").inner_text()
    assert page.locator("[data-keep-remove]").is_visible()  # it says it is kept

    # The kept page lists it, read from this phone's storage.
    page.goto("/offline/kept/")
    link = page.locator("[data-kept-link]")
    link.wait_for()
    assert link.inner_text() == lesson.title
    assert page.locator(".offline-notice").is_visible()  # says there is no connection
    assert_fits(page)
    screenshot(page, f"offline-kept-list-{size}-{language}")
    with page.expect_navigation():
        link.click()
    assert LESSON_TEXT in page.locator("main").inner_text()

    page.goto("/offline/kept/")
    page.locator("[data-kept-remove]").click()
    page.locator("[data-kept-state=empty]").wait_for()
    assert page.locator("[data-kept-link]").count() == 0
    assert cache_urls(page, "kept-v1") == []  # its files too, which no other kept page needs
    if language == "en":
        assert "Nothing is kept on this phone yet." in page.locator("main").inner_text()
    screenshot(page, f"offline-kept-empty-{size}-{language}")
    page.goto(lesson.url)
    assert LESSON_TEXT not in page.locator("main").inner_text()
    assert page.locator(".offline-page").is_visible()  # the offline page, in its language
    assert page.locator("html").get_attribute("lang") == language
    if language == "en":
        assert "This page is not kept on this phone" in page.locator("main").inner_text()
    screenshot(page, f"offline-page-{size}-{language}")

    # Back online, keep it again, then sign out: nothing of this deputy stays on the phone.
    page.context.set_offline(False)
    page.goto(lesson.url)
    page.locator("[data-keep-add]").click()
    page.locator("[data-keep-remove]").wait_for()
    assert lesson.url in cache_urls(page, "kept-v1")
    if page.locator(".tab-bar").is_visible():  # a phone signs out from the Me page
        page.locator(".tab-bar__tab[data-tab=me]").click()
    page.locator("form[action='/accounts/logout/'] button:visible").click()
    page.wait_for_url("**/accounts/login/")
    assert cache_urls(page, "kept-v1") == []
    assert cache_urls(page, "pages-v1") == []


LAW = """# 某某县村务议事规则

2020年1月1日 某某县人民代表大会常务委员会第一次会议通过

<!-- INFO END -->

某某县村务议事规则

第一条　为了规范村务议事，制定本规则。

第二条　本规则适用于本县各村。
"""
ARTICLE_TEXT = "本规则适用于本县各村。"

COURSE_WORDS = {
    "zh-hans": {
        "progress": "正在保存：3/4页",
        "kept": "已保存到本机：本课程全部4页没有网络也能打开。",
        "group": "课程：代表法入门",
        "count": "随本课程保存了4页",
        "removed": "已从本机删除本课程。",
    },
    "en": {
        "progress": "Keeping pages: 3/4",
        "kept": "Kept on this phone: all 4 pages of the course open without a connection.",
        "group": "Course: 代表法入门",
        "count": "4 pages kept with this course",
        "removed": "The course is removed from this phone.",
    },
}


@pytest.fixture
def quoting(lesson):
    """A second lesson of the course, quoting an article of a law in the library."""
    law = import_law(parsed=parse_law(LAW)).version.law
    body = [
        {"type": "text", "value": "<p>议事规则的适用范围。</p>"},
        {"type": "law_article", "value": {"law": law.pk, "article": 2, "note": "适用范围"}},
    ]
    return LessonPageFactory(parent=lesson.get_parent(), slug="yishi", title="议事规则", body=body)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_whole_course_is_kept_in_one_tap(new_page, screenshot, deputy, lesson, quoting, language):
    words = COURSE_WORDS[language]
    course = lesson.get_parent()
    page = new_page(PHONE, language)
    sign_in(page, "13600000031", PASSWORD)
    page.goto(course.url)
    worker_ready(page)

    keep = page.locator("[data-keep-course-add]")
    remove = page.locator("[data-keep-course-remove]")
    assert keep.is_visible() and not remove.is_visible()
    assert keep.bounding_box()["height"] >= 44
    # Every line of progress it shows, as it goes.
    page.evaluate(
        """() => {
          window.progressSeen = [];
          const el = document.querySelector("[data-keep-course-progress]");
          new MutationObserver(() => window.progressSeen.push(el.textContent))
            .observe(el, { childList: true, characterData: true, subtree: true });
        }"""
    )
    keep.click()
    remove.wait_for()
    assert words["progress"] in page.evaluate("window.progressSeen")
    assert page.locator("[data-keep-course-status]").inner_text() == words["kept"]
    assert_fits(page)
    screenshot(page, f"offline-course-kept-phone-{language}")
    article = page.evaluate(
        "JSON.parse(document.getElementById('keep-course-pages').textContent)[3].url"
    )
    assert article.endswith("/articles/2/")
    kept = [url for url in cache_urls(page, "kept-v1") if not url.startswith("/static/")]
    assert sorted(kept) == sorted([course.url, lesson.url, quoting.url, article])
    # Fetched to be kept, not read: the lesson not opened is still not started.
    assert not LessonProgress.objects.filter(lesson=quoting).exists()

    # No connection, nothing of the recent pages: the lesson and the article it quotes open.
    page.evaluate("caches.delete('pages-v1')")
    go_offline(page)
    page.goto(quoting.url)
    assert "议事规则的适用范围。" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.locator(f"a[href='{article}']").first.click()
    assert ARTICLE_TEXT in page.locator("main").inner_text()

    # The kept page lists the course as one group with its pages.
    page.goto("/offline/kept/")
    group = page.locator("[data-kept-group-link]")
    group.wait_for()
    assert group.inner_text() == words["group"]
    assert page.locator("[data-kept-group-count]").inner_text() == words["count"]
    titles = page.locator("[data-kept-group-items] [data-kept-link]").all_inner_texts()
    assert titles[:3] == [course.title, lesson.title, quoting.title] and len(titles) == 4
    assert_fits(page)
    screenshot(page, f"offline-course-kept-list-phone-{language}")

    # Removed from the course page, offline too: nothing of the course stays.
    page.goto(course.url)
    remove.click()
    page.wait_for_function(
        "(text) => document.querySelector('[data-keep-course-status]').textContent === text",
        arg=words["removed"],
    )
    assert keep.is_visible()
    assert cache_urls(page, "kept-v1") == []


def test_a_browser_that_cannot_keep_pages_says_so(new_page, deputy):
    page = new_page(PHONE, "en")
    page.add_init_script("delete Navigator.prototype.serviceWorker")
    sign_in(page, "13600000031", PASSWORD)
    page.goto("/offline/kept/")
    unsupported = page.locator("[data-kept-state=unsupported]")
    assert unsupported.is_visible()
    assert "This browser cannot keep pages for offline reading." in unsupported.inner_text()
    assert not page.locator("[data-kept-state=nojs]").is_visible()


@pytest.fixture
def saves(monkeypatch):
    """Every answer the server was sent, as (question, change number, saved or not): the
    live server runs in this process, so its answer view's service can be watched."""
    import quizzes.views

    seen = []
    real = quizzes.views.save_answer

    def watched(*, attempt, item, data, seq=None):
        result = real(attempt=attempt, item=item, data=data, seq=seq)
        seen.append((item.pk, seq, not result.stale))
        return result

    monkeypatch.setattr(quizzes.views, "save_answer", watched)
    return seen


def test_quiz_answers_typed_offline_arrive_once(new_page, screenshot, deputy, saves):
    quiz = PlacedQuizFactory(
        questions=[
            SingleChoiceQuestionFactory(),
            TrueFalseQuestionFactory(correct=True),
            SingleChoiceQuestionFactory(
                stem="闭会期间代表活动以什么为主？",
                right="集体活动",
                wrong=("个人活动", "网上活动"),
            ),
        ],
        layout="all",
    )
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    first, second, third = attempt.items.order_by("position")
    page = new_page(PHONE, "en")
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.accept()

    page.on("dialog", on_dialog)
    sign_in(page, "13600000031", PASSWORD)
    take = f"/quizzes/attempts/{attempt.pk}/"
    page.goto(take)
    worker_ready(page)
    page.reload()  # through the worker: it keeps a copy of the page, with nothing answered
    connection = page.locator("[data-connection]")

    page.get_by_label("五年").check()
    page.wait_for_function(
        "() => document.querySelector('[data-save-status]').textContent === 'Saved'"
    )
    assert connection.inner_text() == "Connected · all answers sent"

    # The connection drops: three changes wait on the phone, and the page says so.
    go_offline(page)
    page.get_by_label("True").check()
    page.get_by_label("False").check()
    page.get_by_label("个人活动").check()
    page.get_by_label("四年").check()
    page.wait_for_function(
        "() => document.querySelector('[data-connection]').textContent"
        " === 'No connection · 3 answers waiting to be sent'"
    )
    assert connection.get_attribute("aria-live") == "polite"
    screenshot(page, "offline-quiz-waiting-phone-en")

    # Reloaded with no connection: the copy the worker kept shows nothing answered; the
    # answers kept on the phone are put back.
    page.reload()
    assert page.get_by_label("四年").is_checked() and page.get_by_label("False").is_checked()
    assert page.get_by_label("个人活动").is_checked()
    assert connection.inner_text() == "No connection · 3 answers waiting to be sent"
    assert_fits(page)
    screenshot(page, "offline-quiz-restored-phone-en")

    # Submitting now would lose them: the page says so and does not submit.
    page.get_by_role("button", name="Submit the quiz").click()
    page.wait_for_function(
        "() => document.querySelector('[data-save-status]').textContent"
        ".startsWith('3 answers are not sent yet')"
    )
    assert dialogs and dialogs[-1].startswith("3 answers are not sent yet")
    assert Attempt.objects.get().status == Attempt.Status.IN_PROGRESS

    # The connection returns: they are sent, and the page says all have arrived.
    page.context.set_offline(False)
    page.wait_for_function(
        "() => document.querySelector('[data-connection]').textContent"
        " === 'Connected · all answers sent'",
        timeout=15000,
    )
    for item in (first, second, third):
        item.refresh_from_db()
    options = {
        option.text: option.pk
        for item in (first, third)
        for option in item.question.get_real_instance().options.all()
    }
    assert first.response == {"option": options["四年"]}
    assert second.response == {"value": False}
    assert third.response == {"option": options["个人活动"]}
    assert [first.answer_seq, second.answer_seq, third.answer_seq] == [2, 2, 1]
    # Each change saved once: the first online, the three others when the connection came.
    assert sorted(s for s in saves if s[2]) == sorted(
        [(first.pk, 1, True), (first.pk, 2, True), (second.pk, 2, True), (third.pk, 1, True)]
    )

    # A reply lost on the way: the phone sends the same change again; the server keeps it as
    # it was (saved once) and says so.
    answered_at = first.answered_at
    page.evaluate(
        f"""() => {{
          const key = 'quiz:{attempt.pk}';
          const kept = JSON.parse(localStorage.getItem(key));
          kept.items['{first.pk}'].sent = false;
          localStorage.setItem(key, JSON.stringify(kept));
          window.dispatchEvent(new Event('online'));
        }}"""
    )
    page.wait_for_function(
        "() => document.querySelector('[data-connection]').textContent"
        " === 'Connected · all answers sent'"
    )
    page.wait_for_function(
        "() => document.querySelector('[data-save-status]').textContent === 'Saved'"
    )
    assert saves[-1] == (first.pk, 2, False)  # acknowledged, not saved
    first.refresh_from_db()
    assert first.answered_at == answered_at and first.answer_seq == 2

    page.reload()
    assert page.get_by_label("四年").is_checked() and page.get_by_label("个人活动").is_checked()
    page.get_by_role("button", name="Submit the quiz").click()
    page.wait_for_url("**/result/")
    assert Attempt.objects.get().status != Attempt.Status.IN_PROGRESS


def test_a_draft_typed_offline_arrives_when_back_online(new_page, screenshot, deputy):
    exercise = ExerciseFactory()
    page = new_page(PHONE, "en")
    sign_in(page, "13600000031", PASSWORD)
    page.goto(f"/proposals/exercises/{exercise.pk}/")
    page.get_by_role("button", name="Start writing").click()
    page.wait_for_url("**/drafts/*/")
    worker_ready(page)
    page.reload()  # the worker keeps this copy: empty boxes, version 0
    saved = "() => document.querySelector('[data-save-status]').textContent.startsWith('Saved')"

    for name, text in VAGUE.items():
        page.fill(f"textarea[name={name}]", text)
    page.wait_for_function(saved)
    until(page, lambda: Draft.objects.get().parts == VAGUE)
    page.wait_for_function(saved)

    # A save reaches the server but its reply is lost on the way back. The next save names the
    # version before it; the page finds the save was its own and carries on, not refused as
    # if another phone had saved.
    def lose_the_reply(route):
        route.fetch()
        route.abort("internetdisconnected")

    page.route("**/drafts/*/save/", lose_the_reply, times=1)
    page.fill("textarea[name=causes]", VAGUE["causes"] + "厂方答应维修。")
    page.wait_for_function(
        "() => document.querySelector('[data-save-status]').textContent.startsWith('Not saved —')"
    )
    until(
        page, lambda: Draft.objects.get().parts["causes"].endswith("厂方答应维修。")
    )  # it arrived
    page.fill("textarea[name=measures]", VAGUE["measures"] + "请镇政府督促。")
    page.wait_for_function(saved, timeout=15000)
    draft = Draft.objects.get()
    assert draft.parts["measures"].endswith("请镇政府督促。")
    assert not page.locator("[data-save-status][data-state=error]").count()
    version = draft.saved_version

    go_offline(page)
    page.fill("textarea[name=problem]", VAGUE["problem"] + "已经半年了。")
    page.wait_for_function(
        "() => document.querySelector('[data-save-status]').textContent.startsWith('Not saved')"
    )
    # Reloaded with no connection: the kept copy is older; the text typed is put back.
    page.reload()
    assert page.locator("textarea[name=problem]").input_value().endswith("已经半年了。")
    assert page.locator("textarea[name=title]").input_value() == VAGUE["title"]
    assert_fits(page)
    screenshot(page, "offline-draft-restored-phone-en")
    # Check cannot post without a connection: the text stays, nothing is lost.
    page.get_by_role("button", name="Check").click()
    assert "Not saved" in page.locator("[data-save-status]").inner_text()
    assert page.locator("textarea[name=problem]").input_value().endswith("已经半年了。")

    page.context.set_offline(False)
    page.wait_for_function(saved, timeout=15000)
    draft = Draft.objects.get()
    assert draft.parts["problem"].endswith("已经半年了。")
    assert draft.parts["title"] == VAGUE["title"]
    # Saved, not refused as stale (a save sent just as the connection dropped may have
    # arrived with its reply lost: the page then carried on from the version it made).
    assert draft.saved_version > version
    assert page.locator("[data-save-status]").get_attribute("data-state") == "ok"
    kept = json.loads(page.evaluate(f"localStorage.getItem('draft:{draft.pk}')"))
    assert kept["synced"] and kept["version"] == draft.saved_version
    page.reload()
    assert page.locator("textarea[name=problem]").input_value().endswith("已经半年了。")
    assert not page.locator("[data-restore]").is_visible()


def test_a_quiz_opened_for_the_first_time_and_answered_offline_survives_a_reload(
    new_page, screenshot, deputy
):
    quiz = PlacedQuizFactory(
        questions=[SingleChoiceQuestionFactory(), TrueFalseQuestionFactory(correct=True)],
        layout="all",
    )
    attempt = start_attempt(quiz=quiz, deputy=deputy)
    first, second = attempt.items.order_by("position")
    page = new_page(PHONE, "zh-hans")
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", on_dialog)
    # The worker is not installed before the quiz opens: the quiz's page is its first visit,
    # which goes past the worker, as on a phone that never opened the site before.
    # And the worker is said to be in charge by the time the page's scripts run, as when a
    # worker installed by the page before takes charge while this one loads (a race seen in
    # CI): the page still went past it, and is still kept.
    page.add_init_script(
        "window.controlledAtStart = Boolean(navigator.serviceWorker.controller);"
        "if (!location.pathname.startsWith('/quizzes/'))"
        " ServiceWorkerContainer.prototype.register = () => Promise.reject(new Error('later'));"
        "else if (!window.controlledAtStart)"
        " Object.defineProperty(ServiceWorkerContainer.prototype, 'controller',"
        " {get: () => ({}), configurable: true});"
    )
    sign_in(page, "13600000031", PASSWORD)
    take = f"/quizzes/attempts/{attempt.pk}/"
    page.goto(take)
    assert page.evaluate("window.controlledAtStart") is False
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    # The page asks the worker to keep it (it would otherwise be kept at the next visit only).
    until(page, lambda: take in cache_urls(page, "pages-v1"), seconds=15)

    go_offline(page)
    page.get_by_label("五年").check()
    page.get_by_label("正确").check()
    page.wait_for_function(
        "() => document.querySelector('[data-connection]').textContent.includes('2')"
    )
    page.reload()  # leaving with answers not sent asks first
    assert dialogs == ["beforeunload"]
    main = page.locator("main").inner_text()
    assert "本页没有保存在本机" not in main and page.locator("[data-quiz]").count() == 1
    assert page.get_by_label("五年").is_checked() and page.get_by_label("正确").is_checked()
    # Counted in Chinese too.
    assert page.locator("[data-answered]").inner_text() == "已答2题，共2题"
    assert_fits(page)
    screenshot(page, "offline-quiz-first-visit-restored-phone-zh-hans")

    # The connection returns: the answers are sent and the real page opens by itself.
    with page.expect_navigation(timeout=15000):
        page.context.set_offline(False)
    page.wait_for_function(
        "() => document.querySelector('[data-connection]').textContent"
        " === '网络已连接 · 答案已全部发送'"
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.response is not None and second.response == {"value": True}
    assert page.get_by_label("五年").is_checked() and page.get_by_label("正确").is_checked()
    assert page.locator("[data-item]").first.get_attribute("data-seq") == "1"  # the server's


def test_the_offline_page_opens_the_page_asked_for_when_the_connection_returns(new_page, deputy):
    page = new_page(PHONE, "zh-hans")
    sign_in(page, "13600000031", PASSWORD)
    page.goto("/offline/kept/")
    worker_ready(page)
    go_offline(page)
    page.goto("/practice/")  # never opened: not kept on this phone
    assert page.locator(".offline-page").is_visible()
    assert "连接恢复后" in page.locator("main").inner_text()

    page.context.set_offline(False)
    page.locator(".offline-page").wait_for(state="detached", timeout=15000)
    page.wait_for_load_state()
    assert page.url.endswith("/practice/") and page.locator("h1").inner_text() == "错题本"
