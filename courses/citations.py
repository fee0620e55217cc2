"""Lessons that quote articles an amendment changed.

A lesson quotes an article by law and number (blocks.LawArticleBlock) and shows the text of
the version in force, so after an amendment a lesson that quoted 第十九条 shows the new 第十九条,
whose words may be another article's. The old-number map (materials.articlemap, cached for
each pair of versions) says where each old article's words went; these reads find the lessons
quoting a number whose article changed, in their published content and in an unpublished
draft, for an editor to check.
"""

import json
from dataclasses import dataclass, field
from itertools import groupby

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.utils import get_admin_base_url
from wagtail.models import Revision

from materials.articlemap import changed_articles
from materials.diff import ArticleChange
from materials.models import LawVersion

from .models import CoursePage, LessonPage


@dataclass(frozen=True)
class Quote:
    """An article number a lesson quotes, and what the amendment did to that article."""

    number: int
    change: ArticleChange
    # Quoted only in an unpublished draft (or in a lesson not published at all).
    draft_only: bool = False

    @property
    def label(self) -> str:
        """Where the quoted article's words went: 第十九条 → 第二十七条第一款."""
        old = self.change.old.label
        if self.change.kind == "removed":
            return _("%(old)s was removed") % {"old": old}
        if self.change.kind == "reworded" and not self.change.renumbered:
            return _("%(old)s was reworded") % {"old": old}
        return self.change.label


@dataclass
class LessonToCheck:
    lesson: LessonPage
    course_title: str
    quotes: list[Quote]
    # Saved after the version was imported: an editor may have checked it already.
    edited_since: bool = False

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.lesson.pk])


@dataclass
class Amendment:
    """A law's newest version, the one before it, and the lessons to check between them."""

    previous: LawVersion
    version: LawVersion
    lessons: list[LessonToCheck] = field(default_factory=list)


def quoted_articles(stream) -> set[tuple[int, int]]:
    """(law page id, article number) of each law-article block of a lesson body's raw data
    (as stored on the page, or as JSON text in a revision)."""
    if isinstance(stream, str):
        stream = json.loads(stream or "[]")
    found = set()
    for block in stream or []:
        value = block.get("value") or {}
        if block.get("type") == "law_article" and value.get("law") and value.get("article"):
            found.add((int(value["law"]), int(value["article"])))
    return found


def _lesson_quotes() -> list[tuple[LessonPage, set, set]]:
    """Every lesson with what its published content quotes and what its draft quotes. One
    query, two if some lesson has unpublished changes."""
    lessons = list(LessonPage.objects.defer("search_text").order_by("path"))
    drafts = [lesson.latest_revision_id for lesson in lessons if lesson.has_unpublished_changes]
    revisions = {r.pk: r.content for r in Revision.objects.filter(pk__in=drafts)} if drafts else {}
    quoted = []
    for lesson in lessons:
        stored = quoted_articles(lesson.body.raw_data)
        published = stored if lesson.live else set()
        if lesson.has_unpublished_changes and lesson.latest_revision_id in revisions:
            draft = quoted_articles(revisions[lesson.latest_revision_id].get("body"))
        else:
            draft = set() if lesson.live else stored
        quoted.append((lesson, published, draft))
    return quoted


def _find_lessons(amendments: list[Amendment]) -> None:
    """Attach to each amendment the lessons quoting an article it changed."""
    changes = {a.version.law_id: changed_articles(a.previous, a.version) for a in amendments}
    if not any(changes.values()):
        return
    by_law = {a.version.law_id: a for a in amendments}
    found = []
    for lesson, published, draft in _lesson_quotes():
        for law_id, amendment in by_law.items():
            if _written_after(lesson, amendment.version):
                continue
            quotes = [
                Quote(number, changes[law_id][number], draft_only=(law_id, number) not in published)
                for law, number in sorted(published | draft)
                if law == law_id and number in changes[law_id]
            ]
            if quotes:
                found.append((amendment, lesson, quotes))
    parents = {lesson.path[: -LessonPage.steplen] for _a, lesson, _q in found}
    courses = dict(CoursePage.objects.filter(path__in=parents).values_list("path", "title"))
    for amendment, lesson, quotes in found:
        imported = amendment.version.imported_at
        edited = lesson.latest_revision_created_at
        amendment.lessons.append(
            LessonToCheck(
                lesson=lesson,
                course_title=courses.get(lesson.path[: -LessonPage.steplen], ""),
                quotes=quotes,
                edited_since=bool(edited and imported and edited > imported),
            )
        )


def _written_after(lesson: LessonPage, version: LawVersion) -> bool:
    """First published after the version came into the library: its quotes were chosen with
    the new numbers before the editor's eyes, not the old ones."""
    first = lesson.first_published_at
    return bool(first and version.imported_at and first > version.imported_at)


def previous_version(version: LawVersion) -> LawVersion | None:
    return (
        LawVersion.objects.filter(law_id=version.law_id, effective_date__lt=version.effective_date)
        .order_by("-effective_date")
        .first()
    )


def lessons_to_check(version: LawVersion) -> list[LessonToCheck] | None:
    """The lessons quoting an article that `version` changed from the version before it; None
    if it is its law's first version."""
    previous = previous_version(version)
    if previous is None:
        return None
    amendment = Amendment(previous=previous, version=version)
    _find_lessons([amendment])
    return amendment.lessons


def amendments_to_check() -> list[Amendment]:
    """For each law with more than one version, its newest version with the lessons quoting
    an article that version changed. The report's reads: three queries once the maps are
    cached (the import caches its map), four if some lesson has a draft, whatever the number
    of laws and lessons."""
    versions = LawVersion.objects.select_related("law").order_by(
        "law__path", "law_id", "-effective_date"
    )
    amendments = []
    for _law, group in groupby(versions, key=lambda v: v.law_id):
        newest = list(group)[:2]
        if len(newest) == 2:
            amendments.append(Amendment(previous=newest[1], version=newest[0]))
    _find_lessons(amendments)
    return amendments


def report_url() -> str:
    return get_admin_base_url() + reverse("courses_lessons_to_check")


def import_notice(version: LawVersion) -> str | None:
    """What the import of `version` tells its editor about lessons; None for a first version."""
    lessons = lessons_to_check(version)
    if lessons is None:
        return None
    if not lessons:
        return _("No lesson quotes an article this version changed.")
    return ngettext(
        "%(count)d lesson quotes an article this version changed: check it on %(url)s",
        "%(count)d lessons quote articles this version changed: check them on %(url)s",
        len(lessons),
    ) % {"count": len(lessons), "url": report_url()}


def on_law_version_imported(sender, *, version, **kwargs) -> str | None:
    """Receiver of `materials.signals.law_version_imported` (connected in hooks.py): the
    import's messages say how many lessons to check."""
    return import_notice(version)
