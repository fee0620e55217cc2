from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from common import numerals

register = template.Library()


@register.filter
def law_number(number) -> str:
    """第五十条 in Chinese text, article 50 in English (common.numerals.law_number)."""
    return numerals.law_number(number)


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


@register.filter
def excerpt(text: str, term: str, width: int = 50) -> str:
    """About `width` characters either side of the term's first occurrence."""
    text = " ".join(str(text).split())
    at = text.find(term) if term else -1
    if at < 0:
        return text[: width * 2] + ("…" if len(text) > width * 2 else "")
    start, end = max(0, at - width), at + len(term) + width
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
