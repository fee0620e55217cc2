"""One search box over law articles and lessons; articles come first, then the study notes
that stand in for articles whose official text is not imported, then lessons.

Results are grouped by kind, each group with its count, and the page opens with the total and
a jump link to each group. There is no pagination: a reader scans by kind and, when a group is
full, narrows the term (the page says so) rather than paging through three lists at once; one
list paged across kinds would push the lessons to a later page nobody opens. Each group is
capped, and one more row than the cap is read to know whether it was reached."""

from dataclasses import dataclass

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courses.selectors import search_lessons
from materials.selectors import search_articles, search_notes

MAX_QUERY = 50
ARTICLES_SHOWN = 50
NOTES_SHOWN = 30
LESSONS_SHOWN = 30


@dataclass
class ResultGroup:
    anchor: str  # the id of the group's heading, for the jump link
    label: str
    items: list
    full: bool  # the cap was reached: there may be more than are shown

    @property
    def count(self) -> int:
        return len(self.items)


def _group(anchor, label, found, shown) -> ResultGroup:
    return ResultGroup(anchor=anchor, label=label, items=found[:shown], full=len(found) > shown)


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    too_short = 0 < len(query) < 2
    groups = []
    if query and not too_short:
        groups = [
            _group(
                "results-articles",
                _("Law articles"),
                search_articles(query, limit=ARTICLES_SHOWN + 1),
                ARTICLES_SHOWN,
            ),
            _group(
                "results-notes",
                _("Study notes"),
                search_notes(query, limit=NOTES_SHOWN + 1),
                NOTES_SHOWN,
            ),
            _group(
                "results-lessons",
                pgettext_lazy("search results", "Lessons"),
                search_lessons(query, limit=LESSONS_SHOWN + 1),
                LESSONS_SHOWN,
            ),
        ]
    found = [group for group in groups if group.items]
    articles, notes, lessons = groups or (None, None, None)
    context = {
        "query": query,
        "too_short": too_short,
        "groups": found,
        "total": sum(group.count for group in found),
        "some_full": any(group.full for group in found),
        "articles": articles,
        "notes": notes,
        "lessons": lessons,
    }
    return render(request, "training_site/search.html", context)
