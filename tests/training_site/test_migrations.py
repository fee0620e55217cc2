"""Every migration applies, in order, to an empty database of the engine the suite runs on, and
the models need no migration that is not written."""

import pytest
from django.db.migrations.loader import MigrationLoader

from .throwaway_site import throwaway_site

# A migrate from empty in a subprocess, like the backup tests: on the same worker.
pytestmark = pytest.mark.xdist_group("heavy")


def test_migrations_apply_forward_from_an_empty_database(tmp_path):
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    every = {f"{app}.{name}" for app, name in graph.nodes}

    with throwaway_site(tmp_path) as site:
        site.manage("migrate", "--noinput", "-v", "0")

        site.manage("migrate", "--check")  # fails while any migration is unapplied
        site.manage("makemigrations", "--check", "--dry-run")  # fails on a model change
        plan = site.manage("showmigrations", "--plan").stdout.splitlines()

    applied = {line.removeprefix("[X]").strip() for line in plan if line.startswith("[X]")}
    assert applied == every
    assert not [line for line in plan if line.startswith("[ ]")]
