"""The law reader. LawPage's routes call these; they only fetch and render."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import selectors


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
        old_version, _ = _pick_version(law, old)
        new_version, _ = _pick_version(law, new)
    context.update(
        old=old_version,
        new=new_version,
        diff=selectors.diff_versions(old_version, new_version),
    )
    return TemplateResponse(request, "materials/law_changes.html", context)
