"""What the database kept of the burst under faults, against what each deputy was told.

    DJANGO_SETTINGS_MODULE=benchmarks.settings DATABASE_URL=… python benchmarks/faults_check.py \\
        plan.json faults-record.json

`run.py` runs it after the phase. The record is the locust users' (`QuizUnderFaults`): for
each deputy the attempt, the option the server last confirmed for each question, and the
changes it never confirmed. Prints one line of JSON:
- lost: answers confirmed but not in the database as confirmed, and changes never confirmed;
- half_written: attempts of the phase not whole: not twenty questions, not graded (every
  question here is single-choice, graded on submission), a question without its score, or
  a total that is not the sum of the scores;
- submitted: attempts graded, of `deputies`; extra: attempts no deputy was told of (a start
  sent again must give the open attempt, not a second one).
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

import django  # noqa: E402

django.setup()

from quizzes.models import Attempt  # noqa: E402

QUESTIONS = 20


def check(plan: dict, record: dict) -> dict:
    attempts = {
        a.pk: a
        for a in Attempt.objects.filter(quiz_id=plan["faults"]["quiz"]).prefetch_related("items")
    }
    told = {d["attempt"] for d in record["deputies"] if d["attempt"] is not None}
    lost = sum(len(d["unsent"]) for d in record["deputies"])
    for deputy in record["deputies"]:
        attempt = attempts.get(deputy["attempt"])
        kept = {str(i.pk): i.response for i in attempt.items.all()} if attempt else {}
        lost += sum(
            1
            for item, option in deputy["saved"].items()
            if kept.get(item) != {"option": int(option)}
        )
    half_written = 0
    for attempt in attempts.values():
        items = list(attempt.items.all())
        whole = (
            len(items) == QUESTIONS
            and attempt.status == Attempt.Status.GRADED
            and all(i.score is not None for i in items)
            and attempt.score == sum(i.score for i in items)
        )
        half_written += attempt.status != Attempt.Status.IN_PROGRESS and not whole
    return {
        "deputies": len(plan["faults"]["sessions"]),
        "started": len(told),
        "submitted": sum(
            1 for pk in told if pk in attempts and attempts[pk].status == Attempt.Status.GRADED
        ),
        "submit_confirmed": sum(1 for d in record["deputies"] if d["submitted"]),
        "answers_confirmed": sum(len(d["saved"]) for d in record["deputies"]),
        "lost": lost,
        "half_written": half_written,
        "extra": len(set(attempts) - told),
    }


if __name__ == "__main__":
    plan = json.loads(Path(sys.argv[1]).read_text())
    record = json.loads(Path(sys.argv[2]).read_text())
    print(json.dumps(check(plan, record)))
