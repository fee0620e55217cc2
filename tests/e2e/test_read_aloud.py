"""A deputy listens to a lesson, a law article and study notes (听课文, 听条文) on a phone.

Headless Chromium has no voices, so each test puts a stand-in for `window.speechSynthesis`
before the page's scripts run: it records every utterance the page speaks, and an utterance
ends only when the test says so (`__tts.finish()`), as a real voice would after reading it.
"""

import json
import os
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from courses.models import LessonPage, LessonProgress
from deputies.demo import DEMO_PASSWORD
from materials.lawtext import parse_law
from materials.models import LawPage
from materials.services import import_law

from ..materials.texts import SAMPLE
from .browser import PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LOCAL_ZH = {"name": "本机普通话", "lang": "zh-CN", "localService": True, "default": False}
VOICES = [
    {"name": "English", "lang": "en-US", "localService": True, "default": True},
    {"name": "粤语", "lang": "zh-HK", "localService": True, "default": False},
    {"name": "网络普通话", "lang": "zh-CN", "localService": False, "default": False},
    LOCAL_ZH,
]

# The stand-in. VOICES null: a browser without speech synthesis at all. LATE: the voices
# come after the page, with a `voiceschanged` event, when the test says (`__tts.loadVoices()`).
FAKE_SPEECH = """
(() => {
  const VOICES = %s;
  const LATE = %s;
  if (VOICES === null) {
    Object.defineProperty(window, "speechSynthesis", { value: undefined, configurable: true });
    return;
  }
  class Utterance extends EventTarget {
    constructor(text) {
      super();
      Object.assign(this, { text, rate: 1, pitch: 1, volume: 1, lang: "", voice: null });
    }
  }
  const fire = (utterance, type, extra) => {
    const event = Object.assign(new Event(type), extra || {});
    utterance.dispatchEvent(event);
    if (utterance["on" + type]) utterance["on" + type](event);
  };
  const tts = { spoken: [], queue: [], current: null, cancels: 0, late: LATE };
  const next = () => {
    tts.current = tts.queue.shift() || null;
    if (tts.current) fire(tts.current, "start");
  };
  tts.finish = () => {
    const utterance = tts.current;
    fire(utterance, "boundary", { charIndex: 0, name: "word" });
    fire(utterance, "end");
    if (tts.current === utterance) next();
  };
  const synth = new EventTarget();
  Object.defineProperty(synth, "speaking", { get: () => tts.current !== null });
  Object.defineProperty(synth, "pending", { get: () => tts.queue.length > 0 });
  Object.assign(synth, {
    paused: false,
    getVoices: () => (tts.late ? [] : VOICES.map((voice) => ({ ...voice }))),
    speak(utterance) {
      tts.spoken.push({
        text: utterance.text, rate: utterance.rate, lang: utterance.lang,
        voice: utterance.voice && utterance.voice.name,
      });
      tts.queue.push(utterance);
      if (!tts.current) next();
    },
    cancel() {
      tts.cancels += 1;
      const dropped = [tts.current, ...tts.queue].filter(Boolean);
      tts.current = null;
      tts.queue = [];
      dropped.forEach((utterance) => fire(utterance, "error", { error: "interrupted" }));
    },
    pause() { this.paused = true; },
    resume() { this.paused = false; },
  });
  tts.loadVoices = () => {
    tts.late = false;
    synth.dispatchEvent(new Event("voiceschanged"));
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
  window.__tts = tts;
})();
"""

NO_VOICE = "本机浏览器没有中文语音，无法朗读。可在手机设置中安装中文语音，或换用其他浏览器。"


def open_with_speech(new_page, voices=VOICES, language="zh-hans", late=False):
    page = new_page(PHONE, language)
    page.context.add_init_script(script=FAKE_SPEECH % (json.dumps(voices), json.dumps(late)))
    return page


def spoken(page):
    return page.evaluate("() => window.__tts.spoken")


def current(page):
    """The highlighted sentence's text, and the paragraph it is in (its index among the
    page's paragraphs and list items)."""
    return page.evaluate(
        """() => {
          const spans = [...document.querySelectorAll(".read-aloud-current")];
          if (!spans.length) return null;
          const unit = spans[0].closest("h2, h3, h4, p, li, figcaption");
          const units = [...document.querySelectorAll("h2, h3, h4, p, li, figcaption")];
          const text = spans.map((s) => s.textContent).join("").trim();
          return { text, unit: units.indexOf(unit) };
        }"""
    )


