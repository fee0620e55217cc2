"""The horizontal bar chart of percentages, by township or by station.

Drawn as an HTML list, not one SVG: only the browser knows the card's width, so the chart
takes it, and a place's name wraps onto a second line rather than being cut (a phone shows each
name in full above its bar; a desktop puts name, bar and value side by side). Each bar is a
tiny SVG stretched to its row, coloured by attributes so it prints; its value is written out in
text beside it, so the colour and length are never the only sign."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext

from .drawing import PALETTE, Chart, check_id, join_items, percent_text, rounded


@dataclass(frozen=True)
class Bar:
    label: str  # a township or station name
    value: float | Decimal | None  # a percentage 0-100; None when there is no data
    url: str = ""  # drill-down: the whole row becomes a link
    note: str = ""  # shown after the value, e.g. "37/52"
    highlight: bool = False  # drawn in another colour and marked in words


@dataclass(frozen=True)
class BarRow:
    label: str  # in full, always
    length: float | None  # the bar's length in percent of its track; None: no data
    value: str  # "71%", or "No data"
    note: str
    marker: str  # the highlight said in words ("Behind"), or ""
    fill: str
    url: str
    highlight: bool

    @property
    def spoken(self) -> str:
        """ "Label: 71% 37/52 Behind": the row as one line of the chart's description."""
        said = " ".join(part for part in (self.value, self.note, self.marker) if part)
        return gettext("%(label)s: %(value)s") % {"label": self.label, "value": said}


@dataclass(frozen=True, kw_only=True)
class BarChart(Chart):
    template_name = "reports/charts/bars.html"
    rows: tuple[BarRow, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.rows


def bar_chart(
    bars: Iterable[Bar],
    *,
    title: str,
    id_prefix: str,
    description: str = "",
    highlight_label: str | None = None,
) -> BarChart:
    """Horizontal bars of percentages, one row per bar: the name, the bar, the value (and
    note). Highlighted bars are drawn in red and marked with `highlight_label` (default
    "Lowest") so the colour is never the only sign."""
    id_prefix = check_id(id_prefix)
    bars = list(bars)
    title = str(title)
    if not bars:
        return BarChart(id=id_prefix, title=title, description=str(description))
    marker = str(highlight_label) if highlight_label is not None else gettext("Lowest")
    rows = tuple(
        BarRow(
            label=b.label,
            length=None if b.value is None else rounded(min(max(float(b.value), 0.0), 100.0)),
            value=gettext("No data") if b.value is None else percent_text(float(b.value)),
            note=b.note,
            marker=marker if b.highlight else "",
            fill=PALETTE.highlight if b.highlight else PALETTE.bar,
            url=b.url,
            highlight=b.highlight,
        )
        for b in bars
    )
    return BarChart(
        id=id_prefix,
        title=title,
        description=" ".join(
            part for part in (str(description), join_items(row.spoken for row in rows)) if part
        ),
        rows=rows,
    )
