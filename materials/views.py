"""The law reader. LawPage's routes call these; they only fetch and render."""

from django.template.response import TemplateResponse
from django.utils import timezone

from . import selectors


def _versions_context(law, version):
    """The law's versions for the version switcher, and whether this one is in force."""
    versions = selectors.versions_of(law)
    today = timezone.localdate()
    current = next((v for v in versions if v.effective_date <= today), None)
    return {
        "versions": versions,
        "current_version": current,
        "is_current": current is not None and current.pk == version.pk,
    }


def law_text(request, law, *, version):
    version = selectors.get_version(law, version)
    context = {
        "page": law,
        "law": law,
        "version": version,
        "chapters": selectors.reader_chapters(version),
        "history": list(version.history.all()),
        **_versions_context(law, version),
    }
    return TemplateResponse(request, "materials/law_page.html", context)


def article_detail(request, law, *, version, number):
    version = selectors.get_version(law, version)
    article = selectors.get_article(version, number)
    neighbours = {a.number: a for a in version.articles.filter(number__in=[number - 1, number + 1])}
    context = {
        "page": law,
        "law": law,
        "version": version,
        "article": article,
        "previous": neighbours.get(number - 1),
        "next": neighbours.get(number + 1),
        **_versions_context(law, version),
    }
    return TemplateResponse(request, "materials/article.html", context)


def law_changes(request, law, *, old, new):
    versions = selectors.versions_of(law)
    if old is None:
        # The latest two versions: what the last amendment changed.
        if len(versions) < 2:
            return TemplateResponse(
                request,
                "materials/law_changes.html",
                {"page": law, "law": law, "versions": versions, "diff": None},
            )
        new_version, old_version = versions[0], versions[1]
    else:
        old_version = selectors.get_version(law, old)
        new_version = selectors.get_version(law, new)
    diff = selectors.diff_versions(old_version, new_version)
    context = {
        "page": law,
        "law": law,
        "versions": versions,
        "old": old_version,
        "new": new_version,
        "diff": diff,
    }
    return TemplateResponse(request, "materials/law_changes.html", context)
