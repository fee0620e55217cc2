"""The law library: laws as Wagtail pages, their versions, chapters, sections and articles.

A law is a page (editors place and describe it in the CMS); its text is rows, written only by
the importer, so that articles can be cited, searched and compared between versions.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from .lawtext import chinese_numeral


class LawIndexPage(Page):
    """The library's front page: every law with its current version."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["materials.LawPage"]
    max_count = 1

    class Meta:
        verbose_name = _("law library")

    def get_context(self, request, *args, **kwargs):
        from .selectors import laws_with_current_versions

        context = super().get_context(request, *args, **kwargs)
        context["laws"] = laws_with_current_versions(self)
        return context


class LawPage(RoutablePageMixin, Page):
    """One law. Its routes: the current text, any version's text, one article, what changed,
    and where an older version's article number stands now."""

    class Kind(models.TextChoices):
        LAW = "law", _("Law")
        LOCAL_REGULATION = "local", _("Local regulation")
        OTHER = "other", _("Other")

    short_name = models.CharField(
        _("short name"), max_length=40, help_text=_("As people say it, for example 代表法.")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.LAW)
    summary = models.TextField(_("summary"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("summary"),
        InlinePanel("notes", heading=_("Study notes"), label=_("Study note")),
    ]
    parent_page_types = ["materials.LawIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("law")

    @path("")
    def current(self, request):
        from .views import law_text

        return law_text(request, self, version=None)

    @path("v/<str:effective>/")
    def version(self, request, effective):
        from .views import law_text

        return law_text(request, self, version=effective)

    @path("articles/<int:number>/")
    def current_article(self, request, number):
        from .views import article_detail

        return article_detail(request, self, version=None, number=number)

    @path("v/<str:effective>/articles/<int:number>/")
    def version_article(self, request, effective, number):
        from .views import article_detail

        return article_detail(request, self, version=effective, number=number)

    @path("changes/")
    def latest_changes(self, request):
        from .views import law_changes

        return law_changes(request, self, old=None, new=None)

    @path("old-numbers/")
    def old_numbers(self, request):
        from .views import old_number_lookup

        return old_number_lookup(request, self)

    @path("changes/<str:old>/<str:new>/")
    def changes(self, request, old, new):
        from .views import law_changes

        return law_changes(request, self, old=old, new=new)


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
        from .selectors import current_version_ids

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


class ArticleNote(Orderable):
    """An editor's explanation of one article, in the project's own words. The reader shows it
    under the article; a law whose official text is not imported shows its notes alone."""

    law = ParentalKey(LawPage, on_delete=models.CASCADE, related_name="notes")
    article = models.PositiveSmallIntegerField(_("article number"))
    heading = models.CharField(_("heading"), max_length=40)
    text = models.TextField(_("note"))

    panels = [FieldPanel("article"), FieldPanel("heading"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("study note")
        constraints = [
            models.UniqueConstraint(fields=["law", "article"], name="one_note_per_article")
        ]

    def __str__(self):
        return f"{self.law} · {self.article}"

    @property
    def label(self) -> str:
        return f"第{chinese_numeral(self.article)}条"

    @property
    def anchor(self) -> str:
        return f"note-{self.article}"


class ReviewFlag(models.Model):
    """An object of another app that a version's import sent to review (a quiz question citing
    an article the version changed), with what the flag said. Deleting the version takes back
    exactly these flags, and no flag set by another version or by an editor. Generic, because
    the law library knows no other app."""

    version = models.ForeignKey(LawVersion, on_delete=models.CASCADE, related_name="review_flags")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    reasons = models.TextField(help_text=_("The reasons the import added, one a line."))
    was_in_review = models.BooleanField(
        default=False, help_text=_("The object was in review already before this import.")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "content_type", "object_id"], name="one_flag_per_version"
            )
        ]

    def __str__(self):
        return f"{self.version} → {self.content_type.model} {self.object_id}"


# An upload waits this long for its uploader to read the preview and confirm.
PENDING_IMPORT_LIFETIME = timedelta(hours=24)


class PendingLawImportQuerySet(models.QuerySet):
    def expired(self, now=None):
        return self.filter(created_at__lt=(now or timezone.now()) - PENDING_IMPORT_LIFETIME)

    def live(self, now=None):
        return self.filter(created_at__gte=(now or timezone.now()) - PENDING_IMPORT_LIFETIME)


class PendingLawImport(models.Model):
    """A law file uploaded in the content admin and kept, unread into the library, between the
    preview and the editor's confirmation. The file is kept here, not sent back and forth by
    the browser, so that what is confirmed is exactly what was previewed."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(max_length=200)
    content = models.BinaryField()
    effective_date = models.DateField(null=True, blank=True)
    short_name = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PendingLawImportQuerySet.as_manager()

    def __str__(self):
        return self.file_name

    @property
    def expired(self) -> bool:
        return self.created_at < timezone.now() - PENDING_IMPORT_LIFETIME
