"""Lessons to check after an amendment: those that quote articles it changed, and those that
follow an earlier text of the law than its newest (their basis, models.basis).

A lesson quotes an article by law and number (blocks.LawArticleBlock) and shows the text of
the version in force, so after an amendment a lesson that quoted 第十九条 shows the new 第十九条,
whose words may be another article's. The old-number map (materials.articlemap, cached for
each pair of versions) says where each old article's words went; these reads find the lessons
quoting a number whose article changed, in their published content and in an unpublished
draft, for an editor to check. A lesson whose basis is the new text (written against it, or
marked checked) is not listed.
"""

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.utils import get_admin_base_url
from wagtail.models import Revision

from materials.articlemap import changed_articles
from materials.diff import ArticleChange
from materials.models import LawVersion

from .models import CoursePage, LessonBasis, LessonPage
from .models.basis import quoted_articles
from .review import behind_reason, flag_lessons_behind, unflag_lessons


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
    # The date of the earlier text the lesson follows, if it follows one.
    follows: date | None = None
    law_name: str = ""
    version_date: date | None = None

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.lesson.pk])

    @property
    def reason(self) -> str:
        """Why the lesson is listed, besides its quotes: the earlier text it follows."""
        if self.follows is None:
            return ""
        return behind_reason(self.law_name, self.follows, self.version_date)


@dataclass
class Amendment:
    """A law's newest version, the one before it (None for its first), and the lessons to
    check against it."""

    previous: LawVersion | None
    version: LawVersion
    lessons: list[LessonToCheck] = field(default_factory=list)


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


def _followed(law_ids) -> dict[tuple[int, int], date]:
    """(lesson id, law id) → the earliest text of the law the lesson follows: one query."""
    followed = {}
    rows = LessonBasis.objects.filter(law_id__in=law_ids)
    for lesson_id, law_id, on in rows.values_list("lesson_id", "law_id", "amended_on"):
        followed[lesson_id, law_id] = min(on, followed.get((lesson_id, law_id), on))
    return followed


def _find_lessons(amendments: list[Amendment]) -> None:
    """Attach to each amendment the lessons quoting an article it changed, and those that
    follow an earlier text of its law."""
    changes = {
        a.version.law_id: changed_articles(a.previous, a.version) if a.previous else {}
        for a in amendments
    }
    by_law = {a.version.law_id: a for a in amendments}
    if not by_law:
        return
    followed = _followed(by_law)
    if not any(changes.values()) and not followed:
        return
    found = []
    for lesson, published, draft in _lesson_quotes():
        for law_id, amendment in by_law.items():
            basis = followed.get((lesson.pk, law_id))
            if basis is not None and basis >= amendment.version.effective_date:
                continue  # written against this text, or checked against it since
            if basis is None and _written_after(lesson, amendment.version):
                continue
            quotes = [
                Quote(number, changes[law_id][number], draft_only=(law_id, number) not in published)
                for law, number in sorted(published | draft)
                if law == law_id and number in changes[law_id]
            ]
            if quotes or basis is not None:
                found.append((amendment, lesson, quotes, basis))
    parents = {lesson.path[: -LessonPage.steplen] for _a, lesson, _q, _b in found}
    courses = dict(CoursePage.objects.filter(path__in=parents).values_list("path", "title"))
    for amendment, lesson, quotes, basis in found:
        imported = amendment.version.imported_at
        edited = lesson.latest_revision_created_at
        amendment.lessons.append(
            LessonToCheck(
                lesson=lesson,
                course_title=courses.get(lesson.path[: -LessonPage.steplen], ""),
                quotes=quotes,
                edited_since=bool(edited and imported and edited > imported),
                follows=basis,
                law_name=amendment.version.law.short_name,
                version_date=amendment.version.effective_date,
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


def lessons_to_check(version: LawVersion) -> list[LessonToCheck]:
    """The lessons quoting an article that `version` changed from the version before it (if
    any), and those following an earlier text of its law."""
    amendment = Amendment(previous=previous_version(version), version=version)
    _find_lessons([amendment])
    return amendment.lessons


def amendments_to_check() -> list[Amendment]:
    """For each law in the library with a version, its newest version with the lessons to
    check against it; a law's first version is left out when no lesson follows an earlier
    text. The report's reads: four queries once the maps are cached (the import caches its
    map), five if some lesson has a draft, whatever the number of laws and lessons."""
    versions = LawVersion.objects.select_related("law").order_by(
        "law__path", "law_id", "-effective_date"
    )
    amendments = []
    for _law, group in groupby(versions, key=lambda v: v.law_id):
        newest = list(group)[:2]
        previous = newest[1] if len(newest) == 2 else None
        amendments.append(Amendment(previous=previous, version=newest[0]))
    _find_lessons(amendments)
    return [a for a in amendments if a.previous is not None or a.lessons]


def report_url() -> str:
    return get_admin_base_url() + reverse("courses_lessons_to_check")


def import_notice(version: LawVersion, *, behind: int = 0) -> str | None:
    """What the import of `version` tells its editor about lessons: how many quote an article
    it changed (not said of a first version), and how many follow an earlier text (`behind`,
    sent to review). None when there is nothing to say."""
    sentences = []
    if previous_version(version) is not None:
        quoting = [item for item in lessons_to_check(version) if item.quotes]
        if not quoting:
            sentences.append(_("No lesson quotes an article this version changed."))
        else:
            sentences.append(
                ngettext(
                    "%(count)d lesson quotes an article this version changed: check it on %(url)s",
                    "%(count)d lessons quote articles this version changed: check them on %(url)s",
                    len(quoting),
                )
                % {"count": len(quoting), "url": report_url()}
            )
    if behind:
        sentences.append(
            ngettext(
                "%(count)d lesson follows an earlier text of this law: it is sent to review.",
                "%(count)d lessons follow an earlier text of this law: they are sent to review.",
                behind,
            )
            % {"count": behind}
        )
        if report_url() not in " ".join(sentences):
            sentences.append(_("The lessons to check: %(url)s") % {"url": report_url()})
    return " ".join(sentences) or None


def on_law_version_imported(sender, *, version, **kwargs) -> str | None:
    """Receiver of `materials.signals.law_version_imported` (connected in hooks.py): the
    lessons following an earlier text are sent to review, and the import's messages say how
    many lessons to check."""
    behind = flag_lessons_behind(version)
    return import_notice(version, behind=behind)


def on_law_version_deleting(sender, *, version, **kwargs) -> int:
    """Receiver of `materials.signals.law_version_deleting` (connected in hooks.py): the
    lessons the version's import sent to review are taken back."""
    return unflag_lessons(version)
