"""Reads of the law library that span relations: current versions, the reader, the diff."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_date

from .diff import VersionDiff, compare
from .models import AmendmentEvent, Article, ArticleNote, LawPage, LawVersion


def current_version_ids(on=None):
    """A subquery of the id of each law's version in force."""
    latest = (
        LawVersion.objects.in_force(on)
        .filter(law=OuterRef("law"))
        .order_by("-effective_date")
        .values("pk")[:1]
    )
    return LawVersion.objects.in_force(on).filter(pk=Subquery(latest)).values("pk")


def in_force(versions: list[LawVersion]) -> LawVersion | None:
    """Of a law's versions, newest first, the one in force today (as LawVersion.objects.current
    picks it in the database)."""
    today = timezone.localdate()
    return next((v for v in versions if v.effective_date <= today), None)


def pick_version(law: LawPage, effective: str | None) -> tuple[LawVersion, list, LawVersion]:
    """The version asked for (its effective date as YYYY-MM-DD, or None for the one in force),
    the law's versions newest first and the one in force, in one query; 404 if none."""
    versions = versions_of(law)
    current = in_force(versions)
    if effective is None:
        version = current
    else:
        when = parse_date(effective) if len(effective) == 10 else None
        version = next((v for v in versions if v.effective_date == when), None)
    if version is None:
        raise Http404("No such version of this law")
    return version, versions, current


def laws_with_current_versions(index):
    """The library's laws, each with `current` (its version in force) and `version_list`,
    in two queries."""
    laws = list(
        LawPage.objects.live().child_of(index).annotate(note_count=Count("notes")).order_by("path")
    )
    versions = list(LawVersion.objects.filter(law__in=laws).order_by("law_id", "-effective_date"))
    for law in laws:
        law.version_list = [v for v in versions if v.law_id == law.pk]
        law.current = in_force(law.version_list)
    return laws


def reader_chapters(version: LawVersion) -> list:
    """The version's chapters for the reader, each with `blocks`: (section or None, articles)
    in reading order. Four queries whatever the length of the law."""
    chapters = list(version.chapters_with_articles())
    for chapter in chapters:
        articles = list(chapter.articles.all())
        blocks = [(None, [a for a in articles if a.section_id is None])]
        blocks += [
            (section, [a for a in articles if a.section_id == section.pk])
            for section in chapter.sections.all()
        ]
        chapter.blocks = [(section, arts) for section, arts in blocks if arts]
    return chapters


def attach_notes(law: LawPage, chapters: list) -> None:
    """Give each article of the reader's chapters its study note (`article.note`, or None),
    in one query."""
    notes = {note.article: note for note in law.notes.all()}
    for chapter in chapters:
        for _section, articles in chapter.blocks:
            for article in articles:
                article.note = notes.get(article.number)


def notes_of(law: LawPage) -> list[ArticleNote]:
    return list(law.notes.order_by("article"))


def versions_of(law: LawPage) -> list[LawVersion]:
    return list(law.versions.order_by("-effective_date"))


def get_article(version: LawVersion, number: int) -> Article:
    article = (
        version.articles.select_related("chapter", "section")
        .prefetch_related("parts")
        .filter(number=number)
        .first()
    )
    if article is None:
        raise Http404("No such article")
    article.version = version
    article.note = ArticleNote.objects.filter(law_id=version.law_id, article=number).first()
    return article


def version_articles(version: LawVersion) -> list[Article]:
    return list(version.articles.order_by("number"))


def diff_versions(old: LawVersion, new: LawVersion) -> VersionDiff:
    return compare(version_articles(old), version_articles(new))


def search_articles(term: str, *, limit: int = 50) -> list[Article]:
    """Articles in force whose text contains the term, any Chinese term of two or more
    characters included: a substring match, which needs no word segmentation.

    Ordered by law, then by article number, with the law page selected for the link.
    """
    term = term.strip()
    if len(term) < 2:
        return []
    return list(
        Article.objects.current()
        .filter(Q(text__contains=term) | Q(chapter__title__contains=term))
        .select_related("version__law", "chapter")
        .order_by("version__law__path", "number")[:limit]
    )


def search_notes(term: str, *, limit: int = 30) -> list[ArticleNote]:
    """Study notes of live laws whose heading or words contain the term: they stand in for
    articles whose official text is not imported."""
    term = term.strip()
    if len(term) < 2:
        return []
    return list(
        ArticleNote.objects.filter(law__live=True)
        .filter(Q(heading__contains=term) | Q(text__contains=term))
        .exclude(law__versions__in=current_version_ids())
        .select_related("law")
        .order_by("law__path", "article")[:limit]
    )


@dataclass(frozen=True)
class TextInForce:
    """Which text of a law is in force, as a lesson names the text it follows: the date of its
    amendment (or adoption, or revision) and which of these it was (`kind`)."""

    on: date
    kind: str = "amended"  # "amended" (修正), "revised" (修订) or "adopted" (通过)


def text_kind(history_line: str) -> str:
    """How a history line says the text of its date came about: 修订, 修正, else 通过."""
    if "修订" in history_line:
        return "revised"
    if "修正" in history_line or "修改" in history_line:
        return "amended"
    return "adopted"


def texts_in_force(law_ids, on=None) -> dict[int, TextInForce]:
    """For each law, the text in force: its imported version in force, else the version its
    study notes follow (`LawPage.notes_follow`); a law with neither is left out. Three queries
    at most, whatever the number of laws."""
    law_ids = set(law_ids)
    if not law_ids:
        return {}
    versions = {}
    for version in LawVersion.objects.current(on).filter(law_id__in=law_ids):
        versions.setdefault(version.law_id, version)  # the first is the one in force
    found = {}
    if versions:
        lines = {
            (event.version_id, event.date): event.text
            for event in AmendmentEvent.objects.filter(
                version_id__in=[v.pk for v in versions.values()]
            )
        }
        for law_id, version in versions.items():
            line = lines.get((version.pk, version.effective_date))
            kind = text_kind(line) if line else "amended"
            found[law_id] = TextInForce(version.effective_date, kind)
    rest = law_ids - set(found)
    if rest:
        for law_id, follows in LawPage.objects.filter(
            pk__in=rest, notes_follow__isnull=False
        ).values_list("pk", "notes_follow"):
            found[law_id] = TextInForce(follows)
    return found
