"""Generations: a token in the cache renewed whenever what some kept values are read from
changes. A value is kept with the tokens of its time and read with the tokens now, in one read
of the cache: once a token is renewed the value is read again (and kept anew), so nothing has
to find and delete it.

A token is renewed at once and again when the transaction commits: a reader between the two
may keep what it read before the commit, with the token of the first renewal, and the second
makes that entry unread. A token the cache has lost is made anew (every kept value is then
read again, as after a renewal).

`PAGES` is renewed whenever a Wagtail page is saved (a publish, a rename, an unpublish), deleted
or moved, and whenever a site or a page's view restriction changes: what is read from the page
tree (menus, a lesson's course and neighbours) is kept under it. `connect_pages` wires it (by
`CoursesConfig.ready`, the app of the pages).
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

PAGES = "generation:pages"


def _tokens(found: dict, names) -> list[str]:
    """The tokens named, from what a read of the cache found; those it lost made anew."""
    missing = {name: uuid.uuid4().hex for name in names if name not in found}
    if missing:
        cache.set_many(missing, None)
    return [found[name] if name in found else missing[name] for name in names]


def _valid(entry, tokens: list[str]):
    """A kept entry is its value and the tokens it was read under: the value, if those are
    the tokens now, else _NOT_KEPT."""
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == tokens:
        return entry[1]
    return _NOT_KEPT


_NOT_KEPT = object()


def kept(key: str, read, *, under=(PAGES,), seconds: int = 24 * 3600, none_kept: bool = True):
    """What `read()` returns, kept in the cache under `key` with the tokens of the generations
    named in `under`: read again once any of them is renewed (or after `seconds`). The entry
    and the tokens come in one read of the cache. None and False are kept like any other
    answer, unless `none_kept` is False: then None is read again each time (for keys made
    from what a visitor sends, where misses would fill the cache)."""
    found = cache.get_many([key, *under])
    tokens = _tokens(found, under)
    value = _valid(found.get(key), tokens)
    if value is _NOT_KEPT:
        value = read()
        if value is not None or none_kept:
            cache.set(key, (tokens, value), seconds)
    return value


def kept_many(keys: dict, read_missing, *, under=(PAGES,), seconds: int = 24 * 3600) -> dict:
    """Like `kept` for many values at once: `keys` maps each item to its key; the values kept
    and the tokens are found in one read of the cache, and those missing are read together by
    `read_missing(items)` (a dict item -> value) and kept in one write. A dict item -> value."""
    found = cache.get_many([*keys.values(), *under])
    tokens = _tokens(found, under)
    values = {}
    for item, key in keys.items():
        value = _valid(found.get(key), tokens)
        if value is not _NOT_KEPT:
            values[item] = value
    missing = [item for item in keys if item not in values]
    if missing:
        read = read_missing(missing)
        cache.set_many({keys[item]: (tokens, read[item]) for item in missing}, seconds)
        values |= {item: read[item] for item in missing}
    return values


def renew(name: str) -> None:
    def renew_now():
        cache.set(name, uuid.uuid4().hex, None)

    renew_now()
    transaction.on_commit(renew_now)


def renewer(name: str):
    """A signal receiver renewing the generation."""

    def receiver(sender, **kwargs):
        renew(name)

    return receiver


def _page_changed(sender, **kwargs) -> None:
    from wagtail.models import Page

    if issubclass(sender, Page):
        renew(PAGES)


_site_changed = renewer(PAGES)


def connect_pages() -> None:
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (post_save, post_delete, page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid="generation-pages")
    for model in (Site, PageViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(_site_changed, sender=model, dispatch_uid=f"generation-pages-{model}")
