"""Strings of Django's own that its Chinese catalogue does not translate yet (Django 6.1), named
here so that `make messages` puts them in ours, which is read first (LOCALE_PATHS)."""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = [
    # The empty choice of every select built from a model or a form field with a blank choice.
    gettext_noop("- Select an option -"),
]
