"""The horizontal bar chart of percentages, by township or by station."""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext

from .drawing import (
    FONT,
    GAP,
    PAD,
    PALETTE,
    WIDTH,
    Chart,
    Gridline,
    Label,
    Rect,
    baseline,
    check_id,
    fit_text,
    join_items,
    percent_text,
    rounded,
    text_width,
)

LABEL_MAX = 7 * FONT  # seven Chinese characters; longer names get an ellipsis
ROW = 30
BAR_HEIGHT = 20
AXIS = 22  # room for the percent labels above the bars
MIN_TRACK = 96


@dataclass(frozen=True)
class Bar:
    label: str  # a township or station name
    value: float | Decimal | None  # a percentage 0-100; None when there is no data
    url: str = ""  # drill-down: the whole row becomes a link
    note: str = ""  # shown after the value, e.g. "37/52"
    highlight: bool = False  # drawn in another colour and marked in words


@dataclass(frozen=True)
class Piece:
    """A run of text after a bar: the value, the note or the highlight marker."""

    text: str
    fill: str
    bold: bool = False
    spaced: bool = False  # after a space: a real one, so that copied or spoken text reads right


@dataclass(frozen=True)
class BarRow:
    label: str  # in full: the tooltip, and what a screen reader says
    shown_label: str  # truncated with an ellipsis to fit the label column
    label_x: float
    text_y: float
    hit: Rect  # the whole row, the link's target
    bar: Rect | None  # None: no data
    fill: str
    inside: Label | None  # a long bar's value, written in white inside its end
    after_x: float
    after: tuple[Piece, ...]  # written after the bar
    spoken: str  # "Label: 71% 37/52 Lowest"
    url: str
    highlight: bool

    @property
    def truncated(self) -> bool:
        return self.shown_label != self.label