def finish(page):
    """The voice reaches the end of the sentence it is reading."""
    count = len(spoken(page))
    page.evaluate("() => window.__tts.finish()")
    page.wait_for_function(f"() => window.__tts.spoken.length > {count}")


def wait_in_sight(page):
    """The page has scrolled (gently) to the sentence being read, below the player."""
    page.wait_for_function(
        """() => {
          const top = document.querySelector("[data-read-aloud]").getBoundingClientRect().bottom;
          const rect = document.querySelector(".read-aloud-current").getBoundingClientRect();
          return rect.top >= top && rect.bottom <= window.innerHeight;
        }"""
    )
    page.wait_for_timeout(1000)  # the end of the scroll, for the screenshot


def wait_still(page):
    """The page has stopped scrolling: the same position for ten frames running."""
    page.evaluate(
        """() => new Promise((resolve) => {
          let last = -1, same = 0;
          const frame = () => {
            same = window.scrollY === last ? same + 1 : 0;
            last = window.scrollY;
            if (same >= 10) resolve();
            else requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        })"""
    )


def read_until_the_player_sticks(page):
    """Reads on until the page has scrolled with the voice and the player sticks to the top."""
    for _ in range(60):
        finish(page)
        page.wait_for_timeout(300)  # the gentle scroll
        if page.locator("[data-read-aloud]").bounding_box()["y"] == 0:
            return
    pytest.fail("the player never stuck to the top of the screen")


def screen(page, name):
    """What the phone's screen shows (the shared `screenshot` takes the full page, where the
    sticky player would be drawn over the text it never covers on the phone)."""
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def assert_accessible_now(page):
    """axe on the page as it is now (the player playing), not only as it loaded."""
    page.evaluate("() => window.__axeDone")
    problems = page.evaluate(
        """async () => (await axe.run(document, { resultTypes: ["violations"] })).violations
          .filter((v) => ["serious", "critical"].includes(v.impact))
          .map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join(", "))"""
    )
    assert problems == []


def assert_big_enough(page):
    """Every control of the player is at least 44x44 px."""
    sizes = page.locator("[data-read-aloud] button:visible").evaluate_all(
        "buttons => buttons.map((b) => [b.textContent.trim(), b.offsetWidth, b.offsetHeight])"
    )
    assert sizes and all(w >= 44 and h >= 44 for _t, w, h in sizes), sizes


@pytest.fixture
def lesson(demo):
    return LessonPage.objects.live().get(slug="bihui-qijian")


