from django.apps import AppConfig


class BackupConfig(AppConfig):
    """An app only for its commands (`manage.py backup`, `restore`): it has no models and
    imports no other app."""

    name = "backup"
    verbose_name = "Backup"
