"""Date and time boxes: the browser's picker reads only ISO values, so every one of the project's
forms uses common.widgets, whose values are ISO in every language."""

import re
from datetime import date, time
from pathlib import Path

import pytest
from django.utils import translation

from common.widgets import IsoDateInput, IsoDateTimeInput, IsoTimeInput

ROOT = Path(__file__).resolve().parents[2]
# Django's own boxes, which write the value in the active language's format (2026/12/09).
DJANGO_BOX = re.compile(r"\b(forms\.)?(Date|Time|DateTime|SplitDateTime)Input\(")


def project_modules():
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "tests", "benchmarks", "node_modules"} or any(
            part.startswith(".venv") or part == "migrations" for part in relative.parts
        ):
            continue
        if relative != Path("common/widgets.py"):
            yield relative, path.read_text(encoding="utf-8")


def test_no_form_uses_djangos_own_date_or_time_box():
    found = [
        f"{relative}:{text[: match.start()].count(chr(10)) + 1}"
        for relative, text in project_modules()
        for match in DJANGO_BOX.finditer(text)
    ]
    assert found == [], "use common.widgets instead: " + ", ".join(found)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_boxes_write_iso_values_in_every_language(language):
    with translation.override(language):
        day = IsoDateInput().render("day", date(2026, 12, 9))
        hour = IsoTimeInput().render("start", time(9, 30))
        moment = IsoDateTimeInput().render("at", "2026-12-09T09:30")
    assert 'type="date"' in day and 'value="2026-12-09"' in day
    assert 'type="time"' in hour and 'value="09:30"' in hour
    assert 'type="datetime-local"' in moment