def test_a_deputy_listens_to_a_lesson(lesson, new_page, screenshot):
    page = open_with_speech(new_page)
    sign_in(page, "13900000002", DEMO_PASSWORD)
    page.goto(lesson.url)
    player = page.locator("[data-read-aloud]")
    assert player.is_visible()
    assert page.locator(".read-aloud-current").count() == 0
    assert page.get_by_role("button", name="1×", exact=True).get_attribute("aria-pressed") == "true"

    # Start: the first sentence, read by the phone's own Mandarin voice, is highlighted.
    page.get_by_role("button", name="听课文").click()
    page.wait_for_function("() => window.__tts.spoken.length === 1")
    first = spoken(page)[0]
    assert first["voice"] == LOCAL_ZH["name"] and first["lang"] == "zh-CN" and first["rate"] == 1
    assert current(page)["text"] == first["text"]
    assert page.locator(".read-aloud-current").first.is_visible()
    assert page.get_by_role("button", name="暂停").is_visible()
    assert "正在朗读" in page.locator("[data-read-aloud-status]").text_content()
    # Short pieces: Chrome on Android cuts long utterances.
    assert len(first["text"]) <= 40

    # It goes on, sentence by sentence, into the next paragraphs.
    finish(page)
    second = spoken(page)[1]
    assert second["text"] != first["text"] and current(page)["text"] == second["text"]
    start = current(page)["unit"]
    for _ in range(30):
        finish(page)
        if current(page)["unit"] != start:
            break
    assert current(page)["unit"] > start
    assert current(page)["text"] == spoken(page)[-1]["text"]
    assert_fits(page)
    assert_big_enough(page)
    assert_accessible_now(page)
    # Further down, the page scrolls with the voice: the player stays at the top of the
    # screen, and the sentence is in sight below it.
    read_until_the_player_sticks(page)
    wait_in_sight(page)
    player_box = player.bounding_box()
    sentence_box = page.locator(".read-aloud-current").first.bounding_box()
    assert player_box["y"] == 0 and player_box["height"] <= PHONE["height"] / 7
    assert sentence_box["y"] >= player_box["height"]
    assert sentence_box["y"] + sentence_box["height"] <= PHONE["height"]
    screen(page, "read-aloud-lesson-phone-zh")

    # Pause: the voice stops and the sentence stays marked; resume says it again.
    reading = current(page)["text"]
    count = len(spoken(page))
    page.get_by_role("button", name="暂停").click()
    assert page.get_by_role("button", name="继续").is_visible()
    assert "已暂停" in player.inner_text()
    assert page.evaluate("() => window.__tts.current") is None
    assert current(page)["text"] == reading and len(spoken(page)) == count
    page.get_by_role("button", name="继续").click()
    page.wait_for_function(f"() => window.__tts.spoken.length === {count + 1}")
    assert spoken(page)[-1]["text"] == reading

    # Speed: heard at once, on this sentence and the next; the phone remembers it.
    page.get_by_role("button", name="1.5×").click()
    page.wait_for_function(f"() => window.__tts.spoken.length === {count + 2}")
    assert spoken(page)[-1] == {**spoken(page)[-2], "rate": 1.5}
    finish(page)
    assert spoken(page)[-1]["rate"] == 1.5 and spoken(page)[-1]["text"] != reading
    assert page.get_by_role("button", name="1.5×").get_attribute("aria-pressed") == "true"

    # A tap on a paragraph reads from there (here, back to the first).
    paragraph = page.locator(".lesson-body .block-text p").first
    paragraph.click()
    page.wait_for_function("() => window.__tts.current !== null")
    assert current(page)["text"] == spoken(page)[-1]["text"]
    assert paragraph.inner_text().startswith(spoken(page)[-1]["text"])

    # Stop: silence, no highlight, the play button as before. (Tapped once the page has
    # scrolled to the paragraph: while the player still moves with the page, the tap can
    # land on the text below it, which reads from there.)
    wait_still(page)
    page.get_by_role("button", name="停止").click()
    expect(page.locator(".read-aloud-current")).to_have_count(0)
    assert page.evaluate("() => window.__tts.current") is None
    assert page.get_by_role("button", name="听课文").is_visible()
    assert not page.get_by_role("button", name="停止").is_visible()

    # The speed is kept for the next page.
    page.reload()
    assert page.get_by_role("button", name="1.5×").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="听课文").click()
    page.wait_for_function("() => window.__tts.spoken.length === 1")
    assert spoken(page)[0]["rate"] == 1.5

    # Leaving the page silences it.
    cancels = page.evaluate("() => window.__tts.cancels")
    page.evaluate("() => window.dispatchEvent(new PageTransitionEvent('pagehide'))")
    assert page.evaluate("() => window.__tts.cancels") > cancels


