"""What a lesson's law-changes block shows: the law library's comparison of two versions of a
law (materials.diff), reduced to its counts and to where the articles the lesson names came
from.

It reads the old-number map that materials.articlemap caches for each pair of versions, so a
lesson costs one query for the two versions once the map is cached (the first reader after an
import pays for the comparison). Without both versions there is nothing to show: deputies see
nothing, and an editor's preview says why.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from materials.articlemap import mapped_diff
from materials.diff import ArticleChange
from materials.models import LawPage, LawVersion

# The kinds as the counts list them, and as the table names what happened to an article.
KIND_NAMES = {
    "added": gettext_lazy("Added"),
    "reworded": gettext_lazy("Reworded"),
    "renumbered": gettext_lazy("Renumbered only"),
    "merged": gettext_lazy("Merged"),
    "split": gettext_lazy("Split"),
    "removed": gettext_lazy("Removed"),
    "unchanged": gettext_lazy("Unchanged"),
}


@dataclass
class Row:
    """One line of the table: an article of the older version (none if it was added), where
    its words stand in the newer one, and what happened."""

    change: ArticleChange
    kind_name: str
    old_url: str
    places: list[tuple[str, str]]  # (label, url) of each place in the newer version


@dataclass
class LawChanges:
    law: LawPage | None
    old_date: date
    new_date: date
    old: LawVersion | None = None
    new: LawVersion | None = None
    counts: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, name, count)
    old_total: int = 0
    new_total: int = 0
    rows: list[Row] = field(default_factory=list)
    url: str = ""  # the law's changes page for the two versions

    @property
    def shown(self) -> bool:
        return self.old is not None and self.new is not None

    @property
    def missing(self) -> str:
        """Why there is nothing to show, for the editor's preview."""
        if self.law is None:
            return _("No law is chosen, so there is no comparison to show.")
        for version, when in ((self.old, self.old_date), (self.new, self.new_date)):
            if version is None:
                return _(
                    "Deputies do not see this comparison yet: the law library has no version "
                    "of %(law)s that took effect on %(date)s. Import that version's official "
                    "text and the comparison appears here."
                ) % {"law": self.law.short_name, "date": when.isoformat()}
        return ""


def law_changes(value, *, request=None) -> LawChanges:
    """What a law-changes block's value (law, old and new effective dates, article numbers of
    the newer version) shows. One query for the versions, none for the map once cached."""
    law = value["law"]
    result = LawChanges(law=law, old_date=value["old"], new_date=value["new"])
    if law is None:
        return result
    versions = {
        v.effective_date: v
        for v in LawVersion.objects.filter(
            law=law, effective_date__in=[result.old_date, result.new_date]
        )
    }
    result.old, result.new = versions.get(result.old_date), versions.get(result.new_date)
    if not result.shown:
        return result
    diff = mapped_diff(result.old, result.new)
    result.counts = [(kind, KIND_NAMES[kind], n) for kind, n in diff.counts.items() if n]
    result.old_total = sum(1 for change in diff.changes if change.old is not None)
    result.new_total = len({p.article.number for change in diff.changes for p in change.places})
    law_url = law.get_url(request=request) or ""
    result.url = law_url + law.reverse_subpage("changes", args=(result.old.slug, result.new.slug))
    for change in _touching(diff.changes, value.get("articles") or []):
        result.rows.append(
            Row(
                change=change,
                kind_name=KIND_NAMES[change.kind],
                old_url=f"{result.url}#{change.anchor}",
                places=[
                    (
                        place.label,
                        law_url
                        + law.reverse_subpage(
                            "version_article", args=(result.new.slug, place.article.number)
                        ),
                    )
                    for place in change.places
                ],
            )
        )
    return result


def _touching(changes: list[ArticleChange], numbers: list[int]) -> list[ArticleChange]:
    """The changes whose words stand in the newer version's articles `numbers`, in the order
    of the numbers: an article may have come from several old ones."""
    picked = {}
    for number in numbers:
        for change in changes:
            if any(place.article.number == number for place in change.places):
                picked.setdefault(id(change), change)
    return list(picked.values())
