"""Date and time boxes that the browser's own pickers can read, whatever the language.

`<input type="date">`, `type="time"` and `type="datetime-local"` take their value only in the
HTML formats (2026-12-09, 09:30, 2026-12-09T09:30), in every language. Django's DateInput
writes the value in the active language's first input format instead: 2026/12/09 in Chinese,
which the browser cannot read, so the box shows empty and saving the form refuses the missing
date. These widgets always write the HTML format. Every language's input formats read it back
(DateField and TimeField accept ISO in both of ours; DateTimeField reads ISO in any language).

Use them for every date and time box instead of DateInput(attrs={"type": "date"}).
"""

from django import forms

DATE_FORMAT = "%Y-%m-%d"
TIME_FORMAT = "%H:%M"
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class IsoDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATE_FORMAT)


class IsoTimeInput(forms.TimeInput):
    """Minutes only: with seconds in its value, a time box asks for seconds too."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=TIME_FORMAT)


class IsoDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)
