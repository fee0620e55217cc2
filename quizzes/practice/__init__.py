"""The wrong-answer book (错题本) and the daily practice: writes (`services`), reads
(`selectors`) and the deputies' pages (`views`, `urls`).

Every question a deputy gets wrong, in a graded attempt or in practice, goes into their book. A
book entry is due on the day it goes in (tomorrow, after a wrong practice answer). Answered right
on a later day than its last right answer, it climbs one step: due again after
`PRACTICE_INTERVALS_DAYS[step - 1]` days, and mastered once right on `PRACTICE_MASTERY_DAYS`
separate days. A wrong answer starts the count again. Practice writes `PracticeAnswer` and
`WrongAnswer` rows only: it never touches an attempt, so it never changes an exam result.

Questions staff grade (short answers) are left out: practice cannot check them.

The daily practice is up to `DAILY_PRACTICE_SIZE` questions: those already answered today, in
the order answered, then the due book entries, then ready questions the deputy has not practised
for a while, in an order drawn from the deputy and the day. Each question's place depends only
on it, never on what else is in the pool, so the set stays the same through the day as answers
change the book.
"""
