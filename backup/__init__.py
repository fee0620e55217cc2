"""Backups: one archive holding a consistent copy of the database and every media file, and the
restore of such an archive onto this machine or a fresh one (`manage.py backup` / `restore`).

services.py backs up and restores; archive.py writes, reads and checks the archive;
databases.py copies and replaces a SQLite or PostgreSQL database. It serves the whole site and
imports no app (pyproject.toml, the import-linter contracts); it is a Django app only for its
commands.
"""