def test_in_english_the_labels_are_english_and_the_voice_chinese(lesson, new_page, screenshot):
    page = open_with_speech(new_page, language="en")
    sign_in(page, "13900000002", DEMO_PASSWORD)
    page.goto(lesson.url)
    page.get_by_role("button", name="Listen to the lesson").click()
    page.wait_for_function("() => window.__tts.spoken.length === 1")
    first = spoken(page)[0]
    assert first["voice"] == LOCAL_ZH["name"] and first["lang"] == "zh-CN"
    assert current(page)["text"] == first["text"]
    assert page.get_by_role("button", name="Pause").is_visible()
    assert page.get_by_role("group", name="Speed").is_visible()
    assert "Reading aloud" in page.locator("[data-read-aloud-status]").text_content()
    # English text on the page (the end marker, labels) is not read with a Chinese voice.
    for _ in range(200):
        if page.evaluate("() => window.__tts.current") is None:
            break
        page.evaluate("() => window.__tts.finish()")
    texts = [utterance["text"] for utterance in spoken(page)]
    assert "End of the lesson" not in " ".join(texts)
    assert "Finished reading." in page.locator("[data-read-aloud]").inner_text()
    assert page.locator(".read-aloud-current").count() == 0
    assert_fits(page)
    assert_big_enough(page)
    screenshot(page, "read-aloud-lesson-phone-en")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_deputy_listens_to_a_law_article(demo, new_page, screenshot, language):
    law = import_law(parsed=parse_law(SAMPLE)).version.law
    page = open_with_speech(new_page, language=language)
    sign_in(page, "13900000001", DEMO_PASSWORD)
    page.goto(f"{law.url}articles/3/")
    label = "听条文" if language == "zh-hans" else "Listen to the article"
    page.get_by_role("button", name=label).click()
    page.wait_for_function("() => window.__tts.spoken.length === 1")
    assert spoken(page)[0]["text"] == "第三条"
    for _ in range(3):
        finish(page)
    assert [utterance["text"] for utterance in spoken(page)] == [
        "第三条",
        "议题可以由下列人员提出：",
        "（一）村民委员会；",
        "（二）五分之一以上的村民代表。",
    ]
    assert current(page)["text"] == "（二）五分之一以上的村民代表。"
    assert_fits(page)
    assert_big_enough(page)
    assert_accessible_now(page)
    screenshot(page, f"read-aloud-article-phone-{language}")
    finish_all = "() => { while (window.__tts.current) window.__tts.finish(); }"
    page.evaluate(finish_all)
    assert page.locator(".read-aloud-current").count() == 0
    assert ("已读完。" if language == "zh-hans" else "Finished reading.") in page.locator(
        "[data-read-aloud]"
    ).inner_text()


def test_the_law_page_and_the_study_notes_are_read_too(demo, new_page, screenshot):
    law = LawPage.objects.filter(notes__isnull=False).distinct().first()
    note = law.notes.order_by("sort_order").first()
    page = open_with_speech(new_page)
    sign_in(page, "13900000001", DEMO_PASSWORD)
    page.goto(law.url)
    page.get_by_role("button", name="听全文").click()
    page.wait_for_function("() => window.__tts.spoken.length === 1")
    assert note.heading in spoken(page)[0]["text"]
    finish(page)
    assert spoken(page)[1]["text"] in note.text
    wait_in_sight(page)  # far below the contents: the page scrolls there
    assert_fits(page)
    screen(page, "read-aloud-notes-phone-zh")

    imported = import_law(parsed=parse_law(SAMPLE)).version.law
    page.goto(imported.url)
    page.get_by_role("button", name="听条文").click()
    page.wait_for_function("() => window.__tts.spoken.length === 1")
    assert spoken(page)[0]["text"] == "第一章　总则"
    # A tap on an article reads from it.
    page.locator("#article-4 .law-article__paragraph").click()
    page.wait_for_function("() => window.__tts.spoken.at(-1).text === '议题应当写明事由。'")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_without_a_chinese_voice_the_player_says_so(lesson, new_page, screenshot, language):
    page = open_with_speech(new_page, voices=[VOICES[0], VOICES[1]], language=language)
    sign_in(page, "13900000002", DEMO_PASSWORD)
    page.goto(lesson.url)
    player = page.locator("[data-read-aloud]")
    message = NO_VOICE if language == "zh-hans" else "no Chinese voice"
    button = page.get_by_role(
        "button", name="听课文" if language == "zh-hans" else "Listen to the lesson"
    )
    # Known once the voices are, but said only to a reader who taps: no warning on every lesson.
    page.wait_for_function(
        "() => document.querySelector('[data-read-aloud-play]')"
        ".getAttribute('aria-disabled') === 'true'"
    )
    assert message not in player.inner_text()
    button.click(force=True)  # aria-disabled: it only explains
    assert message in player.inner_text()
    assert spoken(page) == [] and page.locator(".read-aloud-current").count() == 0
    assert not page.get_by_role(
        "group", name="语速" if language == "zh-hans" else "Speed"
    ).is_visible()
    assert_fits(page)
    assert_accessible_now(page)
    screenshot(page, f"read-aloud-no-voice-phone-{language}")


