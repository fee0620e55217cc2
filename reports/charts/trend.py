"""The week-by-week trend: completions each week, and completion so far."""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext, ngettext

from .drawing import (
    GAP,
    PAD,
    WIDTH,
    Chart,
    Gridline,
    Label,
    Point,
    Rect,
    baseline,
    check_id,
    percent_text,
    rounded,
    text_width,
)

LEGEND = 44  # two legend lines
PLOT_TOP = 64  # room above 100% for the latest percentage
PLOT_HEIGHT = 150
X_LABELS = 26  # below the right axis's "0%", which the last week's label may reach


@dataclass(frozen=True)
class TrendPoint:
    start: date  # the week's first day
    count: int  # completions that week
    cumulative: float | Decimal | None  # completion so far, percent 0-100; None: nobody enrolled


@dataclass(frozen=True)
class WeekMark:
    bar: Rect
    dot: Point | None  # None: no percentage that week
    spoken: str  # "Week of 11/3: 12 completions, 35% so far"


@dataclass(frozen=True, kw_only=True)
class TrendChart(Chart):
    template_name = "reports/charts/trend.html"
    weeks: tuple[WeekMark, ...] = ()
    gridlines: tuple[Gridline, ...] = ()
    x_labels: tuple[Label, ...] = ()
    lines: tuple[str, ...] = ()  # polyline points, one run per stretch of weeks with a percentage
    dot_radius: float = 3.5
    last_label: Label | None = None  # the latest percentage, written by its dot
    # The legend: a swatch and a name for the bars, a line with a dot and a name for the line.
    legend_bar: Rect | None = None
    legend_bar_label: Label | None = None
    legend_line: Gridline | None = None
    legend_dot: Point | None = None
    legend_line_label: Label | None = None

    @property
    def empty(self) -> bool:
        return not self.weeks


def nice_step(rough: float) -> int:
    """The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten, and
    whole) that is at least `rough`: the step between the count axis's four gridlines."""
    if rough <= 1:
        return 1
    power = 10 ** math.floor(math.log10(rough))
    for multiple in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        step = multiple * power
        if step >= rough and step == int(step):
            return int(step)
    return int(10 * power)


def week_label(start: date) -> str:
    return f"{start.month}/{start.day}"


def trend_chart(
    points: Iterable[TrendPoint], *, title: str, id_prefix: str, description: str = ""
) -> TrendChart:
    """Bars for each week's completions (left axis) and a line with dots for the cumulative
    completion percentage (right axis), one slot per week in date order. The x axis names
    the week's first day ("11/3"); with many weeks only every so many are named, always
    including the latest."""
    id_prefix = check_id(id_prefix)
    weeks = sorted(points, key=lambda week: week.start)
    title = str(title)
    if not weeks:
        return TrendChart(id=id_prefix, title=title, description=str(description))

    step = nice_step(max(week.count for week in weeks) / 4)
    top_count = 4 * step
    left = PAD + text_width(str(top_count)) + GAP
    right = WIDTH - PAD - text_width("100%") - GAP
    bottom = PLOT_TOP + PLOT_HEIGHT
    slot = (right - left) / len(weeks)
    bar_width = min(slot * 0.6, 28)

    def y_of(fraction: float) -> float:
        return rounded(bottom - min(max(fraction, 0.0), 1.0) * PLOT_HEIGHT)

    gridlines = tuple(
        Gridline(
            rounded(left),
            y_of(k / 4),
            rounded(right),
            y_of(k / 4),
            (
                Label(rounded(left - GAP), baseline(y_of(k / 4)), str(k * step)),
                Label(rounded(right + GAP), baseline(y_of(k / 4)), f"{k * 25}%"),
            ),
        )
        for k in range(5)
    )

    marks = []
    for index, week in enumerate(weeks):
        center = left + (index + 0.5) * slot
        height = week.count / top_count * PLOT_HEIGHT
        percent = None if week.cumulative is None else float(week.cumulative)
        marks.append(
            WeekMark(
                bar=Rect(
                    rounded(center - bar_width / 2),
                    rounded(bottom - height),
                    rounded(bar_width),
                    rounded(height),
                ),
                dot=None if percent is None else Point(rounded(center), y_of(percent / 100)),
                spoken=_spoken_week(week, percent),
            )
        )

    # Name every k-th week, counting back from the latest, so that labels never touch.
    widest = max(text_width(week_label(week.start)) for week in weeks)
    every = max(1, math.ceil((widest + 2 * GAP) / slot))
    x_labels = tuple(
        Label(rounded(left + (i + 0.5) * slot), bottom + X_LABELS - 6, week_label(weeks[i].start))
        for i in range(len(weeks) - 1, -1, -every)
    )[::-1]

    # The line breaks where a week has no percentage.
    lines, run = [], []
    for mark in [*marks, None]:
        if mark and mark.dot:
            run.append(f"{mark.dot.x},{mark.dot.y}")
        elif run:
            lines.append(" ".join(run))
            run = []
    latest = next(
        ((mark, week) for mark, week in zip(marks[::-1], weeks[::-1], strict=True) if mark.dot),
        None,
    )
    bar_y, line_y = LEGEND / 4, 3 * LEGEND / 4
    return TrendChart(
        id=id_prefix,
        title=title,
        description=" ".join(part for part in (str(description), _summary(weeks)) if part),
        height=bottom + X_LABELS,
        weeks=tuple(marks),
        gridlines=gridlines,
        x_labels=x_labels,
        lines=tuple(lines),
        dot_radius=3.5 if slot >= 10 else 2.5,
        last_label=Label(
            latest[0].dot.x,
            rounded(latest[0].dot.y - 9),
            percent_text(float(latest[1].cumulative)),
        )
        if latest
        else None,
        legend_bar=Rect(PAD + 4, bar_y - 6, 12, 12),
        legend_bar_label=Label(PAD + 24, baseline(bar_y), gettext("Completions that week")),
        legend_line=Gridline(PAD, line_y, PAD + 20, line_y),
        legend_dot=Point(PAD + 10, line_y),
        legend_line_label=Label(PAD + 24, baseline(line_y), gettext("Completed so far (%)")),
    )


def _spoken_week(week: TrendPoint, percent: float | None) -> str:
    values = {
        "week": week_label(week.start),
        "count": week.count,
        "percent": gettext("no data") if percent is None else percent_text(percent),
    }
    return (
        ngettext(
            "Week of %(week)s: %(count)s completion, %(percent)s so far",
            "Week of %(week)s: %(count)s completions, %(percent)s so far",
            week.count,
        )
        % values
    )


def _summary(weeks: list[TrendPoint]) -> str:
    """What the chart shows, in words, for its <desc>."""
    total = sum(week.count for week in weeks)
    sentences = [
        ngettext(
            "From the week of %(first)s to the week of %(last)s: %(total)s completion.",
            "From the week of %(first)s to the week of %(last)s: %(total)s completions.",
            total,
        )
        % {
            "first": week_label(weeks[0].start),
            "last": week_label(weeks[-1].start),
            "total": total,
        }
    ]
    known = [week for week in weeks if week.cumulative is not None]
    if known:
        sentences.append(
            gettext("%(percent)s completed by the week of %(week)s.")
            % {
                "percent": percent_text(float(known[-1].cumulative)),
                "week": week_label(known[-1].start),
            }
        )
    if total:
        busiest = max(weeks, key=lambda week: week.count)
        sentences.append(
            gettext("The busiest week was the week of %(week)s (%(count)s).")
            % {"week": week_label(busiest.start), "count": busiest.count}
        )
    return " ".join(sentences)
