"""Reading time a deputy can see: what a lesson says of the time still needed, from the
server's figures, in both languages; what the course page says of each lesson, with a button
to continue; and what keeping the course for offline reading keeps."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from courses.factories import LessonPageFactory
from courses.models import LessonProgress
from courses.reading import ReadingStatus
from courses.selectors import LessonState, course_reading, pages_to_keep
from courses.services import enrol
from materials.lawtext import parse_law
from materials.services import import_law

from ..materials.texts import AMENDED, SAMPLE

REQUIRED = 360  # a 10-minute lesson: 60% of it on screen


def status(left, *, reached_end=False, complete=False):
    return ReadingStatus(
        seconds=REQUIRED - left, required=REQUIRED, reached_end=reached_end, complete=complete
    )


def words(value, language):
    with translation.override(language):
        return value()


@pytest.mark.parametrize(
    ("left", "english", "chinese"),
    [
        (360, "About 6 more minutes of reading", "还需阅读约6分钟"),
        (121, "About 3 more minutes of reading", "还需阅读约3分钟"),  # rounded up
        (120, "About 2 more minutes of reading", "还需阅读约2分钟"),
        (61, "About 2 more minutes of reading", "还需阅读约2分钟"),
        (60, "About 1 more minute of reading", "还需阅读约1分钟"),
        (59, "Less than a minute more of reading", "还需阅读不到1分钟"),
        (1, "Less than a minute more of reading", "还需阅读不到1分钟"),
    ],
)
def test_the_time_left_is_rounded_up_to_whole_minutes(left, english, chinese):
    assert words(lambda: status(left).text, "en") == english
    assert words(lambda: status(left).text, "zh-hans") == chinese


def test_a_lesson_counted_says_so_and_has_nothing_missing():
    # Counted without the time too: studied together at the liaison station.
    done = status(300, reached_end=False, complete=True)
    assert words(lambda: done.text, "en") == "Lesson completed"
    assert words(lambda: done.text, "zh-hans") == "本课已学完"
    assert done.note == "" and done.seconds_left == 0 and done.percent == 100


def test_the_note_says_what_is_missing():
    both = status(100)
    assert words(lambda: both.note, "zh-hans") == (
        "本课还未计入学时：还需阅读约2分钟，并读到本课末尾。"
    )
    time_only = status(100, reached_end=True)
    assert words(lambda: time_only.note, "en") == (
        "This lesson is not counted yet: about 2 more minutes of reading."
    )
    end_only = status(0)
    assert words(lambda: end_only.text, "zh-hans") == "阅读时间已够：读到本课末尾即学完"
    assert words(lambda: end_only.note, "zh-hans") == ("本课还未计入学时：还需读到本课末尾。")
    assert status(90).percent == 75


@pytest.fixture
def lesson(course):
    return LessonPageFactory(parent=course, slug="one", estimated_minutes=10)


def test_the_lesson_page_shows_the_time_left_and_then_that_it_is_read(client, deputy, lesson):
    client.force_login(deputy.user)
    html = client.get(lesson.url, headers={"accept-language": "zh-hans"}).content.decode()
    assert "还需阅读约6分钟" in html
    assert "本课还未计入学时：还需阅读约6分钟，并读到本课末尾。" in html  # by the next lesson
    assert "只计算本页显示在屏幕上的时间。" in html

    LessonProgress.objects.filter(lesson=lesson).update(seconds=REQUIRED - 30)
    html = client.get(lesson.url, headers={"accept-language": "en"}).content.decode()
    assert "Less than a minute more of reading" in html

    LessonProgress.objects.filter(lesson=lesson).update(completed_at=timezone.now())
    html = client.get(lesson.url, headers={"accept-language": "zh-hans"}).content.decode()
    assert "本课已学完" in html and "reading-status--complete" in html
    assert "本课还未计入学时" not in html


def test_a_report_answers_with_the_words_the_page_shows(client, deputy, lesson):
    client.force_login(deputy.user)
    client.get(lesson.url)
    LessonProgress.objects.filter(lesson=lesson).update(
        seconds=REQUIRED - 10, clock=timezone.now() - timezone.timedelta(seconds=15)
    )
    url = reverse("report_reading", args=[lesson.pk])

    answer = client.post(
        url, {"seconds": "15", "at_end": "1"}, headers={"accept-language": "zh-hans"}
    )

    assert answer.json()["complete"] is True
    assert answer.json()["text"] == "本课已学完" and answer.json()["note"] == ""


@pytest.fixture
def lessons(course):
    return [
        LessonPageFactory(parent=course, slug=slug, title=f"第{n}课", estimated_minutes=5)
        for n, slug in enumerate(("a", "b", "c", "d"), start=1)
    ]


def opened(deputy, lesson, *, read=False):
    now = timezone.now()
    LessonProgress.objects.create(
        deputy=deputy, lesson=lesson, clock=now, completed_at=now if read else None
    )


def test_each_lesson_is_read_in_progress_or_not_started(deputy, lessons, other_station_deputy):
    opened(deputy, lessons[0], read=True)
    opened(deputy, lessons[2])
    opened(other_station_deputy, lessons[1], read=True)  # someone else's reading

    with CaptureQueriesContext(connection) as queries:
        reading = course_reading(deputy, lessons)

    assert len(queries) == 1
    assert [lesson.state for lesson in reading.lessons] == [
        LessonState.READ,
        LessonState.NOT_STARTED,
        LessonState.IN_PROGRESS,
        LessonState.NOT_STARTED,
    ]
    assert reading.next_lesson == lessons[1] and reading.started and reading.read == 1


def test_the_course_page_marks_the_lessons_and_continues(
    client, deputy, course, lessons, django_assert_max_num_queries
):
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    opened(deputy, lessons[0], read=True)
    opened(deputy, lessons[1])
    client.force_login(deputy.user)
    client.get(course.url)  # the site's root paths, cached

    # Wagtail's routing and the menu, then the lessons, the enrolment, one query for every
    # lesson's state however many there are (the test below) and one for the texts of the laws
    # the lessons follow.
    with django_assert_max_num_queries(18):
        html = client.get(course.url, headers={"accept-language": "zh-hans"}).content.decode()

    assert html.count("lesson-state--read") == 1 and "已学完" in html
    assert html.count("lesson-state--in_progress") == 1 and "学习中" in html
    assert html.count("lesson-state--not_started") == 2 and "未开始" in html
    assert "已学1课，共4课" in html
    assert f'href="{lessons[1].url}">继续学习：第2课</a>' in html

    english = client.get(course.url, headers={"accept-language": "en"}).content.decode()
    assert "Continue: 第2课" in english and "In progress" in english and "Not started" in english


def test_the_course_page_queries_do_not_grow_with_lessons(client, deputy, course, lessons):
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    client.force_login(deputy.user)

    def queries():
        client.get(course.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(course.url).status_code == 200
        return len(captured)

    four = queries()
    for n in range(4):
        opened(deputy, LessonPageFactory(parent=course, slug=f"more{n}"), read=n % 2 == 0)
    assert queries() == four


def test_an_elective_just_chosen_says_start(client, deputy, elective):
    first = LessonPageFactory(parent=elective, slug="first", title="第一课")
    LessonPageFactory(parent=elective, slug="second", title="第二课")
    client.force_login(deputy.user)
    client.post(reverse("enrol_elective", args=[elective.pk]))

    html = client.get(elective.url, headers={"accept-language": "zh-hans"}).content.decode()

    assert f'href="{first.url}">开始学习：第一课</a>' in html
    assert "继续学习" not in html and html.count("lesson-state--not_started") == 2


def test_a_course_read_through_has_no_continue_button(client, deputy, course, lessons):
    enrol(deputy=deputy, course=course, assigned_by=deputy.user)
    for lesson in lessons:
        opened(deputy, lesson, read=True)
    client.force_login(deputy.user)
    html = client.get(course.url, headers={"accept-language": "zh-hans"}).content.decode()
    assert "继续学习" not in html and "开始学习" not in html
    assert html.count("lesson-state--read") == 4


@pytest.fixture
def law(db):
    import_law(parsed=parse_law(SAMPLE))
    return import_law(parsed=parse_law(AMENDED)).version.law


def quote(law, number):
    return {"type": "law_article", "value": {"law": law.pk, "article": number, "note": ""}}


def test_keeping_a_course_keeps_its_lessons_and_the_articles_they_quote(rf, deputy, course, law):
    first = LessonPageFactory(parent=course, slug="q1", body=[quote(law, 1), quote(law, 2)])
    # Article 1 again (kept once), and article 9, which is not in the text in force: the
    # lesson links to the law's page instead, so that is what is kept.
    second = LessonPageFactory(parent=course, slug="q2", body=[quote(law, 1), quote(law, 9)])
    lessons = list(course.lessons())
    request = rf.get(course.url)

    with CaptureQueriesContext(connection) as queries:
        pages = pages_to_keep(course, lessons, request=request)

    assert len(queries) == 3  # the laws, the articles in force, the site's root paths
    assert [page["url"] for page in pages] == [
        course.url,
        first.url,
        second.url,
        f"{law.url}articles/1/",
        f"{law.url}articles/2/",
        law.url,
    ]
    assert pages[3]["title"] == f"{law.short_name} 第一条"
    assert pages[5]["title"] == law.title


def test_the_course_page_lists_the_pages_to_keep_for_a_deputy_only(
    client, deputy, course, law, station_staff
):
    lesson = LessonPageFactory(parent=course, slug="q1", body=[quote(law, 1)])
    client.force_login(deputy.user)
    html = client.get(course.url, headers={"accept-language": "zh-hans"}).content.decode()
    assert "保存整门课程以便离线阅读" in html and 'id="keep-course-pages"' in html
    assert f'"url": "{lesson.url}"' in html and f"{law.url}articles/1/" in html

    client.force_login(station_staff)
    assert 'id="keep-course-pages"' not in client.get(course.url).content.decode()


def test_fetching_a_lesson_to_keep_it_does_not_start_it(client, deputy, course):
    lesson = LessonPageFactory(parent=course, slug="kept")
    client.force_login(deputy.user)
    assert client.get(lesson.url, headers={"X-Offline-Keep": "1"}).status_code == 200
    assert not LessonProgress.objects.exists()
    client.get(lesson.url)
    assert LessonProgress.objects.filter(deputy=deputy, lesson=lesson).exists()
