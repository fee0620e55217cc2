"""The question bank in the content admin: editing (cms/bank.py), import and export
(cms/transfer.py). Each module registers its own hooks."""

from .cms import bank, transfer  # noqa: F401
