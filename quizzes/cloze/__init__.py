"""Questions the law proposes: `finder` reads a law version's articles for facts in numbers
(head counts, deadlines, shares, ages, terms, times), `proposals` makes each a fill-in-the-blank
and a single choice, `services` stores them as `ClozeProposal` rows for editors to approve, edit
or reject in the question bank's admin (`cms/cloze.py`)."""
