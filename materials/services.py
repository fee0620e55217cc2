"""Writes to the law library. The importer is the only way law text gets in."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, Site

from .importcheck import LawPreview, check_law, warning_text
from .lawtext import SPACES, read_law_file
from .models import (
    AmendmentEvent,
    Article,
    ArticlePart,
    Chapter,
    LawIndexPage,
    LawPage,
    LawVersion,
    PendingLawImport,
    Section,
)
from .parsedlaw import ParsedLaw
from .signals import law_version_deleting, law_version_imported

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
    # What the receivers of `signals.law_version_imported` had to say, for the editor.
    notices: list[str] = field(default_factory=list)

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


def _existing(law: LawPage | None, when: date | None, fingerprint: str) -> LawVersion | None:
    """The version already stored for this law and date, if its text is this one; a different
    text for that date is refused, since citations and quiz questions may point at it."""
    if when is None:
        raise LawImportError(_("The text has no dated history; give the effective date."))
    existing = law.versions.filter(effective_date=when).first() if law is not None else None
    if existing is not None and existing.fingerprint != fingerprint:
        raise LawImportError(
            _(
                "%(law)s already has a different text in force from %(date)s. Delete that "
                "version first if this one should replace it."
            )
            % {"law": law.short_name, "date": when.isoformat()}
        )
    return existing


def preview_import(*, parsed: ParsedLaw, effective_date: date | None = None) -> LawPreview:
    """What importing `parsed` would store, with every warning, and writing nothing: the
    preview an editor confirms, and what the import_law command prints."""
    law = find_law(parsed.title)
    when = effective_date or parsed.latest_date
    preview = check_law(parsed, law=law, effective_date=when)
    try:
        preview.unchanged = _existing(law, when, parsed.fingerprint()) is not None
    except LawImportError as exc:
        preview.problem = str(exc)
    return preview


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
    A text with warnings (`importcheck.check_law`) is refused unless `accept_warnings`.
    Importing the same text again changes nothing; a different text for a version that
    already exists is refused, since citations and quiz questions may point at it. A new
    version that is its law's newest is announced with `signals.law_version_imported`.
    """
    when = effective_date or parsed.latest_date
    law = find_law(parsed.title)
    warnings = check_law(parsed, law=law, effective_date=when).warnings
    if warnings and not accept_warnings:
        raise LawImportError(
            _("The text may be damaged; nothing was imported: %(warnings)s")
            % {"warnings": "; ".join(warning_text(w) for w in warnings)}
        )
    fingerprint = parsed.fingerprint()
    existing = _existing(law, when, fingerprint)
    if existing is not None:
        return ImportResult(version=existing, created=False, law_created=False)
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
            version=version,
            part=chapter_data.part,
            number=chapter_data.number,
            title=chapter_data.title,
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
    notices = []
    if not law.versions.filter(effective_date__gt=when).exists():
        responses = law_version_imported.send(sender=LawVersion, version=version)
        notices = [text for _receiver, text in responses if isinstance(text, str)]
    return ImportResult(version=version, created=True, law_created=law_created, notices=notices)


@transaction.atomic
def hold_upload(
    *, user, file_name: str, content: bytes, effective_date: date | None, short_name: str
) -> PendingLawImport:
    """Keep an uploaded law file for its uploader to preview and confirm. Uploads left
    unconfirmed past their lifetime are cleared here, on the next upload."""
    PendingLawImport.objects.expired().delete()
    return PendingLawImport.objects.create(
        uploaded_by=user,
        file_name=file_name[:200],
        content=content,
        effective_date=effective_date,
        short_name=short_name,
    )


def parse_pending(pending: PendingLawImport) -> ParsedLaw:
    """The held file read again, as it is each time it is shown or confirmed."""
    return read_law_file(pending.file_name, bytes(pending.content))


@transaction.atomic
def confirm_upload(*, pending: PendingLawImport, accept_warnings: bool) -> ImportResult:
    """Import a held upload (refused as `import_law` refuses) and forget it. An expired one
    is refused; the next upload clears it."""
    if pending.expired:
        raise LawImportError(_("This upload has expired; upload the file again."))
    result = import_law(
        parsed=parse_pending(pending),
        effective_date=pending.effective_date,
        source_name=pending.file_name,
        short_name=pending.short_name or None,
        accept_warnings=accept_warnings,
    )
    pending.delete()
    return result


@transaction.atomic
def delete_version(*, version: LawVersion, user=None) -> int:
    """Delete a version and undo what its import did: its text goes, and the review flags its
    import set are taken back (`signals.law_version_deleting`). The law page stays, with its
    notes and its other versions. Returns how many flagged objects were taken out of review."""
    responses = law_version_deleting.send(sender=LawVersion, version=version)
    log(instance=version, action="wagtail.delete", user=user)
    version.delete()
    return sum(count or 0 for _receiver, count in responses)
