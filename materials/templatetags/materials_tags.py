from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text: str, term: str):
    """The text with every occurrence of the term marked, the rest escaped."""
    if not term:
        return text
    pieces = str(text).split(term)
    marked = f"<mark>{escape(term)}</mark>"
    return mark_safe(marked.join(escape(piece) for piece in pieces))  # noqa: S308 - escaped


@register.filter
def article_url(article) -> str:
    """The stable URL of an article in force, from its law page (selected with it)."""
    law = article.version.law
    return f"{law.url}articles/{article.number}/"
