"""Which release of the platform this process runs: a digest of what makes its pages (the
project's code, templates and compiled translations, the static files' manifest, Django's and
Wagtail's versions), read once a process.

The cache outlives a deploy (Redis in production), and a page kept whole there is made by all
of these: a value kept under the digest is never read by a release that would make it
otherwise, so a deploy needs no step to empty the cache. Servers running the same release agree
on it, since it is read from the files' contents, not their times.
"""

import functools
import hashlib
import os
from pathlib import Path

import django
import wagtail
from django.conf import settings

SOURCES = (".py", ".html", ".mo")
# Not part of what serves a page: the virtual environment, the tests, what pages store.
LEFT_OUT = {".venv", "node_modules", "tests", "media", "staticfiles", "docs", ".git"}


@functools.cache
def digest() -> str:
    base = Path(settings.BASE_DIR)
    found = hashlib.blake2b(digest_size=8)
    found.update(f"{django.__version__} {wagtail.__version__}".encode())
    for path in sorted(_sources(base)):
        found.update(str(path.relative_to(base)).encode())
        found.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():  # the static files' addresses (their hashes) are in the pages
        found.update(manifest.read_bytes())
    return found.hexdigest()


def _sources(base: Path):
    for folder, folders, files in os.walk(base):
        folders[:] = [name for name in folders if name not in LEFT_OUT]
        for name in files:
            if name.endswith(SOURCES):
                yield Path(folder, name)
