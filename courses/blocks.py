"""What a lesson is made of. Each block renders itself from templates/blocks/."""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from common.numerals import law_number
from materials.models import Article, LawVersion


class LawArticleBlock(blocks.StructBlock):
    """A quoted article: the lesson shows the text in force and links to it.

    The block keeps the law and the article number; the text is looked up from the version in
    force when the lesson is shown (LessonPage.get_context fetches every quoted article of a
    lesson in one query), so a lesson quotes the current law after an amendment too.
    """

    law = blocks.PageChooserBlock(page_type="materials.LawPage", label=_("Law"))
    article = blocks.IntegerBlock(min_value=1, label=_("Article number"))
    note = blocks.TextBlock(
        required=False, label=_("Note"), help_text=_("Optional: why this article matters here.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Law article")
        template = "blocks/law_article.html"

    def clean(self, value):
        value = super().clean(value)
        law, number = value.get("law"), value.get("article")
        if not (law and number):
            return value
        # A law whose official text is not imported yet cannot be checked: the lesson shows the
        # law's study note for the article, and the text itself once it is imported.
        if LawVersion.objects.current().filter(law=law).exists() and not (
            Article.objects.current().filter(version__law=law, number=number).exists()
        ):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "article": ValidationError(
                        _("The version in force of this law has no article %(number)s.")
                        % {"number": law_number(number)}
                    )
                }
            )
        return value


class LawChangesBlock(blocks.StructBlock):
    """What an amendment changed, as the law library's comparison of two versions finds it:
    how many articles were added, reworded, renumbered, merged, split or removed, and, for the
    articles the lesson names (by their numbers in the newer version), where each came from,
    with links to the law's changes page and to each article.

    Read from the cached old-number map (courses.lawchanges): one query once it is cached.
    Until both versions are imported the block shows deputies nothing; a preview says why.
    """

    law = blocks.PageChooserBlock(page_type="materials.LawPage", label=_("Law"))
    old = blocks.DateBlock(
        label=_("Older version"), help_text=_("The date the older version took effect.")
    )
    new = blocks.DateBlock(
        label=_("Newer version"), help_text=_("The date the newer version took effect.")
    )
    articles = blocks.ListBlock(
        blocks.IntegerBlock(min_value=1, label=_("Article number")),
        default=[],
        label=_("Articles to show"),
        help_text=_("Their numbers in the newer version: the table says where each came from."),
    )
    intro = blocks.TextBlock(
        required=False, label=_("Introduction"), help_text=_("Optional: what to look for.")
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("What an amendment changed")
        template = "blocks/law_changes.html"

    def get_context(self, value, parent_context=None):
        from .lawchanges import law_changes

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["changes"] = law_changes(value, request=request)
        context["preview"] = getattr(request, "is_preview", False)
        return context

    def clean(self, value):
        value = super().clean(value)
        law, old, new = value.get("law"), value.get("old"), value.get("new")
        if not (law and old and new):
            return value
        if old >= new:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "new": ValidationError(_("The newer version takes effect after the older."))
                }
            )
        version = LawVersion.objects.filter(law=law, effective_date=new).first()
        if version is None:
            return value  # not imported yet: the block waits for it
        have = set(version.articles.values_list("number", flat=True))
        unknown = [n for n in value.get("articles") or [] if n not in have]
        if unknown:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "articles": ValidationError(
                        _("The version of %(date)s has no article %(numbers)s.")
                        % {
                            "date": new.isoformat(),
                            "numbers": "、".join(law_number(n) for n in unknown),
                        }
                    )
                }
            )
        return value


class MediaBlock(blocks.StructBlock):
    file = DocumentChooserBlock(label=_("File"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))


class VideoBlock(MediaBlock):
    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"
        help_text = _("An MP4 file uploaded to Documents; it plays on the page.")


class AudioBlock(MediaBlock):
    class Meta:
        icon = "media"
        label = _("Audio")
        template = "blocks/audio.html"
        help_text = _("An MP3 file uploaded to Documents; it plays on the page.")


class DownloadBlock(MediaBlock):
    class Meta:
        icon = "download"
        label = _("Download")
        template = "blocks/download.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("key", _("Key point")), ("tip", _("Tip")), ("warning", _("Watch out"))],
        default="key",
        label=_("Kind"),
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"], label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout.html"


def quiz_choices():
    """The choices of the quiz block before it was a chooser: migrations 0003 and 0006 name
    this function, so it stays for them."""
    from quizzes.models import Quiz

    return [("", "---------"), *((str(q.pk), q.title) for q in Quiz.objects.order_by("title"))]


def _quiz_pk(value):
    """A stored quiz id as the chooser keeps it: an int, or None. Bodies written before the
    block was a chooser held it as a string ("12", or "" for none); migration 0011 turned
    them into ints, and a body built by hand with a string still reads."""
    if isinstance(value, str):
        return int(value) if value.isdigit() else None
    return value


class QuizChooserBlock(blocks.ChooserBlock):
    """A quiz, chosen in the modal that quizzes registers in the admin. A chooser, so Wagtail's
    reference index records which lessons use which quiz: the quiz's usage lists them, and
    it cannot be deleted from under them (quizzes.cms.views.QuizDeleteView)."""

    target_model = "quizzes.Quiz"

    @cached_property
    def widget(self):
        from quizzes.cms.viewsets import quiz_chooser

        return quiz_chooser.widget_class()

    def to_python(self, value):
        return super().to_python(_quiz_pk(value))

    def bulk_to_python(self, values):
        return super().bulk_to_python([_quiz_pk(value) for value in values])


class QuizBlock(blocks.StructBlock):
    """A quiz placed in a lesson: the lesson shows what it is and a button to take it. The
    quiz itself runs on its own pages, where the server keeps its time and grades it."""

    quiz = QuizChooserBlock(label=_("Quiz"))
    intro = blocks.TextBlock(
        required=False, label=_("Introduction"), help_text=_("Optional: why to take it now.")
    )

    class Meta:
        icon = "tick-inverse"
        label = _("Quiz")
        template = "blocks/quiz.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["quiz"] = value["quiz"]
        return context


class ExerciseChooserBlock(blocks.ChooserBlock):
    """A writing exercise, chosen in the modal that proposals registers in the admin."""

    target_model = "proposals.Exercise"

    @cached_property
    def widget(self):
        from proposals.wagtail_hooks import exercise_chooser

        return exercise_chooser.widget_class()


class ExerciseBlock(blocks.StructBlock):
    """A writing exercise placed in a lesson: the lesson shows its scenario's start and the
    deputy's draft, if any, with a button to write it. The drafting runs on the exercise's own
    pages. A live exercise in a live lesson counts towards the course: it is complete only once
    the deputy's draft is accepted (courses.services.complete_if_done).

    The lesson fetches every exercise block's draft in one query (LessonPage.show_exercises),
    so the block itself makes none."""

    exercise = ExerciseChooserBlock(
        label=_("Writing exercise"),
        help_text=_("Only live exercises are shown to deputies and count towards the course."),
    )
    intro = blocks.TextBlock(
        required=False, label=_("Introduction"), help_text=_("Optional: why to write it now.")
    )

    class Meta:
        icon = "edit"
        label = _("Writing exercise")
        template = "blocks/exercise.html"


class LessonBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote"],
        label=_("Text"),
        template="blocks/text.html",
    )
    law_article = LawArticleBlock()
    law_changes = LawChangesBlock()
    callout = CalloutBlock()
    video = VideoBlock()
    audio = AudioBlock()
    download = DownloadBlock()
    quiz = QuizBlock()
    exercise = ExerciseBlock()
