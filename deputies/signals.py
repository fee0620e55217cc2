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
"""

from django.dispatch import Signal

term_opened = Signal()
