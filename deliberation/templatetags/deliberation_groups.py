"""The group deliberations of a group-study session, shown on group study's own pages (as the
mock votes are, `deliberation_votes`): group study does not import deliberation, so its
templates load this library and the lookup stays here."""

from django import template

from deliberation.groups import selectors

register = template.Library()


@register.inclusion_tag("deliberation/groups/_session_groups_deputy.html")
def session_groups_for_deputy(session, attendance):
    """For a deputy present at the session: the reports being deliberated, to write remarks."""
    return {"groups": selectors.running_for(session, attendance)}


@register.inclusion_tag("deliberation/groups/_session_groups_staff.html")
def session_groups_for_staff(session):
    """Every group deliberation of the session, and the way to open another."""
    return {"groups": selectors.session_groups(session), "session": session}
