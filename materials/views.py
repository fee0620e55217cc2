"""The law reader. LawPage's routes call these; they only fetch and render."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import articlemap, selectors
from .diff import FILTERS


def _pick_version(law, effective: str | None):
    """The version to show and the context of the version switcher."""
    version, versions, current = selectors.pick_version(law, effective)
    return version, {
        "versions": versions,
        "current_version": current,
        "is_current": current is not None and current.pk == version.pk,
    }


def _kept_title(title: str, version, versions: dict) -> str:
    """The name a page is listed under when kept for offline reading: an older version says
    which it is."""
    if versions["is_current"]:
        return title
    return _("%(title)s (version of %(date)s)") % {
        "title": title,
        "date": version.effective_date.isoformat(),
    }


def law_text(request, law, *, version):
    try:
        version, versions = _pick_version(law, version)
    except Http404:
        if version is not None:
            raise
        return law_notes(request, law)
    chapters = selectors.reader_chapters(version)
    selectors.attach_notes(law, chapters)
    context = {
        "page": law,
        "law": law,
        "version": version,
        "chapters": chapters,
        "history": list(version.history.all()),
        "older_versions": _older(versions),
        "kept_title": _kept_title(version.title, version, versions),
        **versions,
    }
    return TemplateResponse(request, "materials/law_page.html", context)


def law_notes(request, law):
    """A law whose official text is not imported (or not yet in force): its study notes."""
    context = {"page": law, "law": law, "notes": selectors.notes_of(law)}
    return TemplateResponse(request, "materials/law_notes.html", context)


def article_detail(request, law, *, version, number):
    version, versions = _pick_version(law, version)
    article = selectors.get_article(version, number)
    neighbours = {a.number: a for a in version.articles.filter(number__in=[number - 1, number + 1])}
    context = {
        "page": law,
        "law": law,
        "version": version,
        "article": article,
        "previous": neighbours.get(number - 1),
        "next": neighbours.get(number + 1),
        "in_force": None
        if versions["is_current"]
        else articlemap.trace(article, versions["versions"]),
        "kept_title": _kept_title(f"{law.short_name} {article.label}", version, versions),
        **versions,
    }
    return TemplateResponse(request, "materials/article.html", context)


def law_changes(request, law, *, old, new):
    context = {"page": law, "law": law, "diff": None}
    if old is None:
        # What the latest amendment changed: the newest two versions.
        versions = selectors.versions_of(law)
        if len(versions) < 2:
            return TemplateResponse(request, "materials/law_changes.html", context)
        new_version, old_version = versions[0], versions[1]
    else:
        old_version, _versions = _pick_version(law, old)
        new_version, _versions = _pick_version(law, new)
    diff = selectors.diff_versions(old_version, new_version)
    shown = request.GET.get("show")
    shown = shown if shown in FILTERS else None
    context.update(
        old=old_version,
        new=new_version,
        diff=diff,
        shown=shown,
        changes=diff.filtered(shown),
        filters=[(name, FILTER_NAMES[name], diff.filter_counts[name]) for name in FILTERS],
    )
    return TemplateResponse(request, "materials/law_changes.html", context)


# The changes page's filters, as its buttons read.
FILTER_NAMES = {
    "added": gettext_lazy("Added"),
    "removed": gettext_lazy("Removed"),
    "modified": gettext_lazy("Modified"),
    "moved": gettext_lazy("Moved"),
}


def _older(versions: dict) -> list:
    """The versions before the one in force: those whose numbers a deputy may hold."""
    current = versions["current_version"]
    if current is None:
        return []
    return [v for v in versions["versions"] if v.effective_date < current.effective_date]


def old_number_lookup(request, law):
    """旧版条号查询: an article number of an older version → the article in force now."""
    _version, versions = _pick_version(law, None)
    older = _older(versions)
    context = {"page": law, "law": law, "older_versions": older, "answer": None, "error": ""}
    asked = request.GET.get("version")
    version = next((v for v in older if v.slug == asked), older[0] if older else None)
    context["asked_version"] = version
    if "number" in request.GET and version is not None:
        number = articlemap.parse_article_number(request.GET["number"])
        if number is None:
            context["error"] = _("Type an article number, such as 19, 十九 or 第十九条.")
        else:
            context["answer"] = articlemap.lookup(version, number, versions["versions"])
    return TemplateResponse(request, "materials/old_numbers.html", context)
