"""Writes to the law library. The importer is the only way law text gets in."""

import re
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .lawtext import SPACES, ParsedLaw
from .models import (
    AmendmentEvent,
    Article,
    ArticlePart,
    Chapter,
    LawIndexPage,
    LawPage,
    LawVersion,
    Section,
)
from .signals import law_version_imported

# Short names and URL slugs of the laws deputies work under, found by their official titles.
KNOWN_LAWS = {
    "全国人民代表大会和地方各级人民代表大会代表法": ("代表法", "daibiaofa"),
    "全国人民代表大会和地方各级人民代表大会选举法": ("选举法", "xuanjufa"),
    "各级人民代表大会常务委员会监督法": ("监督法", "jiandufa"),
    "地方各级人民代表大会和地方各级人民政府组织法": ("地方组织法", "difangzuzhifa"),
    "宪法": ("宪法", "xianfa"),
    "立法法": ("立法法", "lifafa"),
}
PRC = "中华人民共和国"


class LawImportError(ValueError):
    pass


@dataclass
class ImportResult:
    version: LawVersion
    created: bool
    law_created: bool

    @property
    def chapters(self) -> int:
        return self.version.chapters.exclude(number=0).count()

    @property
    def sections(self) -> int:
        return Section.objects.filter(chapter__version=self.version).count()

    @property
    def articles(self) -> int:
        return self.version.articles.count()


def title_key(title: str) -> str:
    """A title as compared between files: no spaces, no 中华人民共和国 prefix."""
    return SPACES.sub("", title).removeprefix(PRC)


def find_law(title: str) -> LawPage | None:
    key = title_key(title)
    for law in LawPage.objects.all():
        if title_key(law.title) == key:
            return law
    version = LawVersion.objects.filter(title=title).select_related("law").first()
    return version.law if version else None


def library_index() -> LawIndexPage:
    """The law library page, made under the default site's root page the first time."""
    index = LawIndexPage.objects.first()
    if index is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        parent = site.root_page if site else Page.get_first_root_node()
        index = LawIndexPage(title="法律法规", slug="laws", live=True)
        parent.add_child(instance=index)
    return index


def default_short_name(title: str) -> str:
    """代表法 for the Deputy Law; for a local regulation, the laws it names shortened too:
    浙江省实施《中华人民共和国…代表法》办法 → 浙江省实施代表法办法."""
    key = title_key(title)
    if key in KNOWN_LAWS:
        return KNOWN_LAWS[key][0]
    for full, (short, _slug) in KNOWN_LAWS.items():
        key = re.sub(rf"《(?:{PRC})?{full}》", short, key)
    return key[:40]


def _new_law(parsed: ParsedLaw, *, short_name: str | None, slug: str | None) -> LawPage:
    known = KNOWN_LAWS.get(title_key(parsed.title))
    index = library_index()
    short = short_name or default_short_name(parsed.title)
    # Laws without a known ASCII slug get their Chinese short name, which Wagtail allows.
    wanted = slug or (known[1] if known else slugify(short, allow_unicode=True) or "law")
    candidate, n = wanted, 2
    while (
        LawPage.objects.filter(slug=candidate).exists()
        or index.get_children().filter(slug=candidate).exists()
    ):
        candidate, n = f"{wanted}-{n}", n + 1
    local = bool(re.match(r"^\S{2,3}(省|市|自治区)", parsed.title))
    law = LawPage(
        title=parsed.title,
        slug=candidate,
        short_name=short,
        kind=LawPage.Kind.LOCAL_REGULATION if local else LawPage.Kind.LAW,
        live=True,
    )
    index.add_child(instance=law)
    return law


@transaction.atomic
def import_law(
    *,
    parsed: ParsedLaw,
    effective_date: date | None = None,
    source_name: str = "",
    short_name: str | None = None,
    slug: str | None = None,
    accept_warnings: bool = False,
) -> ImportResult:
    """Store a parsed law text as a version of its law, creating the law page if it is new.

    The version is dated by `effective_date`, or else by the latest date in its history.
    Importing the same text again changes nothing; a different text for a version that
    already exists is refused, since citations and quiz questions may point at it. A new
    version that is its law's newest is announced with `signals.law_version_imported`.
    """
    if parsed.warnings and not accept_warnings:
        raise LawImportError(
            _("The text may be damaged; nothing was imported: %(warnings)s")
            % {"warnings": "; ".join(f"line {w.line}: {w.message}" for w in parsed.warnings)}
        )
    when = effective_date or parsed.latest_date
    if when is None:
        raise LawImportError(_("The text has no dated history; give the effective date."))
    fingerprint = parsed.fingerprint()
    law = find_law(parsed.title)
    if law is not None:
        existing = law.versions.filter(effective_date=when).first()
        if existing is not None:
            if existing.fingerprint == fingerprint:
                return ImportResult(version=existing, created=False, law_created=False)
            raise LawImportError(
                _(
                    "%(law)s already has a different text in force from %(date)s. Delete that "
                    "version first if this one should replace it."
                )
                % {"law": law.short_name, "date": when.isoformat()}
            )
    law_created = law is None
    if law is None:
        law = _new_law(parsed, short_name=short_name, slug=slug)

    version = LawVersion.objects.create(
        law=law,
        title=parsed.title,
        effective_date=when,
        fingerprint=fingerprint,
        source_name=source_name[:200],
    )
    AmendmentEvent.objects.bulk_create(
        AmendmentEvent(version=version, position=i, date=entry.date, text=entry.text)
        for i, entry in enumerate(parsed.history)
    )
    parts = []
    for chapter_data in parsed.chapters:
        chapter = Chapter.objects.create(
            version=version, number=chapter_data.number, title=chapter_data.title
        )
        groups = [(None, chapter_data.articles)]
        for section_data in chapter_data.sections:
            section = Section.objects.create(
                chapter=chapter, number=section_data.number, title=section_data.title
            )
            groups.append((section, section_data.articles))
        for section, articles in groups:
            created = Article.objects.bulk_create(
                Article(
                    version=version,
                    chapter=chapter,
                    section=section,
                    number=a.number,
                    text=a.text,
                )
                for a in articles
            )
            for article, data in zip(created, articles, strict=True):
                parts.extend(
                    ArticlePart(
                        article=article,
                        position=i,
                        kind=part.kind,
                        number=part.number,
                        text=part.text,
                    )
                    for i, part in enumerate(data.parts)
                )
    ArticlePart.objects.bulk_create(parts)
    if not law.versions.filter(effective_date__gt=when).exists():
        law_version_imported.send(sender=LawVersion, version=version)
    return ImportResult(version=version, created=True, law_created=law_created)
