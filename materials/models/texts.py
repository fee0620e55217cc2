"""A law's text as rows, written only by the importer: its versions, their amendment history,
chapters, sections and articles with their paragraphs and items."""

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..lawtext import chinese_numeral
from .pages import LawPage


class LawVersionQuerySet(models.QuerySet):
    def in_force(self, on=None):
        """Versions that had taken effect by the given day (today by default)."""
        return self.filter(effective_date__lte=on or timezone.localdate())

    def current(self, on=None):
        """The version in force: the latest one that has taken effect, first."""
        return self.in_force(on).order_by("-effective_date")


class LawVersion(models.Model):
    law = models.ForeignKey(
        LawPage, on_delete=models.CASCADE, related_name="versions", verbose_name=_("law")
    )
    title = models.CharField(_("official title"), max_length=300)
    effective_date = models.DateField(_("effective date"))
    fingerprint = models.CharField(_("fingerprint"), max_length=64, editable=False)
    source_name = models.CharField(_("imported from"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    objects = LawVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("law version")
        verbose_name_plural = _("law versions")
        ordering = ["law", "-effective_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["law", "effective_date"], name="one_version_per_law_and_date"
            )
        ]

    def __str__(self):
        return f"{self.law.short_name} ({self.effective_date:%Y-%m-%d})"

    @property
    def slug(self) -> str:
        """How the version appears in URLs: its effective date."""
        return self.effective_date.isoformat()

    def chapters_with_articles(self):
        """The whole text in reading order, in three queries whatever the law's length."""
        articles = Prefetch(
            "articles",
            queryset=Article.objects.order_by("number").prefetch_related(
                Prefetch("parts", queryset=ArticlePart.objects.order_by("position"))
            ),
        )
        return self.chapters.order_by("number").prefetch_related(
            Prefetch("sections", queryset=Section.objects.order_by("number")), articles
        )


class AmendmentEvent(models.Model):
    """One line of a version's adoption and amendment history."""

    version = models.ForeignKey(LawVersion, on_delete=models.CASCADE, related_name="history")
    position = models.PositiveSmallIntegerField()
    date = models.DateField()
    text = models.TextField()

    class Meta:
        ordering = ["version", "position"]

    def __str__(self):
        return self.text[:60]


class Chapter(models.Model):
    version = models.ForeignKey(LawVersion, on_delete=models.CASCADE, related_name="chapters")
    number = models.PositiveSmallIntegerField(help_text=_("0 for a law without chapters"))
    title = models.CharField(max_length=200, blank=True)
    # A code groups its chapters in 编 (and 分编), and numbers them anew in each.
    part = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The 编 it stands in, as 第一编　总则; empty in most laws."),
    )

    class Meta:
        ordering = ["version", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "part", "number"], name="chapter_number_unique"
            )
        ]

    def __str__(self):
        return self.heading

    @property
    def heading(self) -> str:
        if not self.number:
            return self.title
        return f"第{chinese_numeral(self.number)}章　{self.title}".strip()

    @property
    def anchor(self) -> str:
        # In a code whose chapters start again at 一 in each 编, the number is not unique.
        return f"chapter-{self.pk}" if self.part else f"chapter-{self.number}"


class Section(models.Model):
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["chapter", "number"]

    def __str__(self):
        return self.heading

    @property
    def heading(self) -> str:
        return f"第{chinese_numeral(self.number)}节　{self.title}".strip()


class ArticleQuerySet(models.QuerySet):
    def current(self, on=None):
        """Articles of the versions now in force, one version per law."""
        from ..selectors import current_version_ids

        return self.filter(version_id__in=current_version_ids(on))


class Article(models.Model):
    version = models.ForeignKey(LawVersion, on_delete=models.CASCADE, related_name="articles")
    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="articles")
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, null=True, blank=True, related_name="articles"
    )
    number = models.PositiveSmallIntegerField()
    # The parts joined, one per line: what search and the version diff read.
    text = models.TextField()

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="article_number_unique")
        ]

    def __str__(self):
        return f"{self.version.law.short_name} {self.label}"

    @property
    def label(self) -> str:
        return f"第{chinese_numeral(self.number)}条"

    @property
    def anchor(self) -> str:
        return f"article-{self.number}"

    @cached_property
    def paragraphs(self):
        """Parts grouped as the law numbers them: each paragraph (款) with its items (项)."""
        grouped = []
        for part in self.parts.all():
            if part.kind == ArticlePart.Kind.ITEM and grouped:
                grouped[-1]["items"].append(part)
            else:
                grouped.append({"paragraph": part, "items": []})
        return grouped


class ArticlePart(models.Model):
    class Kind(models.TextChoices):
        PARAGRAPH = "paragraph", _("Paragraph (款)")
        ITEM = "item", _("Item (项)")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["article", "position"]

    def __str__(self):
        return self.text[:40]
