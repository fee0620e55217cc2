"""One search box over law articles and lessons; articles come first, then the study notes
that stand in for articles whose official text is not imported, then lessons."""

from django.shortcuts import render

from courses.selectors import search_lessons
from materials.selectors import search_articles, search_notes

MAX_QUERY = 50


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    too_short = 0 < len(query) < 2
    articles = search_articles(query) if not too_short else []
    notes = search_notes(query) if not too_short else []
    lessons = search_lessons(query) if not too_short else []
    context = {
        "query": query,
        "too_short": too_short,
        "articles": articles,
        "notes": notes,
        "lessons": lessons,
    }
    return render(request, "training_site/search.html", context)
