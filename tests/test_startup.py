"""What a server's worker carries from the start: the site, not what one rare page needs.

jieba's part-of-speech tagger and dictionary (the proposal checker's, `proposals.reading`) took
some 90 MB of every gunicorn worker at import and 50 MB more on first use (now 110 MB in all);
a worker that serves lessons and quizzes never needs them. They load when a text is first
checked."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STARTS = """
import sys
from training_site.wsgi import application
print(sorted({name.split(".")[0] for name in sys.modules}))
from proposals import reading
reading.words("村口装上路灯")
print("jieba" in sys.modules)
"""


def test_a_worker_starts_without_jieba_and_loads_it_on_first_check():
    started = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", STARTS],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "training_site.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    at_start, after_a_check = started.stdout.splitlines()

    assert "wagtail" in at_start and "proposals" in at_start
    assert "jieba" not in at_start
    assert after_a_check == "True"
