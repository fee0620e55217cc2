"""What a lesson page shows around its body that is the same for every reader: the course it
belongs to, its place among the course's live lessons, the lessons before and after it, and the
laws it follows. Reading that asks four queries and builds a page object for every lesson of the
course: about half of the page's time (`make bench`'s profile, benchmarks/where_time_goes.py).

So it is kept in the cache, as titles and addresses, under a key that changes with what it is
read from (common.generations):
- the generation of the pages, renewed whenever any page is saved (a publish, a rename, an
  unpublish; a law is a page too), deleted or moved;
- the generation of the laws' texts, renewed whenever a law's version or a lesson's bases are
  saved or deleted;
- the day, since a law's version coming into force changes the note on the bases without a
  write;
- the site, the script prefix (the addresses hold it) and the language.
A draft seen in preview is never kept.
"""

from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.translation import get_language

from common import generations

from .models.basis import Bases, LessonBasis, bases_of

KEEP_SECONDS = 24 * 3600
KEY_VERSION = 1  # raise when LessonFrame changes, so that no old shape is read
LAWS = "generation:law-texts"


@dataclass(frozen=True)
class Link:
    pk: int
    title: str
    url: str


@dataclass(frozen=True)
class LessonFrame:
    courses_url: str  # the list of courses, the breadcrumb's first step
    course: Link
    position: int | None  # 1 for the first lesson; None for a lesson not live (a preview)
    total: int  # the course's live lessons
    previous: Link | None
    next: Link | None
    bases: Bases


def frame_of(lesson, request, *, preview: bool = False) -> LessonFrame:
    """The lesson's frame: from the cache, or read and kept there (never in preview)."""
    if preview:
        return _read(lesson, request)
    site = getattr(request, "_wagtail_site", None)
    return generations.kept(
        ":".join(
            str(part)
            for part in (
                "lesson-frame",
                KEY_VERSION,
                lesson.pk,
                site.pk if site else "-",
                get_script_prefix(),  # the addresses hold it
                get_language(),
                timezone.localdate().isoformat(),
            )
        ),
        lambda: _read(lesson, request),
        under=(generations.PAGES, LAWS),
        seconds=KEEP_SECONDS,
    )


def _read(lesson, request) -> LessonFrame:
    course = lesson.get_parent().specific
    lessons = list(course.lessons().only("title", "url_path", "path", "depth"))
    position = next((i for i, each in enumerate(lessons) if each.pk == lesson.pk), None)

    def link(page) -> Link:
        return Link(page.pk, page.title, page.get_url(request))

    def neighbour(offset: int) -> Link | None:
        if position is None or not 0 <= position + offset < len(lessons):
            return None
        return link(lessons[position + offset])

    return LessonFrame(
        courses_url=course.get_parent().get_url(request),
        course=link(course),
        position=None if position is None else position + 1,
        total=len(lessons),
        previous=neighbour(-1),
        next=neighbour(1),
        bases=bases_of([lesson.pk]).get(lesson.pk, Bases([])),
    )


def connect() -> None:
    """Renew the laws' generation when a version or a lesson's bases change (CoursesConfig.ready;
    the pages' generation is wired beside it)."""
    from materials.models import LawVersion

    renew = generations.renewer(LAWS)
    for model in (LawVersion, LessonBasis):
        for signal in (post_save, post_delete):
            signal.connect(renew, sender=model, dispatch_uid=f"lesson-frame-{model}", weak=False)
