"""Which text of a law a lesson follows: one row per law, with the date of the amendment (or
adoption, or revision) whose text the author wrote against (依据2025年3月11日修正的代表法).

A lesson's bases are rows of the lesson (an InlinePanel in its edit form). On save, a law its
article blocks quote and no row names gets one, dated by the text in force (the imported
version in force, else the version the law's study notes follow); rows already there are the
editor's and stay as they are. A row may name a law the library does not have yet by its short
name alone (a lesson that explains the 代表法 in its own words before the text is imported): the
import links it (courses.review).

When the library has a newer text than a lesson's basis, deputies read that the lesson is being
checked against it, and editors find it among the lessons to check (courses.citations).
"""

import json
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.utils import dateformat
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel

from common.orderable import Orderable
from materials.models import LawPage, LawVersion
from materials.selectors import texts_in_force


class LessonBasis(Orderable):
    class Kind(models.TextChoices):
        AMENDED = "amended", _("amended (修正)")
        REVISED = "revised", _("revised (修订)")
        ADOPTED = "adopted", _("adopted (通过)")

    lesson = ParentalKey("courses.LessonPage", on_delete=models.CASCADE, related_name="bases")
    law = models.ForeignKey(
        LawPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("law"),
    )
    law_name = models.CharField(
        _("law's short name"),
        max_length=40,
        blank=True,
        help_text=_(
            "As people say it, for example 代表法. Taken from the law if you choose one; name a "
            "law the library does not have yet here."
        ),
    )
    amended_on = models.DateField(
        _("date of the text followed"),
        help_text=_("The date of the amendment (or adoption) whose text the lesson follows."),
    )
    kind = models.CharField(
        _("the text of that date was"), max_length=8, choices=Kind.choices, default=Kind.AMENDED
    )

    panels = [
        FieldPanel("law"),
        FieldPanel("law_name"),
        FieldPanel("amended_on"),
        FieldPanel("kind"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("law version followed")
        verbose_name_plural = _("law versions followed")

    def __str__(self):
        return basis_text(self.name, self.amended_on, self.kind)

    @property
    def name(self) -> str:
        return self.law.short_name if self.law_id and self.law else self.law_name

    def clean(self):
        if not self.law_id and not self.law_name.strip():
            raise ValidationError(_("Choose the law, or write its short name."))

    def save(self, *args, **kwargs):
        if self.law_id:  # the name follows the law chosen, for when the law is gone
            self.law_name = self.law.short_name
        super().save(*args, **kwargs)


def long_date(day: date) -> str:
    """A date as a sentence says it: 2025年3月11日, 11 March 2025."""
    return dateformat.format(day, gettext("j F Y"))


def basis_text(law: str, day: date, kind: str) -> str:
    """One text followed, in words: 2025年3月11日修正的代表法."""
    values = {"law": law, "date": long_date(day)}
    if kind == LessonBasis.Kind.ADOPTED:
        return gettext("the %(law)s as adopted on %(date)s") % values
    if kind == LessonBasis.Kind.REVISED:
        return gettext("the %(law)s as revised on %(date)s") % values
    return gettext("the %(law)s as amended on %(date)s") % values


@dataclass(frozen=True)
class Basis:
    """A text a lesson follows, and the date of the law's text in force if that is newer."""

    name: str
    on: date
    kind: str
    newer: date | None = None

    @property
    def text(self) -> str:
        return basis_text(self.name, self.on, self.kind)

    @property
    def checking(self) -> str:
        """What deputies read when the law has changed since: not an error, a plain fact."""
        return gettext(
            "The %(law)s was amended on %(date)s: this lesson is being checked against the "
            "new text."
        ) % {"law": self.name, "date": long_date(self.newer)}


@dataclass
class Bases:
    """What a lesson or a course page shows of the texts it follows."""

    bases: list[Basis]

    def __bool__(self) -> bool:
        return bool(self.bases)

    @property
    def line(self) -> str:
        texts = list(dict.fromkeys(basis.text for basis in self.bases))
        if not texts:
            return ""
        separator = pgettext("between texts followed", ", ")
        return gettext("Based on: %(texts)s") % {"texts": separator.join(texts)}

    @property
    def checking(self) -> list[str]:
        """One sentence a law amended since, on a lesson page."""
        seen = {(b.name, b.newer): b for b in self.bases if b.newer}
        return [basis.checking for basis in seen.values()]

    @property
    def course_checking(self) -> list[str]:
        """One sentence a law amended since, on a course page."""
        seen = {(b.name, b.newer) for b in self.bases if b.newer}
        return [
            gettext(
                "The %(law)s was amended on %(date)s: the lessons that follow the earlier text "
                "are being checked against the new one."
            )
            % {"law": name, "date": long_date(newer)}
            for name, newer in sorted(seen)
        ]


def bases_of(lesson_ids) -> dict[int, Bases]:
    """Each lesson's bases, each with the date of its law's text in force where that is newer.
    One query, whatever the number of lessons and laws."""
    in_force = (
        LawVersion.objects.in_force()
        .filter(law_id=OuterRef("law_id"))
        .order_by("-effective_date")
        .values("effective_date")[:1]
    )
    rows = (
        LessonBasis.objects.filter(lesson_id__in=list(lesson_ids))
        .annotate(
            short_name=F("law__short_name"),
            notes_follow=F("law__notes_follow"),
            text_in_force=Subquery(in_force),
        )
        .order_by("lesson_id", "sort_order", "pk")
    )
    found: dict[int, Bases] = {}
    for row in rows:
        current = row.text_in_force or row.notes_follow
        found.setdefault(row.lesson_id, Bases([])).bases.append(
            Basis(
                name=row.short_name or row.law_name,
                on=row.amended_on,
                kind=row.kind,
                newer=current if current and current > row.amended_on else None,
            )
        )
    return found


def course_bases(lessons) -> Bases:
    """The texts a course's lessons follow, all together: one query."""
    found = bases_of(lesson.pk for lesson in lessons)
    return Bases([basis for bases in found.values() for basis in bases.bases])


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


def add_missing_bases(lesson) -> bool:
    """Give each law the lesson's article blocks quote and none of its rows names a row dated
    by the text in force; a row naming the law by its short name alone is linked to it. Rows
    are added to the lesson's relation in memory (saved with the page, or kept in a revision).
    Returns whether anything changed."""
    quoted = {law for law, _number in quoted_articles(lesson.body.raw_data)}
    if not quoted:
        return False
    rows = list(lesson.bases.all())
    missing = quoted - {row.law_id for row in rows if row.law_id}
    if not missing:
        return False
    unlinked = {row.law_name.strip(): row for row in rows if not row.law_id and row.law_name}
    names = dict(LawPage.objects.filter(pk__in=missing).values_list("pk", "short_name"))
    changed = False
    for law_id, short_name in names.items():
        row = unlinked.get(short_name)
        if row is not None:
            row.law_id = law_id
            missing.discard(law_id)
            changed = True
    texts = texts_in_force(missing & set(names))
    new = [
        LessonBasis(law_id=law_id, law_name=names[law_id], amended_on=text.on, kind=text.kind)
        for law_id, text in sorted(texts.items())
    ]
    if new or changed:
        lesson.bases.set([*rows, *new])
    return bool(new) or changed
