"""Reads of courses and lessons that span relations."""

from django.db.models import Q

from .models import LessonPage


def search_lessons(term: str, *, limit: int = 30) -> list[LessonPage]:
    """Live lessons whose title or words contain the term: a substring match, so any Chinese
    term of two or more characters is found without word segmentation."""
    term = term.strip()
    if len(term) < 2:
        return []
    return list(
        LessonPage.objects.live()
        .filter(Q(title__contains=term) | Q(search_text__contains=term))
        .only("id", "title", "path", "url_path", "search_text", "estimated_minutes")
        .order_by("path")[:limit]
    )
