"""Reads of the proposals queue: the pending proposals grouped by law version and article, and
the law versions to propose from, each with how many proposals wait and whether a newer
version has replaced it (services.is_superseded, for a whole listing without a query each)."""

from django.db.models import Count
from django.utils import timezone

from materials.models import LawVersion

from ..models import ClozeProposal


def pending_proposals(version_id: int | None = None):
    """Pending proposals in the queue's order, with what their headings show."""
    pending = ClozeProposal.objects.pending().select_related("article", "version__law")
    return pending.filter(version_id=version_id) if version_id else pending


def by_article(proposals) -> list[dict]:
    """Consecutive proposals of one article of one version, as one group with the article's
    text: the queue reads article by article."""
    groups, current = [], None
    for proposal in proposals:
        key = (proposal.version_id, proposal.article_id)
        if current is None or current["key"] != key:
            current = {
                "key": key,
                "heading": f"{proposal.version} {proposal.article.label}",
                "article_text": proposal.article.text,
                "proposals": [],
            }
            groups.append(current)
        current["proposals"].append(proposal)
    return groups


def versions_to_propose_from(chosen: int | None = None) -> list[dict]:
    """Every law version with its pending proposals, the chosen one marked, and whether a
    newer version in force has replaced it. Two queries."""
    versions = LawVersion.objects.select_related("law").order_by(
        "law__title", "law_id", "-effective_date"
    )
    counts = dict(
        ClozeProposal.objects.pending()
        .values_list("version_id")
        .annotate(n=Count("pk"))
        .values_list("version_id", "n")
    )
    today, in_force = timezone.localdate(), set()
    found = []
    for version in versions:  # newest first within a law
        found.append(
            {
                "version": version,
                "pending": counts.get(version.pk, 0),
                "selected": version.pk == chosen,
                "superseded": version.law_id in in_force,
            }
        )
        if version.effective_date <= today:
            in_force.add(version.law_id)
    return found
