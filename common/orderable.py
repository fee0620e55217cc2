"""Child rows kept in the order they were given, on every database.

Wagtail's `Orderable` orders by `sort_order` alone, and only its admin forms number the rows:
options, answers and lines made in code (a cloze proposal, the demo, a factory) have none.
Rows that tie are returned in whatever order the database finds them, and PostgreSQL moves a
row when it is updated, so a question's options came back in another order after an editor
changed one of them (and the letters a deputy had seen moved with them). Ties are broken by
the primary key: rows made in code keep the order they were made in.
"""

from wagtail.models import Orderable as WagtailOrderable


class Orderable(WagtailOrderable):
    class Meta(WagtailOrderable.Meta):
        abstract = True
        ordering = ["sort_order", "pk"]
