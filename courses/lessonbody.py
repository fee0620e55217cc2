"""A lesson's body as the page shows it: the blocks that are the same for every reader rendered
once and kept in the cache, the others rendered on each view (courses.lessonpage fills them in).

Text and callouts read nothing but the body, so their HTML is kept under a key made of the
lesson, a digest of the stored body and the language (a callout's label is translated): saving
or publishing a changed body makes a new key, and the old entry is never read again. The other
blocks are rendered on each view because what they show changes without the body changing:
the law article in force (`law_article`, `law_changes`), the quiz and the reader's own draft
(`quiz`, `exercise`), the documents behind media blocks. A draft seen in preview is never kept.

Nothing personal is kept: the kept blocks render without the request or the reader.
"""

import hashlib
import json

from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

KEPT_BLOCKS = frozenset({"text", "callout"})
KEEP_SECONDS = 7 * 24 * 3600  # a lesson not read for a week is rendered again: no harm
KEY_VERSION = 1  # raise when a kept block's template changes, so no old HTML is shown


def blocks_of(lesson, *types: str) -> list:
    """The lesson's blocks of these types, in order, converted from the stored body without
    converting the others (media blocks would fetch their documents)."""
    return [lesson.body[i] for i, raw in enumerate(lesson.body.raw_data) if raw["type"] in types]


def body_parts(lesson, *, preview: bool = False) -> list[str | None]:
    """The body block by block: each block's kept HTML, or None for one rendered on each view."""
    types = [raw["type"] for raw in lesson.body.raw_data]
    if preview:
        kept = {}
    else:
        key = _key(lesson)
        kept = cache.get(key)
        if kept is None:
            kept = {
                i: _render(lesson.body[i]) for i, kind in enumerate(types) if kind in KEPT_BLOCKS
            }
            cache.set(key, kept, KEEP_SECONDS)
    return [mark_safe(kept[i]) if i in kept else None for i in range(len(types))]  # noqa: S308 (rendered by our own templates)


def _render(block) -> str:
    # No parent context: a kept block must not depend on the request or the reader.
    return str(block.render_as_block())


def _key(lesson) -> str:
    stored = json.dumps(list(lesson.body.raw_data), sort_keys=True, default=str)
    digest = hashlib.blake2b(stored.encode(), digest_size=16).hexdigest()
    return f"lesson-body:{KEY_VERSION}:{lesson.pk}:{digest}:{get_language()}"
