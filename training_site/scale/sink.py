"""Bulk writes for the scale data set."""

from collections import Counter, defaultdict
from functools import partial

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import DateTimeField, DecimalField
from django.utils import timezone

BATCH = 10_000


class Sink:
    """Rows waiting to be written, a batch at a time, counted by model.

    Rows are dicts of column values by attname, not model instances, written with COPY on
    PostgreSQL and one executemany elsewhere: bulk_create spends about 100 µs a row building
    its SQL, which at 100,000 deputies (some 3 million rows) is most of the time. A column
    not given gets its field's default, as the ORM would give it.
    """

    def __init__(self):
        self.rows = defaultdict(list)
        self.counts = Counter()

    def add(self, model, **values):
        rows = self.rows[model]
        rows.append(values)
        if len(rows) >= BATCH:
            self.flush(model)

    def flush(self, model=None):
        for m in [model] if model else list(self.rows):
            if self.rows[m]:
                self.write(m, self.rows[m])
                self.counts[m] += len(self.rows[m])
                self.rows[m] = []

    @staticmethod
    def write(model, rows):
        db = connections[DEFAULT_DB_ALIAS]  # not the `connection` proxy: a lookup on every use
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        now = timezone.now()
        defaults = {
            f.attname: now if getattr(f, "auto_now_add", False) else f.get_default() for f in fields
        }
        table = db.ops.quote_name(model._meta.db_table)
        columns = ", ".join(db.ops.quote_name(f.column) for f in fields)
        values = ([row.get(f.attname, defaults[f.attname]) for f in fields] for row in rows)
        with db.cursor() as cursor:
            if db.vendor == "postgresql":
                # psycopg adapts the Python values itself.
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in values:
                        copy.write_row(row)
                return
            # Ids, numbers, text and booleans go as they are; dates and decimals as Django
            # stores them.
            convert = [
                partial(f.get_db_prep_save, connection=db)
                if isinstance(f, DateTimeField | DecimalField)
                else None
                for f in fields
            ]
            prepared = [
                [v if c is None or v is None else c(v) for c, v in zip(convert, row, strict=True)]
                for row in values
            ]
            marks = ", ".join(["%s"] * len(fields))
            insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (model's names)
            cursor.executemany(insert, prepared)


def analyze(models) -> None:
    """Have PostgreSQL gather the statistics its planner needs on the tables just filled. A
    live site's autovacuum does it after large writes, but it may be off (it is on these
    machines), and the pages would then be timed on the planner's guesses."""
    db = connections[DEFAULT_DB_ALIAS]
    if db.vendor != "postgresql":
        return
    with db.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {db.ops.quote_name(model._meta.db_table)}")
