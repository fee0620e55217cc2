"""The demo's lessons say which texts they follow, with and without the official texts
imported, and none of them is waiting to be checked once the demo is seeded."""

from datetime import date

from django.contrib.contenttypes.models import ContentType

from courses.demo import seed_courses
from courses.demo_programme import seed_initial_training
from courses.models import LessonBasis, LessonPage
from materials.demo import import_law_folder, seed_study_notes
from materials.models import LawPage, ReviewFlag

TEXTS = {
    "代表法": date(2025, 3, 11),
    "选举法": date(2020, 10, 17),
    "监督法": date(2024, 11, 8),
    "地方组织法": date(2022, 3, 11),
    "浙江省实施代表法办法": date(2016, 5, 27),
}


def seed_demo_lessons():
    seed_study_notes()
    seed_initial_training(seed_courses())


def lesson_flags():
    return ReviewFlag.objects.filter(content_type=ContentType.objects.get_for_model(LessonPage))


def assert_every_lesson_follows_the_texts_in_force():
    lessons = LessonPage.objects.all()
    assert lessons.count() == 33
    for lesson in lessons:
        rows = list(lesson.bases.all())
        assert rows, lesson.title  # every demo lesson is law-based
        for row in rows:
            assert row.amended_on == TEXTS[row.name], (lesson.title, row.name)
    assert not lesson_flags().exists()


def test_without_the_official_texts(client, db):
    seed_demo_lessons()

    assert_every_lesson_follows_the_texts_in_force()
    # The 代表法 and Zhejiang's measures are not in the library: their lessons name them, to be
    # linked when they come.
    unlinked = LessonBasis.objects.filter(law__isnull=True)
    assert set(unlinked.values_list("law_name", flat=True)) == {"代表法", "浙江省实施代表法办法"}
    study = LessonBasis.objects.filter(law__slug="xuanjufa")
    assert set(study.values_list("amended_on", flat=True)) == {date(2020, 10, 17)}
    assert LawPage.objects.get(slug="jiandufa").notes_follow == date(2024, 11, 8)

    lesson = LessonPage.objects.get(slug="du-baogao-he-yusuan")
    html = client.get(lesson.url, headers={"accept-language": "zh-hans"}).content.decode()
    assert "依据：2022年3月11日修正的地方组织法、2025年3月11日修正的代表法" in html
    assert "正在对照新文本核对" not in html


def test_with_the_official_texts_imported_first(db, shared_laws):
    import_law_folder(shared_laws)  # 代表法 of 2015, then of 2025
    seed_demo_lessons()

    assert_every_lesson_follows_the_texts_in_force()
    assert not LessonBasis.objects.filter(law__isnull=True).exists()


def test_the_official_texts_imported_after_the_lessons(db, shared_laws):
    seed_demo_lessons()
    import_law_folder(shared_laws)

    # The rows naming the 代表法 now point to it, and neither of its texts is newer.
    assert_every_lesson_follows_the_texts_in_force()
    assert not LessonBasis.objects.filter(law__isnull=True).exists()


def test_seeding_again_fills_in_the_bases_of_lessons_seeded_before_them(db):
    seed_demo_lessons()
    LessonBasis.objects.all().delete()

    seed_demo_lessons()

    assert_every_lesson_follows_the_texts_in_force()
