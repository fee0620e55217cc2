"""The law library: laws as Wagtail pages, their versions, chapters, sections and articles.

A law is a page (editors place and describe it in the CMS); its text is rows, written only by
the importer, so that articles can be cited, searched and compared between versions.

One concern a module: the pages and the study notes editors write on them (`pages`), a law's
text as rows (`texts`), and what an import leaves while it waits or after it (`imports`). Every
model is importable from `materials.models` as before."""

from .imports import PENDING_IMPORT_LIFETIME, PendingLawImport, PendingLawImportQuerySet, ReviewFlag
from .pages import ArticleNote, LawIndexPage, LawPage
from .texts import (
    AmendmentEvent,
    Article,
    ArticlePart,
    ArticleQuerySet,
    Chapter,
    LawVersion,
    LawVersionQuerySet,
    Section,
)

__all__ = [
    "PENDING_IMPORT_LIFETIME",
    "AmendmentEvent",
    "Article",
    "ArticleNote",
    "ArticlePart",
    "ArticleQuerySet",
    "Chapter",
    "LawIndexPage",
    "LawPage",
    "LawVersion",
    "LawVersionQuerySet",
    "PendingLawImport",
    "PendingLawImportQuerySet",
    "ReviewFlag",
    "Section",
]
