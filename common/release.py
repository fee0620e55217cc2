"""Which release of the platform this process runs: a digest of what makes its pages (the
project's code and templates, its compiled translations, the static files' manifest, Django's
and Wagtail's versions), read once a process.

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
# Folders that serve no page: the tests, the benchmark harness.
LEFT_OUT = {"tests", "benchmarks", "__pycache__"}


@functools.cache
def digest() -> str:
    found = hashlib.blake2b(digest_size=8)
    found.update(f"{django.__version__} {wagtail.__version__}".encode())
    for name, path in sorted(set(_sources())):
        found.update(name.encode())
        found.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():  # the static files' addresses (their hashes) are in the pages
        found.update(manifest.read_bytes())
    return found.hexdigest()


def _folders() -> list[Path]:
    """The project's Python packages (the folders of BASE_DIR holding an `__init__.py`: its
    apps and shared helpers, not the installed packages), its templates and translations."""
    base = Path(settings.BASE_DIR).resolve()
    folders = [
        child
        for child in base.iterdir()
        if (child / "__init__.py").exists() and child.name not in LEFT_OUT
    ]
    for engine in settings.TEMPLATES:
        folders += [Path(folder).resolve() for folder in engine.get("DIRS", [])]
    folders += [Path(folder).resolve() for folder in settings.LOCALE_PATHS]
    return folders


def _sources():
    """Each source file: its name within BASE_DIR (the same on every server) and its path."""
    base = Path(settings.BASE_DIR).resolve()
    for top in _folders():
        for folder, folders, files in os.walk(top):
            folders[:] = [name for name in folders if name not in LEFT_OUT]
            for name in files:
                if name.endswith(SOURCES):
                    path = Path(folder, name)
                    yield str(path.relative_to(base) if path.is_relative_to(base) else path), path