@dataclass(frozen=True, kw_only=True)
class BarChart(Chart):
    template_name = "reports/charts/bars.html"
    rows: tuple[BarRow, ...] = ()
    gridlines: tuple[Gridline, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.rows

    @property
    def role(self) -> str:
        # An image's children are hidden from screen readers, links included: a chart with
        # drill-down links is a group of links instead, each with its own spoken label.
        return "group" if any(row.url for row in self.rows) else "img"


def bar_chart(
    bars: Iterable[Bar],
    *,
    title: str,
    id_prefix: str,
    description: str = "",
    highlight_label: str | None = None,
) -> BarChart:
    """Horizontal bars of percentages, one row per bar: the label on the left, the value (and
    note) after the bar. Highlighted bars are drawn in red and marked with `highlight_label`
    (default "Lowest") so the colour is never the only sign."""
    id_prefix = check_id(id_prefix)
    bars = list(bars)
    title = str(title)
    if not bars:
        return BarChart(id=id_prefix, title=title, description=str(description))
    marker = str(highlight_label) if highlight_label is not None else gettext("Lowest")

    label_column = min(max(text_width(b.label) for b in bars), LABEL_MAX)
    x0 = PAD + label_column + GAP
    right = WIDTH - PAD
    fractions = [
        None if b.value is None else min(max(float(b.value), 0.0), 100.0) / 100 for b in bars
    ]
    values = [gettext("No data") if b.value is None else percent_text(float(b.value)) for b in bars]
    pieces = [
        _after_pieces(value, b.note, marker if b.highlight else "", no_data=fraction is None)
        for b, value, fraction in zip(bars, values, fractions, strict=True)
    ]
    track = _track(fractions, pieces, right - x0 - GAP)

    rows = []
    for index, (b, fraction, after) in enumerate(zip(bars, fractions, pieces, strict=True)):
        top = AXIS + index * ROW
        text_y = baseline(top + ROW / 2)
        bar_width = (fraction or 0) * track
        after_x = x0 + bar_width + GAP
        value = after[0]
        # A long bar whose text would run off the chart writes its value inside its end.
        inside = (
            fraction is not None
            and after_x + _width(after) > right
            and bar_width >= _width([value]) + 2 * GAP
        )
        if inside:
            after = [replace(after[1], spaced=False), *after[2:]] if len(after) > 1 else []
        rows.append(
            BarRow(
                label=b.label,
                shown_label=fit_text(b.label, label_column),
                label_x=rounded(PAD + label_column),
                text_y=text_y,
                hit=Rect(1.5, rounded(top + 1.5), WIDTH - 3, ROW - 3),
                bar=None
                if fraction is None
                else Rect(
                    rounded(x0),
                    rounded(top + (ROW - BAR_HEIGHT) / 2),
                    rounded(bar_width),
                    BAR_HEIGHT,
                ),
                fill=PALETTE.highlight if b.highlight else PALETTE.bar,
                inside=Label(rounded(x0 + bar_width - GAP), text_y, value.text) if inside else None,
                after_x=rounded(after_x),
                after=(fitted := _fit_pieces(after, right - after_x)),
                spoken=gettext("%(label)s: %(value)s")
                % {
                    "label": b.label,
                    "value": _said(pieces[index], value if inside else None, fitted),
                },
                url=b.url,
                highlight=b.highlight,
            )
        )

    bottom = AXIS + len(bars) * ROW
    return BarChart(
        id=id_prefix,
        title=title,
        description=" ".join(
            part for part in (str(description), join_items(row.spoken for row in rows)) if part
        ),
        height=bottom + 4,
        rows=tuple(rows),
        gridlines=_percent_gridlines(x0, track, bottom),
    )


def _after_pieces(value: str, note: str, marker: str, *, no_data: bool) -> list[Piece]:
    pieces = [Piece(value, PALETTE.muted if no_data else PALETTE.ink, bold=True)]
    if note:
        pieces.append(Piece(note, PALETTE.muted, spaced=True))
    if marker:
        pieces.append(Piece(marker, PALETTE.highlight, bold=True, spaced=True))
    return pieces


def _width(pieces: Iterable[Piece]) -> float:
    # A space is 0.2-0.32 em; counting GAP (0.43 em) errs wide, like text_width().
    return sum(piece.spaced * GAP + text_width(piece.text, bold=piece.bold) for piece in pieces)


def _track(fractions: list[float | None], pieces: list[list[Piece]], room: float) -> float:
    """The widest the 0-100% track can be with every row's text still fitting after its bar.
    If that leaves the bars too short, long bars write their value inside instead, and only
    the rest of their text needs room after them."""

    def widest(widths: list[float]) -> float:
        return min(
            [room] + [(room - width) / f for f, width in zip(fractions, widths, strict=True) if f]
        )

    track = widest([_width(after) for after in pieces])
    if track < MIN_TRACK:
        track = widest(
            [
                _width(after[1:])
                if f and f * MIN_TRACK >= _width(after[:1]) + 2 * GAP
                else _width(after)
                for f, after in zip(fractions, pieces, strict=True)
            ]
        )
    return max(track, MIN_TRACK)


def _said(pieces: list[Piece], inside: Piece | None, fitted: tuple[Piece, ...]) -> str:
    """What the link says after its label: the text it shows, in the order shown, then what it
    left out (a note with no room), so that the visible text is part of the spoken name."""
    whole = [piece.text for piece in pieces]
    visible = ([inside.text] if inside else []) + [piece.text for piece in fitted]
    shown = [text for text in visible if text in whole]  # one cut short is said whole, after
    return " ".join(shown + [text for text in whole if text not in shown])


def _fit_pieces(pieces: list[Piece], room: float) -> tuple[Piece, ...]:
    # When the text is too long for any track, the note goes first (37/52: the bar's tooltip
    # and the spoken description keep it), so that the marker is read whole: a marker cut to
    # "Behi…" says nothing, and is text the link's spoken name does not contain. The last
    # resort is to cut with an ellipsis.
    room += 0.01  # a bar sized to fit its text exactly must not lose it to rounding
    if _width(pieces) > room:
        pieces = [p for p in pieces if p.fill != PALETTE.muted or p.bold]
    fitted = []
    for piece in pieces:
        space = room - piece.spaced * GAP
        if space < text_width("…", bold=piece.bold):
            break
        text = fit_text(piece.text, space, bold=piece.bold)
        fitted.append(replace(piece, text=text))
        room = space - text_width(text, bold=piece.bold)
    return tuple(fitted)


def _percent_gridlines(x0: float, track: float, bottom: float) -> tuple[Gridline, ...]:
    gridlines = []
    shown: list[tuple[float, float]] = []
    for percent in (0, 100, 50, 25, 75):  # the quarters only where their labels have room
        x = rounded(x0 + track * percent / 100)
        text = f"{percent}%"
        half = text_width(text) / 2
        labels = ()
        if all(x + half + 2 * GAP < left or x - half - 2 * GAP > right for left, right in shown):
            shown.append((x - half, x + half))
            labels = (Label(x, baseline(AXIS / 2 - 2), text),)
        gridlines.append(Gridline(x, AXIS - 4, x, bottom, labels))
    return tuple(sorted(gridlines, key=lambda line: line.x1))
