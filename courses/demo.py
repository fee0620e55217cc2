"""Demo courses in the project's own words, written as Markdown files in demo_content/ (one
folder a course, one file a lesson: the format is in lessonfiles.py).

Lessons explain the law and quote the articles they discuss. A quoted article shows the official
text where the law is imported, else the law's study note for it; where the law has no page at
all, the lesson's own explanation stands alone as a callout that names the article.
"""

import json
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from wagtail.models import Page, Site

from materials.models import Article, LawPage, LawVersion
from materials.services import KNOWN_LAWS
from proposals.models import Exercise
from quizzes.models import Quiz

from .lessonfiles import Lesson, read_course
from .models import CourseIndexPage, CoursePage, LessonBasis, LessonPage

CONTENT = Path(__file__).parent / "demo_content"
# The demo's courses (folders of CONTENT), the required one first: seed_demo assigns the first
# three, and the initial training takes four of them.
DEPUTY_LAW_COURSE = "daibiaofa-rumen"
ELECTION_COURSE = "xuanjufa-jichu"
SUPERVISION_COURSE = "jiandufa-xiangzhen-jiandu"
WRITING_COURSE = "yian-jianyi-xiezuo"
# An elective for township deputies: the township government and whom to address, the 2025
# general provisions, electing the township's leaders, replies, state secrets.
TOWNSHIP_COURSE = "xiangzhen-daibiao-bizhi"
COURSES = [DEPUTY_LAW_COURSE, ELECTION_COURSE, SUPERVISION_COURSE, WRITING_COURSE, TOWNSHIP_COURSE]


def demo_course(slug: str) -> tuple[dict, list[Lesson]]:
    """A demo course's page fields and lessons, read from its folder."""
    return read_course(CONTENT / slug)


def _children_by_slug(parent):
    return {page.slug: page for page in parent.get_children().specific()}


def _body(blocks, laws):
    body = []
    for block in blocks:
        kind = block[0]
        if kind == "text":
            body.append({"type": "text", "value": block[1]})
        elif kind == "callout":
            body.append({"type": "callout", "value": {"kind": block[1], "text": block[2]}})
        elif kind == "quiz":
            quiz = Quiz.objects.filter(title=block[1]).first()
            if quiz is not None:
                body.append({"type": "quiz", "value": {"quiz": quiz.pk, "intro": block[2]}})
        elif kind == "exercise":
            # Seeded before the courses (proposals.demo), found by title.
            exercise = Exercise.objects.filter(title=block[1]).first()
            if exercise is not None:
                value = {"exercise": exercise.pk, "intro": block[2]}
                body.append({"type": "exercise", "value": value})
        elif kind == "changes":
            # Without the law's page there is no comparison: the lesson's text says it all.
            slug, old, new, numbers, intro = block[1:]
            law = laws.get(slug)
            if law is not None:
                value = {
                    "law": law.pk,
                    "old": old.isoformat(),
                    "new": new.isoformat(),
                    "articles": numbers,
                    "intro": intro,
                }
                body.append({"type": "law_changes", "value": value})
        elif kind == "article":
            slug, number, note = block[1:]
            law = laws.get(slug)
            if law is not None and _quotable(law, number):
                value = {"law": law.pk, "article": number, "note": note}
                body.append({"type": "law_article", "value": value})
            else:
                # Without the law, the lesson keeps its own words about the article.
                body.append({"type": "callout", "value": {"kind": "key", "text": f"<p>{note}</p>"}})
    return json.dumps(body, ensure_ascii=False)


def _quotable(law, number) -> bool:
    """An article the lesson can quote: in the text in force, or, for a law whose text is not
    imported, the subject of a study note."""
    if LawVersion.objects.current().filter(law=law).exists():
        return Article.objects.current().filter(version__law=law, number=number).exists()
    return law.notes.filter(article=number).exists()


def _bases(lesson: Lesson, laws: dict, page: LessonPage | None = None) -> list[LessonBasis]:
    """The texts the lesson file says the lesson follows. A law the library does not have
    yet is named by its short name: importing it later links the row."""
    names = {slug: short for short, slug in KNOWN_LAWS.values()}
    return [
        LessonBasis(
            lesson=page,
            law=laws.get(slug),
            law_name=laws[slug].short_name if slug in laws else names.get(slug, slug),
            amended_on=day,
            sort_order=position,
        )
        for position, (slug, day) in enumerate(lesson.basis.items())
    ]


