"""One search box over the law library (and, as they arrive, lessons)."""

from django.shortcuts import render

from materials.selectors import search_articles

MAX_QUERY = 50


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    too_short = 0 < len(query) < 2
    articles = search_articles(query) if not too_short else []
    context = {"query": query, "too_short": too_short, "articles": articles}
    return render(request, "training_site/search.html", context)
