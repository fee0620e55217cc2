"""What a reader is told about a lesson's reading time, from the server's own figures.

A lesson counts as read (`LessonProgress.completed_at`) once the time credited on screen
reaches `services.required_seconds` and the reader has reached its end (or the deputy studied
it together at a liaison station). The lesson page renders this status first; every report of
reading time (`views.report_reading`) answers with it again, so the page's script shows the
same words without a reload and never reckons on its own.
"""

from dataclasses import dataclass
from math import ceil

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class ReadingStatus:
    seconds: int  # credited so far
    required: int  # what counts the lesson as read
    reached_end: bool
    complete: bool

    @classmethod
    def of(cls, progress, required: int) -> "ReadingStatus":
        """The status of a deputy's progress row (None: the lesson never opened)."""
        if progress is None:
            return cls(seconds=0, required=required, reached_end=False, complete=False)
        return cls(
            seconds=progress.seconds,
            required=required,
            reached_end=progress.reached_end,
            complete=progress.completed_at is not None,
        )

    @property
    def seconds_left(self) -> int:
        return 0 if self.complete else max(0, self.required - self.seconds)

    @property
    def percent(self) -> int:
        if self.complete or not self.required:
            return 100
        return min(100, 100 * self.seconds // self.required)

    def _time_left(self, *, capital: bool) -> str:
        """The reading time still needed, rounded up to whole minutes."""
        left = self.seconds_left
        if left < 60:
            if capital:
                return _("Less than a minute more of reading")
            return _("less than a minute more of reading")
        minutes = ceil(left / 60)
        if capital:
            words = ngettext(
                "About %(minutes)d more minute of reading",
                "About %(minutes)d more minutes of reading",
                minutes,
            )
        else:
            words = ngettext(
                "about %(minutes)d more minute of reading",
                "about %(minutes)d more minutes of reading",
                minutes,
            )
        return words % {"minutes": minutes}

    @property
    def text(self) -> str:
        """One line at the top of the lesson: the time still needed, or that it has counted."""
        if self.complete:
            return _("Lesson completed")
        if self.seconds_left:
            return self._time_left(capital=True)
        return _("Reading time reached: read on to the end of the lesson to complete it")

    @property
    def missing(self) -> str:
        """Why the lesson has not counted yet: the time still needed, or its end; empty once
        it has counted."""
        if self.complete:
            return ""
        if self.seconds_left and not self.reached_end:
            return _("%(time)s, and reading to the end of the lesson") % {
                "time": self._time_left(capital=False)
            }
        if self.seconds_left:
            return self._time_left(capital=False)
        return _("reading to the end of the lesson")

    @property
    def note(self) -> str:
        """What the end of an uncounted lesson says beside the next lesson's button."""
        if self.complete:
            return ""
        return _("This lesson is not counted yet: %(missing)s.") % {"missing": self.missing}

    def as_json(self) -> dict:
        return {
            "seconds": self.seconds,
            "required": self.required,
            "reached_end": self.reached_end,
            "complete": self.complete,
            "percent": self.percent,
            "text": self.text,
            "note": self.note,
        }