def _due(days):
    return None if days is None else timezone.localdate() + timedelta(days=days)


def seed_courses() -> list[CoursePage]:
    """Create what is missing of the course list and the demo courses; existing pages are left
    as editors may have changed them. Returns the courses, the required one first."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page if site else Page.get_first_root_node()
    index = CourseIndexPage.objects.first()
    if index is None:
        index = root.add_child(instance=CourseIndexPage(title="学习课程", slug="courses"))
    laws = {law.slug: law for law in LawPage.objects.all()}
    return [seed_course(index, *demo_course(slug), laws) for slug in COURSES]


def seed_course(index, course_data: dict, lessons, laws: dict) -> CoursePage:
    """One course of the course list and what is missing of its lessons (a course and its
    lessons as `read_course` reads them); an existing page is left as editors may have
    changed it."""
    course = _children_by_slug(index).get(course_data["slug"])
    if course is None:
        course = index.add_child(
            instance=CoursePage(
                title=course_data["title"],
                slug=course_data["slug"],
                summary=course_data["summary"],
                required=course_data["required"],
                for_county_deputies=course_data["for_county_deputies"],
                for_township_deputies=course_data["for_township_deputies"],
                due_date=_due(course_data["due_in_days"]),
            )
        )
    existing = _children_by_slug(course)
    for lesson in lessons:
        if lesson.slug not in existing:
            course.add_child(
                instance=LessonPage(
                    title=lesson.title,
                    slug=lesson.slug,
                    estimated_minutes=lesson.minutes,
                    body=_body(lesson.blocks, laws),
                    # Written now, for the texts in force: the lessons to check after an
                    # amendment are those published before it.
                    first_published_at=timezone.now(),
                    bases=_bases(lesson, laws),
                )
            )
        elif not existing[lesson.slug].bases.exists():
            # Seeded before lessons said which texts they follow.
            LessonBasis.objects.bulk_create(
                [_basis_of(existing[lesson.slug], basis) for basis in _bases(lesson, laws)]
            )
    return course


def _basis_of(lesson: LessonPage, basis: LessonBasis) -> LessonBasis:
    basis.lesson = lesson
    return basis


def seed_learning(course: CoursePage, *, deputies, assigned_by, reader) -> None:
    """Assign the demo course to the deputies, and show one reader part-way through it: the
    first lesson read, the second started."""
    from .models import LessonProgress
    from .services import assign_course, required_seconds

    # As the county officer would: each deputy is told, the log has one entry.
    assign_course(course=course, deputies=deputies, assigned_by=assigned_by)
    lessons = list(course.lessons()[:2])
    if len(lessons) == 2:
        first, second = lessons
        LessonProgress.objects.get_or_create(
            deputy=reader,
            lesson=first,
            defaults={
                "seconds": required_seconds(first),
                "reached_end": True,
                "clock": timezone.now(),
                "completed_at": timezone.now(),
            },
        )
        LessonProgress.objects.get_or_create(
            deputy=reader,
            lesson=second,
            defaults={"seconds": required_seconds(second) // 3, "clock": timezone.now()},
        )


# The township clerk gives the reader's station the supervision elective, due in a month: an
# assignment with a due date of its own (the course has none).
ASSIGNED_DUE_IN_DAYS = 30


def seed_assignment(course: CoursePage, *, station, assigned_by) -> int:
    """Assign the course to the station's deputies with its own due date, once (deputies
    already taking it are left as they are). Returns how many were enrolled now."""
    from deputies.models import Deputy

    from .models import Enrolment
    from .services import assign_course

    if Enrolment.objects.filter(course=course, assigned_by=assigned_by).exists():
        return 0  # assigned before (the station may have new deputies since: a new term)
    added, _already = assign_course(
        course=course,
        deputies=Deputy.objects.filter(station=station, is_active=True),
        assigned_by=assigned_by,
        due_date=timezone.localdate() + timedelta(days=ASSIGNED_DUE_IN_DAYS),
    )
    return added
