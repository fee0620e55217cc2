"""Read-only panels of the bank's edit forms: a question's review status, and how many
questions each of a quiz's draws can pick from."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.panels import Panel

from materials.lawtext import chinese_numeral

from ..models import Question
from ..selectors import category_paths, draw_pool_sizes


def describe_draw(draw, paths: dict[int, str]) -> str:
    """A draw in words: "5 questions · category 代表法/闭会 · 代表法 第三章 · Hard"."""
    parts = [
        ngettext("%(count)s question", "%(count)s questions", draw.count) % {"count": draw.count}
    ]
    if draw.category_id:
        parts.append(_("category %(path)s") % {"path": paths.get(draw.category_id, "")})
    if draw.law_id:
        law = draw.law.short_name
        if draw.chapter:  # 0: a law without chapters
            law = f"{law} 第{chinese_numeral(draw.chapter)}章"
        parts.append(law)
    if draw.difficulty:
        parts.append(draw.get_difficulty_display())
    if len(parts) == 1:
        parts.append(_("from the whole bank"))
    return " · ".join(str(part) for part in parts)


def draw_pools(quiz) -> list[dict]:
    """Each saved draw of the quiz, described, with the number of ready questions it can pick
    from and whether that is fewer than it asks for."""
    if not quiz.pk:
        return []
    draws = quiz.draws.select_related("law").order_by("sort_order", "pk")
    paths = category_paths()
    return [
        {
            "number": number,
            "text": describe_draw(draw, paths),
            "count": draw.count,
            "available": available,
            "short": available < draw.count,
        }
        for number, (draw, available) in enumerate(draw_pool_sizes(draws), start=1)
    ]


class ReviewStatusPanel(Panel):
    """Why a question waits for review (or was retired), with the way to settle it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", gettext_lazy("Review"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "quizzes/cms/bank/panels/review_status.html"

        def is_shown(self):
            return bool(self.instance.pk) and self.instance.status != Question.Status.READY

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["status"] = self.instance.get_status_display()
            context["retired"] = self.instance.status == Question.Status.RETIRED
            context["reasons"] = self.instance.review_reason.splitlines()
            context["review_url"] = reverse("question_bank:review", args=[self.instance.pk])
            return context


class DrawPoolsPanel(Panel):
    """How many ready questions each saved draw can pick from, warning where a draw asks for
    more than there are."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", gettext_lazy("Questions available to the draws"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "quizzes/cms/bank/panels/draw_pools.html"

        @cached_property
        def pools(self):
            return draw_pools(self.instance)

        def is_shown(self):
            return bool(self.pools)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["pools"] = self.pools
            context["any_short"] = any(pool["short"] for pool in self.pools)
            return context
