"""What Wagtail reads on every page view and that changes only when an editor changes the page
tree: the site a request is for, and whether any page has a view restriction. Both are kept
under the pages' generation (common.generations, renewed by any change of a page, a site or a
view restriction), so a view asks the database neither.

A county's site has one Wagtail site and, as a rule, no view restriction: Wagtail would still
ask for the site and, on each page, for the page's ancestors and their restrictions (three
queries of a lesson page's thirteen). Where a restriction exists, the page's own are read and
checked as Wagtail does.
"""

import hashlib

from wagtail.models import PageViewRestriction, Site

from . import generations


def site_for(request) -> Site | None:
    """The site Wagtail would find for the request (`Site.find_for_request`), kept on the
    request where Wagtail looks for it."""
    if not hasattr(request, "_wagtail_site"):
        # The raw host and port are what Wagtail finds the site by; a digest keeps the key short.
        asked = f"{request._get_raw_host()}|{request.get_port()}".encode()
        request._wagtail_site = generations.kept(
            f"site-for:{hashlib.blake2b(asked, digest_size=12).hexdigest()}",
            lambda: Site._find_for_request(request),
        )
    return request._wagtail_site


def any_view_restriction() -> bool:
    return generations.kept("any-view-restriction", PageViewRestriction.objects.exists)


class ViewRestrictionsKnown:
    """A page class whose view restrictions are looked for only when some page has one."""

    def get_view_restrictions(self):
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
