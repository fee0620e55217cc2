"""The mock votes of a group-study session, shown on group study's own pages. Group study does
not import deliberation (the import contract): its templates load this library instead, and the
lookup stays here."""

from django import template

from deliberation.votes import selectors

register = template.Library()


@register.inclusion_tag("deliberation/votes/_session_votes_deputy.html")
def session_votes_for_deputy(session):
    """The votes a deputy of the session can open: those opened or closed."""
    return {"votes": selectors.session_votes(session, drafts=False)}


@register.inclusion_tag("deliberation/votes/_session_votes_staff.html")
def session_votes_for_staff(session):
    """Every vote of the session, and the way to set up another."""
    return {"votes": selectors.session_votes(session, drafts=True), "session": session}
