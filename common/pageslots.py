"""Parts of the site's frame that differ between readers and change often (the unread badge),
which a page rendered once for many readers leaves as slots and fills in for each.

The site registers each part by name with the function rendering it for a request
(training_site registers the unread badges). A template shows a part through `part(request,
name)`: its HTML, or, while a page is being rendered to be kept (courses.lessonpage sets
`request._page_slot`), the marker of a slot, which `fill` later renders for each reader. So a
count that differs from reader to reader does not make a kept copy of the page for each count.
"""

_parts: dict = {}


def register(name: str, render) -> None:
    """`render(request)` gives the part's HTML for the request."""
    _parts[name] = render


def part(request, name: str) -> str:
    """The part's HTML for this request, or its slot's marker in a page being kept."""
    slot = getattr(request, "_page_slot", None)
    if slot is not None:
        return slot(name)
    return _parts[name](request)


def fill(request, name: str) -> str | None:
    """The part's HTML for this request, or None if no part has that name."""
    render = _parts.get(name)
    return None if render is None else render(request)
