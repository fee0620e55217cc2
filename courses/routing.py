"""Find the page a path names by its `url_path`, in one query for the page and its ancestors and
one for its specific row, instead of Wagtail's walk from the site's root down, which asks for
each level's child and then its specific row (six queries to reach a lesson, the busiest page of
the site). The page found is kept in the cache under the page tree's generation
(`common.generations.PAGES`, renewed by any page's save, publish, move or deletion), so a page
asked for again costs no query: each request gets its own copy (the cache hands back a new
object each time), so what a view sets on it is never seen by another reader. A path that names
no page is not kept: a key made of what visitors send would otherwise fill the cache.

`serve` stands in front of `wagtail.views.serve`: it puts the route it found where Wagtail keeps
a request's route (`request._wagtail_route_for_request`) and lets Wagtail serve it, so all that
Wagtail does after routing (view restrictions, the `before_serve_page` hooks, the page's own
`serve`) stays as it was. Like the walk, it leaves each page its parent (`get_parent()` costs
nothing), so the lesson's course and the course list cost no more than before. A path that names
no page exactly (a `RoutablePageMixin` page's own sub-paths, a page not found) goes the old way.

Finding a page by its path gives what the walk gives only because no page type that routes its
own sub-paths may have children (tests/courses/test_routing.py keeps that true): the walk could
otherwise stop at such an ancestor.
"""

import hashlib
from itertools import pairwise

from django.conf import settings
from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from common import generations
from common.pages import site_for


def route_by_path(request, path: str):
    """The route (page, args, kwargs) of the page whose url_path is `path` under the request's
    site, or None when no page has that path. Raises Http404 where Wagtail's walk would (a page
    that is not live)."""
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None  # a root per language: Wagtail's walk picks the reader's, so let it
    site = site_for(request)  # kept on the request, where Wagtail looks for it
    root_path = _root_path(site)
    if root_path is None:
        return None
    digest = hashlib.blake2b(path.encode(), digest_size=16).hexdigest()
    page = generations.kept(
        f"page-at:{site.pk}:{digest}", lambda: _page_at(root_path, path), none_kept=False
    )
    return None if page is None else page.route(request, [])


def _page_at(root_path: str, path: str):
    """The specific page at `path` under the root, each ancestor given its parent; or None."""
    prefixes = [root_path]
    for component in (component for component in path.split("/") if component):
        prefixes.append(f"{prefixes[-1]}{component}/")
    chain = list(Page.objects.filter(url_path__in=prefixes).order_by("depth"))
    if [page.url_path for page in chain] != prefixes or not _is_a_line(chain):
        return None
    for parent, child in pairwise(chain):
        child._cached_parent_obj = parent  # as the walk leaves it: get_parent() asks nothing
    page = chain[-1]
    if page.specific_class is None:
        return None
    return page.specific


def _root_path(site) -> str | None:
    """The url_path of the site's root page, from Wagtail's cached list (no query)."""
    if site is None:
        return None
    return next(
        (root.root_path for root in Site.get_site_root_paths() if root.site_id == site.pk), None
    )


def _is_a_line(chain: list) -> bool:
    """Each page the child of the one before: true of url_paths in one tree, checked all the
    same, since only the walk is the rule."""
    return all(
        child.depth == parent.depth + 1 and child.path.startswith(parent.path)
        for parent, child in pairwise(chain)
    )


def serve(request, path):
    """Wagtail's page view, routed by path."""
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            route = route_by_path(request, path)
        except Http404:  # as Wagtail's own routing records a page that is not live
            request._wagtail_route_for_request = None
        else:
            if route is not None:
                request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)
