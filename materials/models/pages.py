"""The law library's Wagtail pages: the library and a law, which editors place and describe in the
CMS, with the study notes they write on its articles."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from common.orderable import Orderable
from common.pages import ViewRestrictionsKnown

from ..lawtext import chinese_numeral


class LawIndexPage(ViewRestrictionsKnown, Page):
    """The library's front page: every law with its current version."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["materials.LawPage"]
    max_count = 1

    class Meta:
        verbose_name = _("law library")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import laws_with_current_versions

        context = super().get_context(request, *args, **kwargs)
        context["laws"] = laws_with_current_versions(self)
        return context


class LawPage(ViewRestrictionsKnown, RoutablePageMixin, Page):
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
    # Lessons say which text they follow; for a law whose official text is not imported, the
    # text in force is the one the study notes were written against.
    notes_follow = models.DateField(
        _("study notes follow the version of"),
        null=True,
        blank=True,
        help_text=_(
            "The date of the amendment (or adoption) whose text the study notes explain. "
            "Lessons quoting a law without an imported text follow this version."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("notes_follow"),
        InlinePanel("notes", heading=_("Study notes"), label=_("Study note")),
    ]
    parent_page_types = ["materials.LawIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("law")

    @path("")
    def current(self, request):
        from ..views import law_text

        return law_text(request, self, version=None)

    @path("v/<str:effective>/")
    def version(self, request, effective):
        from ..views import law_text

        return law_text(request, self, version=effective)

    @path("articles/<int:number>/")
    def current_article(self, request, number):
        from ..views import article_detail

        return article_detail(request, self, version=None, number=number)

    @path("v/<str:effective>/articles/<int:number>/")
    def version_article(self, request, effective, number):
        from ..views import article_detail

        return article_detail(request, self, version=effective, number=number)

    @path("changes/")
    def latest_changes(self, request):
        from ..views import law_changes

        return law_changes(request, self, old=None, new=None)

    @path("old-numbers/")
    def old_numbers(self, request):
        from ..views import old_number_lookup

        return old_number_lookup(request, self)

    @path("changes/<str:old>/<str:new>/")
    def changes(self, request, old, new):
        from ..views import law_changes

        return law_changes(request, self, old=old, new=new)


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