def test_without_speech_synthesis_the_player_says_so(lesson, new_page):
    page = open_with_speech(new_page, voices=None)
    sign_in(page, "13900000002", DEMO_PASSWORD)
    page.goto(lesson.url)
    no_speech = "本机浏览器不支持朗读，请换用其他浏览器收听。"
    assert no_speech not in page.locator("[data-read-aloud]").inner_text()
    page.get_by_role("button", name="听课文").click(force=True)  # aria-disabled: it only explains
    assert no_speech in page.locator("[data-read-aloud]").inner_text()
    assert page.locator(".read-aloud-current").count() == 0
    assert_fits(page)


def test_large_text_keeps_the_player_and_the_highlight_clear(lesson, new_page):
    page = open_with_speech(new_page)
    sign_in(page, "13900000002", DEMO_PASSWORD)
    page.goto(lesson.url)
    with page.expect_navigation():
        page.get_by_role("button", name="大字模式").click()
    assert "large-font" in page.locator("html").get_attribute("class")
    page.get_by_role("button", name="听课文").click()
    page.wait_for_function("() => window.__tts.spoken.length === 1")
    read_until_the_player_sticks(page)
    wait_in_sight(page)
    screen(page, "read-aloud-lesson-large-text-phone-zh")
    # The player takes no more than a sixth of the screen.
    assert page.locator("[data-read-aloud]").bounding_box()["height"] <= PHONE["height"] / 6
    assert_fits(page)
    assert_big_enough(page)
    assert_accessible_now(page)


def test_voices_that_come_late_are_waited_for(lesson, new_page):
    page = open_with_speech(new_page, late=True)
    sign_in(page, "13900000002", DEMO_PASSWORD)
    page.goto(lesson.url)
    page.get_by_role("button", name="听课文").click()
    page.wait_for_timeout(500)
    assert spoken(page) == []
    page.evaluate("() => window.__tts.loadVoices()")
    page.wait_for_function("() => window.__tts.spoken.length === 1")
    assert spoken(page)[0]["voice"] == LOCAL_ZH["name"]
    assert page.locator("[data-read-aloud-status]").text_content() != NO_VOICE


def test_voices_that_never_come_are_explained(lesson, new_page):
    page = open_with_speech(new_page, late=True)
    sign_in(page, "13900000002", DEMO_PASSWORD)
    page.goto(lesson.url)
    # The page waits a few seconds for the voices, then marks the button; a tap says why.
    page.wait_for_function(
        "() => document.querySelector('[data-read-aloud-play]')"
        ".getAttribute('aria-disabled') === 'true'",
        timeout=10000,
    )
    page.get_by_role("button", name="听课文").click(force=True)
    status = page.locator("[data-read-aloud-status]")
    assert status.text_content() == NO_VOICE
    assert spoken(page) == []


SCREEN = """state => {
  Object.defineProperty(document, "visibilityState", { get: () => state, configurable: true });
  document.dispatchEvent(new Event("visibilitychange"));
}"""


def test_listening_counts_as_reading_only_while_the_screen_is_on(lesson, new_page):
    """reading.js counts the seconds the page is visible: listening with the screen on counts,
    and the voice going on with the screen locked adds nothing."""
    page = open_with_speech(new_page)
    sign_in(page, "13900000002", DEMO_PASSWORD)
    opened = time.monotonic()
    page.goto(lesson.url)
    page.get_by_role("button", name="听课文").click()
    page.wait_for_timeout(3000)
    finish(page)

    page.evaluate(SCREEN, "hidden")  # the screen is locked; the voice reads on
    locked = time.monotonic()
    for _ in range(4):
        page.wait_for_timeout(2000)
        finish(page)
    assert page.evaluate("() => window.__tts.current") is not None
    page.evaluate(SCREEN, "visible")
    hidden_for = time.monotonic() - locked

    # The page reports every 15 seconds (and sent what it had when the screen was locked).
    page.wait_for_timeout(max(0, 17.5 - (time.monotonic() - opened)) * 1000)
    progress = LessonProgress.objects.get(deputy__user__mobile="13900000002", lesson=lesson)
    elapsed = time.monotonic() - opened
    assert progress.seconds >= 3  # listening with the screen on counted
    assert progress.seconds <= elapsed - hidden_for + 1  # the locked screen did not
