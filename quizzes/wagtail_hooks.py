"""The question bank in the content admin: editing (cms/bank.py), import and export
(cms/transfer.py), the questions the law proposes (cms/cloze.py). Each module registers its own
hooks."""

from .cms import bank, cloze, transfer  # noqa: F401
