"""The one signal `deputies` sends to the apps built on it.

`term_opened` is sent once a county's term change is confirmed
(`term_change.confirm_change`), inside its transaction, with:

- `county`: the county,
- `terms`: the terms just opened (the county's congress and each township's),
- `new`: the deputies new in the term (no seat in the term before),
- `reelected`: the deputies re-elected,
- `by`: the county officer who confirmed it,
- `reelected_choice`: what the county officer chose for re-elected deputies' initial training
  (`TermChange.ReelectedChoice`: "exempted", "refresher" or "required").

`courses` answers it by assigning initial training (初任培训) to the new deputies, and to the
re-elected as chosen.

The rule of every engine's announcement (courses/hooks.py): it is sent inside the transaction
that makes it true, and its listeners write in that same transaction. A listener that raises
rolls the whole change back (no term opened, no roster applied, the change not confirmed), and
the officer confirms again: a term is never opened with its deputies' training unassigned.
Listeners therefore only write rows; what leaves the database they defer with
`transaction.on_commit` or a task enqueued in the transaction.
"""

from django.dispatch import Signal

term_opened = Signal()
