"""One search box over law articles and lessons; articles come first."""

from django.shortcuts import render

from courses.selectors import search_lessons
from materials.selectors import search_articles

MAX_QUERY = 50


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    too_short = 0 < len(query) < 2
    articles = search_articles(query) if not too_short else []
    lessons = search_lessons(query) if not too_short else []
    context = {"query": query, "too_short": too_short, "articles": articles, "lessons": lessons}
    return render(request, "training_site/search.html", context)
