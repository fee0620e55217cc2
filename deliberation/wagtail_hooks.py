"""Deliberation practice in the content admin: each part registers its own hooks in its module."""

from .budgets import admin as budgets_admin  # noqa: F401
