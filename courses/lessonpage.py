"""A lesson page kept whole: rendered once for everyone who sees it alike, each reader's own
parts filled in on every view.

Rendering took most of the page's time (`make bench`'s profile: the menus, the header and the
tab bar, the frame, the body), though nearly all of it is the same for every reader. So the page
is rendered with slots where a reader's own parts go, split at them, and kept in the cache; each
view reads it (one read of the cache) and fills the slots:
- `csrf`: the token of the page's forms (the menu's sign-out, the display controls), masked
  anew for each response as Django does;
- `messages`: those waiting for the reader;
- `status` and `note`: the reading status (the clock, the progress bar) and its note;
- the parts of the site's frame registered with common.pageslots: the menus' unread badges;
- `block-N`: the body's blocks that show what may change while the lesson does not, or what is
  the reader's own: a law article in force, an amendment's table, a quiz, a writing exercise
  and the reader's draft, media. They render on each view, as before this page was kept.

Everything else the page shows depends on what its key holds: the lesson, its address, the
site, the script prefix, the language, the day (a law version coming into force), whether a
deputy reads it, what the context processors give each reader (the text size, the menus: which
sections the reader's roles offer; settings.PAGE_VARIES_WITH), and the release (common.release:
a deploy changing a template or a translation). It is kept under the generations of the pages
and the laws' texts, like the lesson's frame (courses.lessonframe). A preview is never kept, nor a
request with a query string (the display controls send the reader back to the full address).

tests/courses/test_lesson_page_kept.py compares pages served from the cache with pages
rendered afresh, for readers of every kind.
"""

import functools
import hashlib
import re
import secrets

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import get_language

from common import generations, pageslots, release

from .lessonframe import LAWS
from .reading import ReadingStatus

KEEP_SECONDS = 24 * 3600
KEY_VERSION = 1  # raise when what is kept changes shape


def respond(lesson, request, *, deputy, progress) -> HttpResponse:
    """The lesson page for this request, from the cache when it may be."""
    key = _key(lesson, request, deputy)
    if key is None:
        parts = _render(lesson, request)
    else:
        parts = generations.kept(
            key,
            lambda: _render(lesson, request),
            under=(generations.PAGES, LAWS),
            seconds=KEEP_SECONDS,
        )
    fill = _Filler(lesson, request, deputy, progress)
    return HttpResponse("".join(fill(part) if i % 2 else part for i, part in enumerate(parts)))


def _key(lesson, request, deputy) -> str | None:
    """The kept page's key, or None for a request whose page is not kept. A digest, so that an
    address in Chinese or a long one makes a key of the same short length."""
    if (
        request.is_preview
        or request.META.get("QUERY_STRING")
        or request.method not in ("GET", "HEAD")
    ):
        return None
    site = getattr(request, "_wagtail_site", None)
    varies = "\n".join(
        str(part)
        for part in (
            release.digest(),
            site.pk if site else "-",
            get_script_prefix(),
            request.path,
            get_language(),
            timezone.localdate().isoformat(),
            deputy is not None,
            *(varies(request) for varies in _page_varies_with()),
        )
    )
    digest = hashlib.blake2b(varies.encode(), digest_size=16).hexdigest()
    return f"lesson-page:{KEY_VERSION}:{lesson.pk}:{digest}"


@functools.cache
def _page_varies_with() -> list:
    return [import_string(path) for path in settings.PAGE_VARIES_WITH]


def _render(lesson, request) -> tuple[str, ...]:
    """The page rendered with a marker at each slot, split there: text, slot name, text, …
    The markers hold a token drawn for this rendering, so no text on the page can make one."""
    token = secrets.token_hex(8)

    def slot(name: str) -> str:
        return f"@{token}.{name}@"  # nothing HTML escapes: the same in text and attributes

    context = lesson.get_context(request)
    context.update(
        csrf_token=slot("csrf"),
        slot={name: slot(name) for name in ("messages", "status", "note")},
        body_parts=[
            slot(f"block-{i}") if html is None else html
            for i, html in enumerate(context["body_parts"])
        ],
    )
    request._page_slot = slot  # the parts of the site's frame that differ (common.pageslots)
    try:
        html = render_to_string(lesson.get_template(request), context, request)
    finally:
        del request._page_slot
    return tuple(re.split(rf"@{token}\.([a-z0-9-]+)@", html))


class _Filler:
    """What goes in each slot, for this reader."""

    def __init__(self, lesson, request, deputy, progress):
        self.lesson, self.request, self.deputy, self.progress = lesson, request, deputy, progress
        self._token = None
        self._blocks_ready = False

    def __call__(self, name: str) -> str:
        if name == "csrf":
            return self.csrf_token()
        if name == "messages":
            return get_template("components/messages.html").render(
                {"messages": get_messages(self.request)}
            )
        if name in ("status", "note"):
            return self.reading(name)
        if name.startswith("block-"):
            return self.block(int(name.removeprefix("block-")))
        html = pageslots.fill(self.request, name)
        if html is None:
            raise ValueError(f"No part fills the slot {name!r}")
        return html

    def csrf_token(self) -> str:
        if self._token is None:
            self._token = get_token(self.request)
        return self._token

    def reading(self, name: str) -> str:
        from .services import required_seconds

        if self.deputy is None:
            return ""
        status = ReadingStatus.of(self.progress, required_seconds(self.lesson))
        return get_template(f"courses/lesson_reading_{name}.html").render(
            {"page": self.lesson, "status": status}
        )

    def block(self, index: int) -> str:
        lesson = self.lesson
        if not self._blocks_ready:
            # What the blocks show beside their stored value: the articles in force, the
            # reader's drafts (a query or two, only for lessons holding such blocks).
            lesson.quote_articles()
            lesson.show_exercises(self.deputy)
            self._blocks_ready = True
        return str(
            lesson.body[index].render_as_block(
                {
                    "page": lesson,
                    "self": lesson,
                    "request": self.request,
                    "csrf_token": self.csrf_token(),
                }
            )
        )
